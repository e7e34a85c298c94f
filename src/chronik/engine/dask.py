"""The Dask engine: the same pipeline on Dask distributed.

Pending documents are cut into partitions; each partition is a task that codes its documents on a
worker and writes the rows as Parquet files (one per table) into a folder the client and the workers
share; the client, the one writer, merges each finished partition into the store. A task whose worker
dies is run again elsewhere (``retries``); documents whose task fails for good are reported and stay
pending for the next run. Without a scheduler address a LocalCluster of ``workers`` processes is made;
dask-jobqueue users pass their own ``client``.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from chronik.engine.local import Committer, Progress, RunReport
from chronik.engine.worker import PipelineOptions, code_batch
from chronik.errors import EngineError
from chronik.model import Document
from chronik.store import schema
from chronik.store.rows import CodedDocument
from chronik.store.store import Store

log = logging.getLogger("chronik.engine")

PART_TABLES = (schema.EVENTS, schema.MENTIONS, schema.QUOTES, schema.STATUS)


def code_partition(docs: Sequence[Document], options: PipelineOptions, folder: str, name: str) -> dict[str, Any]:
    """Run on a worker: code ``docs`` and write ``<folder>/<table>/<name>.parquet`` for each table."""
    import duckdb

    from chronik.store.backend import DuckDBBackend

    results = code_batch(docs, options)
    rows = {
        schema.EVENTS.name: [r for c in results for r in c.events],
        schema.MENTIONS.name: [r for c in results for r in c.mentions],
        schema.QUOTES.name: [r for c in results for r in c.quotes],
        schema.STATUS.name: [(c.doc_id, c.status, None, None, c.error, c.sentences, c.minhash) for c in results],
    }
    backend = DuckDBBackend(":memory:")
    try:
        for table in PART_TABLES:
            backend.execute(table.create(backend.types))
            backend.insert(table, rows[table.name])
            target = Path(folder) / table.name
            target.mkdir(parents=True, exist_ok=True)
            backend.copy_to(f"SELECT * FROM {table.name}", [], str(target / f"{name}.parquet"), "parquet")
    except duckdb.Error as exc:
        raise EngineError(f"cannot write partition {name} to {folder}: {exc}",
                          hint="the Parquet folder must be writable by every worker") from None
    finally:
        backend.close()
    return {"name": name, "documents": len(results), "events": len(rows[schema.EVENTS.name])}


def read_partition(folder: str, name: str) -> list[CodedDocument]:
    """The coded documents of one partition, read back from its Parquet files."""
    from chronik.store.backend import DuckDBBackend

    backend = DuckDBBackend(":memory:")
    try:
        tables = {t.name: backend.query("SELECT * FROM read_parquet(?)",
                                        [str(Path(folder) / t.name / f"{name}.parquet")])
                  for t in PART_TABLES}
    finally:
        backend.close()
    docs = {r[0]: CodedDocument(r[0], status=r[1], error=r[4], sentences=int(r[5] or 0),
                                minhash=bytes(r[6]) if r[6] is not None else None)
            for r in tables[schema.STATUS.name]}
    for r in tables[schema.EVENTS.name]:
        docs[r[1]].events.append(tuple(r))
    for r in tables[schema.MENTIONS.name]:
        docs[r[0]].mentions.append(tuple(r))
    for r in tables[schema.QUOTES.name]:
        docs[r[0]].quotes.append(tuple(r))
    return list(docs.values())


def make_client(workers: int, scheduler: str | None) -> tuple[Any, Any]:
    """A client for ``scheduler``, else for a new LocalCluster of ``workers`` single-threaded processes."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise EngineError("the Dask engine needs dask distributed", hint='pip install "chronik[dask]"') from None
    if scheduler:
        try:
            return Client(scheduler, timeout="10s"), None  # type: ignore[no-untyped-call]
        except OSError as exc:
            raise EngineError(f"cannot reach the Dask scheduler at {scheduler}: {exc}",
                              hint="check the address (tcp://host:8786) and that the scheduler runs") from None
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,  # type: ignore[no-untyped-call]
                           dashboard_address=None, memory_limit=0)
    return Client(cluster), cluster  # type: ignore[no-untyped-call]


def run_dask(store: Store, options: PipelineOptions, workers: int = 2, *, scheduler: str | None = None,
             client: Any = None, parquet_dir: str | None = None, partition_size: int = 100,
             progress: Progress | None = None, retry_failed: bool = False, retries: int = 2) -> RunReport:
    """Code every pending document of ``store`` on Dask; merge each partition as it finishes."""
    from distributed import as_completed

    ids = store.pending(retry_failed)
    report = RunReport(None, "dask", workers)
    if not ids:
        report.status = "nothing to do"
        return report
    own_client, cluster = (None, None) if client is not None else make_client(workers, scheduler)
    client = client or own_client
    folder = parquet_dir or tempfile.mkdtemp(prefix="chronik-parts-")
    report.run_id = store.start_run("dask", workers)
    parts = [ids[i:i + partition_size] for i in range(0, len(ids), partition_size)]
    in_flight = max(2, 2 * len(client.scheduler_info().get("workers", {})) or 2 * workers)
    committer = Committer(store, report, len(ids), progress, every=0.0)  # every partition is committed
    t0 = time.perf_counter()
    try:
        pending = as_completed()  # type: ignore[no-untyped-call]
        by_future: dict[Any, list[str]] = {}

        def submit(index: int) -> None:
            name = f"run{report.run_id}-part{index:06d}"
            fut = client.submit(code_partition, store.load(parts[index]), options, folder, name, key=name,
                                retries=retries, pure=False)
            by_future[fut] = parts[index]
            pending.add(fut)  # type: ignore[no-untyped-call]

        known = set(client.scheduler_info().get("workers", {}))
        gone: list[str] = []

        def check_workers() -> None:
            nonlocal known
            now = set(client.scheduler_info().get("workers", {}))
            for address in sorted(known - now):
                log.warning("Dask worker %s died during the run; its partitions are run again", address)
                gone.append(address)
            known = now

        next_part = 0
        while next_part < len(parts) and next_part < in_flight:
            submit(next_part)
            next_part += 1
        lost: list[str] = []
        for fut in pending:
            part_ids = by_future.pop(fut)
            try:
                info = fut.result()
            except Exception:  # the task failed on every try: its documents stay pending, the run says so
                lost.extend(part_ids)
            else:
                committer.add(read_partition(folder, info["name"]))
            check_workers()
            if next_part < len(parts):
                submit(next_part)
                next_part += 1
        check_workers()
        report.workers_lost = gone or None
        if lost:
            report.status = "incomplete"
            report.lost = lost
    except BaseException:
        report.status = "interrupted"
        raise
    finally:
        report.seconds = time.perf_counter() - t0
        store.finish_run(report.run_id, report.documents, report.events, report.failures, report.status)
        if parquet_dir is None:
            shutil.rmtree(folder, ignore_errors=True)
        if own_client is not None:
            own_client.close()
        if cluster is not None:
            cluster.close()
    return report
