"""Coding one document for the web service: the pipelines of every language, built once, run either in
one thread of the server process (``workers=1``) or in a pool of coding processes (``workers=N``), each
request with a deadline that is checked between pipeline components.

With a pool the server process only speaks HTTP and reads the store; requests wait in one queue and go to
whichever coding process is free, so no process idles while another has a queue."""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import time
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from datetime import date as Date
from functools import partial
from typing import Any

from chronik.errors import CodingTimeout, ServiceBusy
from chronik.events.codebook import CodeNames
from chronik.model import Document
from chronik.pipeline import MultiPipeline

log = logging.getLogger("chronik.web")

WARM_UP = {
    "de": "US-Aussenminister John Kerry traf am Donnerstag in Moskau den russischen Präsidenten Wladimir Putin.",
    "en": "US Secretary of State John Kerry met Russian President Vladimir Putin in Moscow on Thursday.",
}


def _timeout_error(timeout: float, where: str = "") -> CodingTimeout:
    return CodingTimeout(f"coding took longer than {timeout:g} s{where}",
                         hint="send a shorter text, or start the service with a larger --timeout")


class Pipelines:
    """The pipelines of one process and what turns a coded document into the API's answer."""

    def __init__(self, langs: tuple[str, ...]) -> None:
        self.nlp = MultiPipeline(langs)
        self.cameo_name = CodeNames()

    def warm(self) -> None:
        """Build every language's pipeline and code one sentence, so the first request is not slow."""
        for lang in self.nlp.langs:
            self.nlp.pipeline(lang)(WARM_UP.get(lang, WARM_UP["de"]), date="2015-03-05")

    def code(self, text: str, *, date: Date | None = None, language: str | None = None, doc_id: str = "doc",
             title: str | None = None, url: str | None = None, source: str | None = None,
             deadline: float | None = None, timeout: float = 0.0) -> dict[str, Any]:
        """Code one document; past ``deadline`` (a ``time.time()`` value) stop before the next component."""
        started = time.perf_counter()
        doc = Document(text=text, doc_id=doc_id, date=date, lang=language or "", title=title, url=url,
                       source=source)
        doc.lang = self.nlp.language_of(doc)
        for component in self.nlp.pipeline(doc.lang).components:
            if deadline is not None and time.time() > deadline:
                raise _timeout_error(timeout, f" and was stopped before '{component.name}'")
            doc = component(doc)
        return self.to_response(doc, (time.perf_counter() - started) * 1000)

    def to_response(self, doc: Document, elapsed_ms: float) -> dict[str, Any]:
        """``Document.to_dict()`` with the text, the rule behind each mention and date, and code names."""
        out = doc.to_dict()
        out["text"] = doc.text
        for m, d in zip(doc.mentions, out["mentions"], strict=True):
            d["rule"] = m.actor.source
        for t, d in zip(doc.times, out["times"], strict=True):
            d["rule"] = t.rule
        for e in out["events"]:
            e["cameo_name"] = self.cameo_name(e["cameo"])
        out["elapsed_ms"] = round(elapsed_ms, 2)
        return out



# --- in a coding process: its pipelines, built once by the pool's initializer -------------------------
_process_pipelines: Pipelines | None = None


def _start_process(langs: tuple[str, ...]) -> None:
    global _process_pipelines
    _process_pipelines = Pipelines(langs)
    _process_pipelines.warm()


def _code_in_process(kwargs: dict[str, Any]) -> dict[str, Any]:
    assert _process_pipelines is not None, "the coding process was not started by the pool"
    return _process_pipelines.code(**kwargs)


def _ready() -> bool:
    time.sleep(0.05)  # keeps this process busy so the pool starts the next one for the next task
    return _process_pipelines is not None


class Coder:
    """Codes documents: at most ``max_pending`` waiting or running, each within ``timeout`` seconds.
    ``workers=1`` codes in one thread of this process; ``workers=N`` in N processes (spawned)."""

    def __init__(self, langs: tuple[str, ...] = ("de", "en"), timeout: float = 20.0, max_pending: int = 32,
                 workers: int = 1) -> None:
        self.langs = tuple(langs)
        self.timeout = timeout
        self.max_pending = max_pending
        self.workers = max(1, workers)
        self.pending = 0
        self.local = Pipelines(self.langs) if self.workers == 1 else None
        self._pool: Executor | None = None

    @property
    def pool(self) -> Executor:
        if self._pool is None:
            if self.workers == 1:
                self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="chronik-coder")
            else:
                self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                                 initializer=_start_process, initargs=(self.langs,))
        return self._pool

    async def start(self, warm: bool = True) -> None:
        """Start the coding thread or processes; with ``warm``, build and warm their pipelines now."""
        loop = asyncio.get_running_loop()
        if self.local is not None:
            if warm:
                await loop.run_in_executor(self.pool, self.local.warm)
            return
        if warm:  # one task per process at once, so that every process starts (and warms up) now
            await asyncio.gather(*(loop.run_in_executor(self.pool, _ready) for _ in range(self.workers)))

    def close(self) -> None:
        """Stop the coders: waiting requests are dropped, running ones end (their deadline bounds them)."""
        if self._pool is not None:
            self._pool.shutdown(wait=self.local is None, cancel_futures=True)
            self._pool = None

    def code_sync(self, text: str, **kwargs: Any) -> dict[str, Any]:
        """Code in the calling thread (``workers=1`` only)."""
        assert self.local is not None, "code_sync needs workers=1"
        return self.local.code(text, timeout=self.timeout, **kwargs)

    async def code(self, text: str, **kwargs: Any) -> dict[str, Any]:
        """Code one document; 503 when too much waits already, 504 when it takes longer than the timeout."""
        if self.pending >= self.max_pending:
            raise ServiceBusy(f"{self.pending} coding requests are waiting or running",
                              hint="retry in a few seconds, or send fewer requests at once")
        self.pending += 1
        loop = asyncio.get_running_loop()
        deadline = time.time() + self.timeout
        try:
            if self.local is not None:
                job = loop.run_in_executor(self.pool, partial(self.code_sync, text, deadline=deadline, **kwargs))
            else:
                job = loop.run_in_executor(self.pool, _code_in_process,
                                           dict(kwargs, text=text, deadline=deadline, timeout=self.timeout))
            result: dict[str, Any] = await asyncio.wait_for(job, self.timeout)
            return result
        except TimeoutError:
            raise _timeout_error(self.timeout) from None
        finally:
            self.pending -= 1
