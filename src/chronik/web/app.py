"""The web service: the REST API under /v1, the pages, the OpenAPI description and its viewer at /docs.

``create_app(db)`` builds it; ``chronik serve`` runs it with uvicorn. Routes are thin: coding is done by
:class:`chronik.web.coding.Coder`, reading the store by :class:`chronik.web.corpus.Corpus`.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, MutableMapping
from contextlib import asynccontextmanager
from importlib.resources import files
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from pydantic import Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from chronik import __version__
from chronik.errors import (
    ChronikError,
    CodingTimeout,
    ForeignHost,
    InputError,
    InvalidRequest,
    NotFound,
    RequestTooLarge,
    Unauthorized,
    WebError,
)
from chronik.web import models
from chronik.web.coding import Coder
from chronik.web.corpus import Corpus, Filters, make_filters
from chronik.web.settings import WebSettings, is_loopback

log = logging.getLogger("chronik.web")

STATIC = files("chronik.web") / "static"
ERRORS: dict[int | str, dict[str, Any]] = {
    s: {"model": models.ErrorBody, "description": d} for s, d in (
        (400, "the request body cannot be read (not JSON in UTF-8)"),
        (401, "API token missing or wrong"), (404, "not found"), (413, "request body too large"),
        (422, "parameters or body do not fit the API"), (503, "too many coding requests at once"),
        (504, "took longer than the service allows"))}

# the pages load nothing from elsewhere: scripts, styles, data and images come from this server
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


def error_response(exc: ChronikError, status: int | None = None,
                   headers: Mapping[str, str] | None = None) -> JSONResponse:
    status = status or int(getattr(exc, "status", 400))
    body = models.ErrorBody(status=status, code=exc.code, message=exc.message, hint=exc.hint)
    headers = dict(headers or {})
    if status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    if status == 503:
        headers["Retry-After"] = "2"
    return JSONResponse(body.model_dump(), status_code=status, headers=headers or None)


class BodyLimit:
    """Answers 413 (JSON) when a request body is larger than ``max_bytes``: at once when Content-Length says
    so, else as soon as the streamed body passes the limit."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    def too_large(self) -> RequestTooLarge:
        return RequestTooLarge(f"the request body is larger than {self.max_bytes} bytes",
                               hint="send a shorter text (split long documents), or start the service with a "
                                    "larger --max-bytes")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    too_big = int(value) > self.max_bytes
                except ValueError:
                    too_big = False
                if too_big:
                    await error_response(self.too_large())(scope, receive, send)
                    return
        received = 0
        started = exceeded = False

        async def limited_receive() -> Message:
            nonlocal received, exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    exceeded = True
                    raise _BodyTooLarge
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if exceeded:  # the app turned the interrupted body into an error of its own: answer 413 instead
                if not started:
                    started = True
                    await error_response(self.too_large())(scope, receive, send)
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except _BodyTooLarge:
            if not started:
                await error_response(self.too_large())(scope, receive, send)


class _BodyTooLarge(Exception):
    pass


class LoopbackHostOnly:
    """On a service bound to this machine only, a request must name this machine in its Host header
    (localhost, 127.0.0.1, [::1]): a web page elsewhere cannot then read the API through a DNS name that
    it points at 127.0.0.1 (DNS rebinding)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            host = next((v.decode("latin-1") for k, v in scope.get("headers", []) if k == b"host"), "")
            name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
            if host.startswith("[") and "]" in host:
                name = host[:host.index("]") + 1]
            if not is_loopback(name):
                err = ForeignHost(f"this service answers requests for this machine only, not for {host!r}",
                                  hint="open it as http://127.0.0.1:PORT/ or http://localhost:PORT/; to serve "
                                       "other names bind another --host with a --token")
                await error_response(err)(scope, receive, send)
                return
        await self.app(scope, receive, send)


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
                            (b"x-frame-options", b"DENY"), (b"content-security-policy", CSP.encode())]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


def _validation_message(exc: RequestValidationError) -> tuple[str, str]:
    problems = []
    for err in exc.errors()[:10]:
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path"))
        problems.append(f"{where or 'request'}: {err.get('msg', 'invalid')}")
    return "; ".join(problems), "see the parameters and the request body of this endpoint at /docs"


# --- authentication ------------------------------------------------------------------------------
bearer = HTTPBearer(auto_error=False, description="the service's API token (chronik serve --token)")


async def require_token(request: Request,
                        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> None:
    token = request.app.state.settings.token
    given = credentials.credentials if credentials else ""
    if not token or not hmac.compare_digest(given.encode(), token.encode()):
        raise Unauthorized("this service needs its API token", hint="send the header 'Authorization: Bearer TOKEN' "
                           "(the token given to chronik serve --token or $CHRONIK_TOKEN)")


# --- query parameters shared by the corpus endpoints --------------------------------------------
Actor = Annotated[str | None, Query(max_length=40, pattern=r"^[A-Za-z0-9]*$",
                                    description="actor code prefix, source or target (RUS matches RUSGOV)")]
Code = Annotated[str | None, Query(max_length=40, pattern=r"^[A-Za-z0-9]*$", description="actor code prefix")]
Root = Annotated[list[Literal["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13",
                              "14", "15", "16", "17", "18", "19", "20"]],
                 Query(description="CAMEO root (repeatable)")]
Cameo = Annotated[str | None, Query(max_length=4, pattern=r"^[0-9]*$", description="CAMEO code prefix (042)")]
Modes = Annotated[list[models.ModeName], Query(description="event mode (repeatable)")]
Quad = Annotated[list[Annotated[int, Field(ge=1, le=4)]],
                 Query(description="QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, "
                                   "4 material conflict")]
Day = Annotated[models.IsoDate | None, Query(description="YYYY-MM-DD")]
Text = Annotated[str | None, Query(max_length=500)]
Level = Annotated[Literal["country", "code"], Query(description="actors as countries (RUS) or full codes "
                                                                "(RUSGOV)")]


def filters(actor: Actor = None, source: Code = None, target: Code = None, root: Root = [],  # noqa: B006
            cameo: Cameo = None, mode: Modes = [], quad: Quad = [], since: Day = None,  # noqa: B006
            until: Day = None, outlet: Text = None, place: Text = None,
            doc_id: Annotated[str | None, Query(max_length=200, description="only this stored document")] = None
            ) -> Filters:
    return make_filters(actor=actor, source=source, target=target, root=root, cameo=cameo, mode=mode,
                        since=since, until=until, outlet=outlet, quad=quad, place=place, doc_id=doc_id)


Filtered = Annotated[Filters, Depends(filters)]


def create_app(db: str | None = None, *, settings: WebSettings | None = None, **overrides: Any) -> FastAPI:
    """The service on the store ``db`` (a DuckDB file or postgresql:// DSN, opened read-only), or on an
    empty in-memory store when ``db`` is None. ``settings`` (or keyword overrides of its fields) set the
    token and the limits; see :class:`chronik.web.settings.WebSettings`."""
    base = settings or WebSettings()
    fields = {f: getattr(base, f) for f in base.__dataclass_fields__}
    fields.update(overrides)
    if db is not None:
        fields["db"] = db
    cfg = WebSettings(**fields)
    corpus = Corpus(cfg.db)  # opened now: a wrong --db fails at start, not at the first request
    coder = Coder(cfg.langs, timeout=cfg.timeout, max_pending=cfg.max_pending, workers=cfg.workers)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        corpus.open()
        await coder.start(warm=cfg.preload)
        yield
        coder.close()
        corpus.close()

    app = FastAPI(title="chronik", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Political event data from news text: code an article into CAMEO events, actor "
                              "mentions and quotations; query a corpus's events, dyads, timeline, network and "
                              "places. Errors are JSON objects with a code, a message and a hint.")
    app.state.settings = cfg
    app.state.corpus = corpus
    app.state.coder = coder
    if is_loopback(cfg.host):
        app.add_middleware(LoopbackHostOnly)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodyLimit, max_bytes=cfg.max_bytes)

    # --- errors as JSON ---------------------------------------------------------------------------
    @app.exception_handler(ChronikError)
    async def chronik_error(request: Request, exc: ChronikError) -> JSONResponse:
        status = exc.status if isinstance(exc, WebError) else 400 if isinstance(exc, InputError) else 500
        if status >= 500 and not isinstance(exc, WebError):
            log.error("%s", exc)
        return error_response(exc, status)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        message, hint = _validation_message(exc)
        return error_response(InvalidRequest(message, hint=hint))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 400:
            err: ChronikError = InputError(f"the request cannot be read: {exc.detail}",
                                           hint="send a JSON object in UTF-8 (Content-Type: application/json)")
        elif exc.status_code == 404:
            err = NotFound(f"nothing at {request.url.path}",
                           hint="the API is under /v1 (see /docs); the pages are / and /corpus")
        else:
            err = WebError(str(exc.detail), hint="see /docs for the methods and parameters of each endpoint")
        return error_response(err, exc.status_code, headers=exc.headers)

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> JSONResponse:
        log.exception("request %s %s failed", request.method, request.url.path)
        err = ChronikError(f"internal error: {type(exc).__name__}", hint="this is a bug in chronik; please report "
                           "it with the request that caused it")
        err.code = "E600"
        return error_response(err, 500)

    guard = [Depends(require_token)] if cfg.token else []

    async def read(fn: Callable[[], Any]) -> Any:
        """A store query in a worker thread, within the time limit (the query is interrupted after it)."""
        try:
            return await asyncio.wait_for(asyncio.to_thread(fn), cfg.timeout)
        except TimeoutError:
            corpus.interrupt()
            raise CodingTimeout(f"the query took longer than {cfg.timeout:g} s",
                                hint="narrow the filters (dates, actor, root)") from None

    # --- the API ----------------------------------------------------------------------------------
    @app.get("/v1/health", response_model=models.Health, tags=["service"])
    async def health() -> dict[str, Any]:
        """Whether the service runs (no token needed)."""
        return {"status": "ok", "version": __version__}

    @app.post("/v1/code", response_model=models.CodedDocument, tags=["coding"], dependencies=guard,
              responses=ERRORS)
    async def code(body: models.CodeRequest) -> dict[str, Any]:
        """Code a text or a document: its events, actor mentions, places, dates and quotations, each with
        character offsets into the text. Nothing is stored."""
        result: dict[str, Any] = await coder.code(body.text, date=body.date, language=body.language,
                                                  doc_id=body.doc_id, title=body.title, url=body.url,
                                                  source=body.source)
        return result

    @app.get("/v1/summary", response_model=models.Summary, tags=["corpus"], dependencies=guard, responses=ERRORS)
    async def summary() -> dict[str, Any]:
        """What the store holds: documents, events, date range, outlets."""
        out: dict[str, Any] = await read(corpus.summary)
        out["token_required"] = bool(cfg.token)
        return out

    @app.get("/v1/events", response_model=models.EventPage, tags=["corpus"], dependencies=guard,
             responses=ERRORS)
    async def events(f: Filtered, limit: Annotated[int, Query(ge=1, le=1000)] = 100,
                     offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0) -> dict[str, Any]:
        """Stored events with their articles, filtered as ``chronik events`` filters, a page at a time."""
        result: dict[str, Any] = await read(lambda: corpus.events(f, limit, offset))
        return result

    @app.get("/v1/dyads", response_model=models.DyadPage, tags=["corpus"], dependencies=guard, responses=ERRORS)
    async def dyads(f: Filtered, by: Annotated[Literal["day", "week", "month", "year"], Query()] = "month",
                    level: Level = "country", limit: Annotated[int, Query(ge=1, le=5000)] = 500,
                    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0) -> dict[str, Any]:
        """Per dyad and period: events, Goldstein sum and mean, events per QuadClass, articles (as
        ``chronik dyads``)."""
        result: dict[str, Any] = await read(lambda: corpus.dyads(f, by, level, limit, offset))
        return result

    @app.get("/v1/timeline", response_model=models.Timeline, tags=["corpus"], dependencies=guard,
             responses=ERRORS)
    async def timeline(f: Filtered, by: Annotated[Literal["day", "week", "month", "year"], Query()] = "day"
                       ) -> dict[str, Any]:
        """Events per day (or week, month, year) by QuadClass."""
        result: dict[str, Any] = await read(lambda: corpus.timeline(f, by))
        return result

    @app.get("/v1/network", response_model=models.Network, tags=["corpus"], dependencies=guard,
             responses=ERRORS)
    async def network(f: Filtered, level: Level = "country",
                      max_edges: Annotated[int, Query(ge=1, le=1000)] = 150) -> dict[str, Any]:
        """Actors as nodes, source → target edges with their number of events, mean Goldstein value and
        events per QuadClass (the strongest ``max_edges`` edges)."""
        result: dict[str, Any] = await read(lambda: corpus.network(f, level, max_edges))
        return result

    @app.get("/v1/places", response_model=models.Places, tags=["corpus"], dependencies=guard, responses=ERRORS)
    async def places(f: Filtered, limit: Annotated[int, Query(ge=1, le=5000)] = 1000) -> dict[str, Any]:
        """Where the events happened: one point per place with its events by QuadClass."""
        result: dict[str, Any] = await read(lambda: corpus.places(f, limit))
        return result

    @app.get("/v1/documents/{doc_id}", response_model=models.StoredDocument, tags=["corpus"],
             dependencies=guard, responses=ERRORS)
    async def document(doc_id: Annotated[str, Path(min_length=1, max_length=200)]) -> dict[str, Any]:
        """A stored article (by its id, or by the id its source gave it) with its actor mentions, events
        and quotations."""
        result: dict[str, Any] = await read(lambda: corpus.document(doc_id))
        return result

    # --- pages and assets -------------------------------------------------------------------------
    def page(name: str) -> Callable[[], Awaitable[FileResponse]]:
        async def serve_page() -> FileResponse:
            return FileResponse(str(STATIC / name), media_type="text/html")

        return serve_page

    app.get("/", include_in_schema=False)(page("code.html"))
    app.get("/corpus", include_in_schema=False)(page("corpus.html"))
    app.get("/document", include_in_schema=False)(page("document.html"))

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return HTMLResponse(DOCS_HTML)

    @app.get("/favicon.ico", include_in_schema=False)
    async def favicon() -> Response:
        return RedirectResponse("/static/favicon.svg")

    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    return app


DOCS_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>chronik API</title>
<link rel="stylesheet" href="/static/vendor/swagger-ui/swagger-ui.css">
<link rel="icon" href="/static/favicon.svg"></head>
<body><div id="swagger-ui"></div>
<script src="/static/vendor/swagger-ui/swagger-ui-bundle.js"></script>
<script src="/static/docs.js"></script></body></html>
"""

