"""``chronik serve``: the REST API and the pages (the library builds the app; this runs it)."""

from __future__ import annotations

import click

from chronik.web.settings import (
    DEFAULT_HOST,
    DEFAULT_MAX_BYTES,
    DEFAULT_PORT,
    DEFAULT_TIMEOUT,
    TOKEN_ENV,
    WebSettings,
    check_bind,
)


@click.command("serve")
@click.option("--db", default=None, help="The store to show: a DuckDB file or a postgresql:// DSN, opened read-only "
              "(default: an empty in-memory store; coding a pasted article needs no corpus).")
@click.option("--host", default=DEFAULT_HOST, show_default=True,
              help="Address to bind; anything but a loopback address needs --token.")
@click.option("--port", type=click.IntRange(0, 65535), default=DEFAULT_PORT, show_default=True, help="TCP port.")
@click.option("--token", envvar=TOKEN_ENV, show_envvar=True,
              help="API token that requests to /v1 must send as 'Authorization: Bearer TOKEN'.")
@click.option("--max-bytes", type=click.IntRange(min=1024), default=DEFAULT_MAX_BYTES, show_default=True,
              help="Largest request body accepted (413 above it).")
@click.option("--timeout", type=click.FloatRange(min=0.01), default=DEFAULT_TIMEOUT, show_default=True,
              help="Seconds allowed for coding one document or answering one query (504 after it).")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Coding processes, each with its own pipelines (1: code in a thread of the server process; "
                   "under load, the number of cores).")
def serve_cmd(db: str | None, host: str, port: int, token: str | None, max_bytes: int, timeout: float,
              workers: int) -> None:
    """Serve the API (/v1, described at /docs) and the pages: code an article (/), a corpus (/corpus)."""
    import uvicorn

    from chronik.web.app import create_app

    settings = WebSettings(db=db, host=host, token=token or None, max_bytes=max_bytes, timeout=timeout,
                           workers=workers)
    check_bind(settings)
    app = create_app(settings=settings)  # a wrong --db fails here, before the port is bound
    click.echo(f"chronik serves {db or 'an empty in-memory store'} on http://{host}:{port}/ "
               f"(API docs at /docs){'; API token required' if token else ''}", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)


COMMANDS = (serve_cmd,)
