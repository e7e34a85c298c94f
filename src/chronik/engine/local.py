"""The in-process engine: a pool of worker processes on this machine (all cores by default), the
calling process the one writer of the store.

Results are committed every few seconds; a run stopped by Ctrl-C or killed loses at most the
uncommitted documents, which stay pending and are coded by the next run.
"""

from __future__ import annotations

import logging
import multiprocessing
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from chronik.engine.worker import PipelineOptions, code_batch
from chronik.model import Document
from chronik.store.rows import CodedDocument
from chronik.store.store import Store

log = logging.getLogger("chronik.engine")

Progress = Callable[[int, int, int], None]  # (documents done, documents in all, events so far)


@dataclass(slots=True)
class RunReport:
    run_id: int | None
    engine: str
    workers: int
    documents: int = 0
    events: int = 0
    failures: int = 0
    sentences: int = 0
    seconds: float = 0.0
    status: str = "done"
    lost: list[str] | None = None  # documents a run could not code (they stay pending)
    workers_lost: list[str] | None = None  # Dask workers that died during the run (their tasks ran again)

    @property
    def docs_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0


class Committer:
    """Collects coded documents and writes them to the store in one transaction every ``every``
    seconds or ``batch`` documents."""

    def __init__(self, store: Store, report: RunReport, total: int, progress: Progress | None,
                 every: float = 2.0, batch: int = 2000) -> None:
        self.store, self.report, self.total, self.progress = store, report, total, progress
        self.every, self.batch = every, batch
        self.buffer: list[CodedDocument] = []
        self.last = time.monotonic()

    def add(self, results: Sequence[CodedDocument]) -> None:
        self.buffer.extend(results)
        if len(self.buffer) >= self.batch or time.monotonic() - self.last >= self.every:
            self.flush()

    def flush(self) -> None:
        if not self.buffer:
            return
        n = len(self.buffer)
        self.report.events += self.store.save(self.buffer, self.report.run_id)
        self.report.documents += len(self.buffer)
        self.report.failures += sum(r.status == "failed" for r in self.buffer)
        self.report.sentences += sum(r.sentences for r in self.buffer)
        log.info("committed %d documents (%d of %d in this run)", n, self.report.documents, self.total)
        self.buffer = []
        self.last = time.monotonic()
        if self.progress:
            self.progress(self.report.documents, self.total, self.report.events)


def pages(store: Store, ids: Sequence[str], size: int) -> Iterator[list[Document]]:
    for i in range(0, len(ids), size):
        yield store.load(ids[i:i + size])


def chunks(docs: Sequence[Document], size: int) -> list[list[Document]]:
    return [list(docs[i:i + size]) for i in range(0, len(docs), size)]


def _code_chunk(args: tuple[list[Document], PipelineOptions]) -> list[CodedDocument]:
    return code_batch(*args)


def run_local(store: Store, options: PipelineOptions, workers: int = 0, *, progress: Progress | None = None,
              retry_failed: bool = False, page_size: int = 1000, chunk_size: int = 8,
              commit_every: float = 2.0) -> RunReport:
    """Code every pending document of ``store`` with ``workers`` processes (0: one per core; 1: in this
    process)."""
    workers = workers or multiprocessing.cpu_count()
    ids = store.pending(retry_failed)
    report = RunReport(None, "local", workers)
    if not ids:
        report.status = "nothing to do"
        return report
    report.run_id = store.start_run("local", workers)
    committer = Committer(store, report, len(ids), progress, every=commit_every)
    t0 = time.perf_counter()
    try:
        if workers == 1:
            for page in pages(store, ids, page_size):
                for chunk in chunks(page, chunk_size):
                    committer.add(code_batch(chunk, options))
        else:
            ctx = multiprocessing.get_context("spawn")  # no fork of a process holding a database connection
            with ctx.Pool(workers) as pool:
                for page in pages(store, ids, page_size):
                    tasks = [(c, options) for c in chunks(page, chunk_size)]
                    for results in pool.imap_unordered(_code_chunk, tasks):
                        committer.add(results)
        committer.flush()
    except BaseException:  # Ctrl-C, a kill signal turned exception, a store error: keep what was coded
        report.status = "interrupted"
        committer.flush()
        raise
    finally:
        report.seconds = time.perf_counter() - t0
        store.finish_run(report.run_id, report.documents, report.events, report.failures, report.status)
    return report
