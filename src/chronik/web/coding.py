"""Coding one document for the web service: the pipelines of every language, built once per app, run in
one worker thread with a deadline that is checked between components."""

from __future__ import annotations

import asyncio
import logging
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date as Date
from functools import partial
from typing import Any

from chronik.errors import CodingTimeout, ServiceBusy
from chronik.model import Document
from chronik.pipeline import MultiPipeline

log = logging.getLogger("chronik.web")

WARM_UP = {
    "de": "US-Aussenminister John Kerry traf am Donnerstag in Moskau den russischen Präsidenten Wladimir Putin.",
    "en": "US Secretary of State John Kerry met Russian President Vladimir Putin in Moscow on Thursday.",
}


class Coder:
    """Codes documents in a thread of its own (the pipelines are not shared between threads), at most
    ``max_pending`` at a time waiting or running, each within ``timeout`` seconds."""

    def __init__(self, langs: tuple[str, ...] = ("de", "en"), timeout: float = 20.0, max_pending: int = 32) -> None:
        self.nlp = MultiPipeline(langs)
        self.timeout = timeout
        self.max_pending = max_pending
        self.pending = 0
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="chronik-coder")
        self._codebook: Any = None

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    # --- in the coding thread ---------------------------------------------------------------------
    def warm(self) -> None:
        """Build every language's pipeline and code one sentence, so the first request is not slow."""
        for lang in self.nlp.langs:
            self.nlp.pipeline(lang)(WARM_UP.get(lang, WARM_UP["de"]), date="2015-03-05")

    def code_sync(self, text: str, *, date: Date | None = None, language: str | None = None, doc_id: str = "doc",
                  title: str | None = None, url: str | None = None, source: str | None = None,
                  deadline: float | None = None) -> dict[str, Any]:
        started = time.perf_counter()
        doc = Document(text=text, doc_id=doc_id, date=date, lang=language or "", title=title, url=url,
                       source=source)
        doc.lang = self.nlp.language_of(doc)
        for component in self.nlp.pipeline(doc.lang).components:
            if deadline is not None and time.monotonic() > deadline:
                raise CodingTimeout(f"coding took longer than {self.timeout:g} s and was stopped before "
                                    f"'{component.name}'", hint="send a shorter text, or start the service with a "
                                    "larger --timeout")
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

    def cameo_name(self, code: str | None) -> str | None:
        if not code:
            return None
        if self._codebook is None:
            from chronik.events.codebook import Codebook

            self._codebook = Codebook.load()
        try:
            return str(self._codebook.get(code).name)
        except KeyError:
            return None

    # --- from the event loop ----------------------------------------------------------------------
    async def run(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        """Run ``fn`` in the coding thread within the timeout; 503 when too much waits, 504 when too slow."""
        if self.pending >= self.max_pending:
            raise ServiceBusy(f"{self.pending} coding requests are waiting or running",
                              hint="retry in a few seconds, or send fewer requests at once")
        self.pending += 1
        loop = asyncio.get_running_loop()
        try:
            return await asyncio.wait_for(loop.run_in_executor(self._pool, partial(fn, *args, **kwargs)),
                                          self.timeout)
        except TimeoutError:
            raise CodingTimeout(f"coding took longer than {self.timeout:g} s", hint="send a shorter text, or start "
                                "the service with a larger --timeout") from None
        finally:
            self.pending -= 1

    async def code(self, text: str, **kwargs: Any) -> dict[str, Any]:
        deadline = time.monotonic() + self.timeout
        result: dict[str, Any] = await self.run(self.code_sync, text, deadline=deadline, **kwargs)
        return result
