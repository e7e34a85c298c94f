"""Faults: a store killed again and again in the middle of writing is never left corrupt or
inconsistent, and a Dask worker that dies mid-run loses no document (its partition is run again)."""

from __future__ import annotations

import contextlib
import os
import random
import signal
import threading
import time
from pathlib import Path

import pytest

from chronik.engine import PipelineOptions
from chronik.store import Store
from test_engine import chronik, table_dump, wait_for_commit, write_corpus


def check_consistent(db: str, total: int) -> int:
    """The store opens, every table reads, and rows exist only for coded documents."""
    with Store.open(db, read_only=True) as store:
        counts = store.counts()
        assert counts["documents"] == total
        for table in ("events", "mentions", "quotes"):
            (orphans,) = store.db.query(f"SELECT count(*) FROM {table} t JOIN documents d ON d.id = t.doc_id "
                                        "WHERE d.status <> 'coded'")[0]
            assert orphans == 0, f"{table} has rows of documents not marked coded"
        (dupes,) = store.db.query("SELECT count(*) - count(DISTINCT event_id) FROM events")[0]
        assert dupes == 0
        return counts.get("documents_coded", 0)


def test_kill_during_writes_never_corrupts(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus.jsonl", 240)
    db = str(tmp_path / "k.duckdb")
    rng = random.Random(3)
    coded = []
    for _ in range(3):
        proc = chronik("-v", "ingest", str(corpus), "--db", db, "--workers", "1", "--lang", "de",
                       "--commit-every", "0.1")
        wait_for_commit(proc)
        time.sleep(rng.uniform(0.0, 0.6))  # anywhere: while coding, while committing
        if proc.poll() is not None:  # a fast machine finished first: nothing left to interrupt
            break
        os.kill(proc.pid, signal.SIGKILL)
        proc.communicate(timeout=60)
        coded.append(check_consistent(db, 240))
    assert coded and coded == sorted(coded) and coded[0] > 0, "every run keeps what the one before committed"
    final = chronik("ingest", str(corpus), "--db", db, "--workers", "1", "--lang", "de")
    _, err = final.communicate(timeout=300)
    assert final.returncode == 0, err
    assert check_consistent(db, 240) == 240


def test_dask_worker_crash_loses_no_document(tmp_path: Path) -> None:
    from distributed import Client, LocalCluster

    from chronik.engine.dask import run_dask
    from chronik.io.sources import read_sources

    corpus = write_corpus(tmp_path / "corpus.jsonl", 160)
    reference = str(tmp_path / "ref.duckdb")
    crashed = str(tmp_path / "crash.duckdb")
    options = PipelineOptions(lang="de")
    killed: list[str] = []
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      memory_limit=0) as cluster, Client(cluster) as client:
        with Store.open(reference) as store:
            store.add_documents(read_sources([str(corpus)]))
            run_dask(store, options, 2, client=client, partition_size=20)

        def kill_one(done: int, total: int, events: int) -> None:
            if killed or done < 20:
                return
            busy = [w for w, tasks in client.processing().items() if tasks]
            if busy:
                killed.append(busy[0])
                threading.Thread(target=lambda: _crash(client, busy[0]), daemon=True).start()

        with Store.open(crashed) as store:
            store.add_documents(read_sources([str(corpus)]))
            report = run_dask(store, options, 2, client=client, partition_size=20, progress=kill_one)
    assert killed, "a worker was killed mid-run"
    assert report.status == "done" and report.documents == 160 and not report.lost
    assert report.workers_lost, "the run reports the worker it lost"
    assert table_dump(crashed)["events"] == table_dump(reference)["events"]
    assert table_dump(crashed)["documents"] == table_dump(reference)["documents"]


def _crash(client: object, worker: str) -> None:
    with contextlib.suppress(Exception):  # the worker is gone before it can answer: that is the point
        client.run(os._exit, 1, workers=[worker])  # type: ignore[attr-defined]


@pytest.mark.parametrize("sig", [signal.SIGTERM])
def test_terminated_ingest_marks_its_run(tmp_path: Path, sig: signal.Signals) -> None:
    corpus = write_corpus(tmp_path / "corpus.jsonl", 120)
    db = str(tmp_path / "t.duckdb")
    proc = chronik("-v", "ingest", str(corpus), "--db", db, "--workers", "1", "--lang", "de", "--commit-every", "0.2")
    wait_for_commit(proc)
    os.kill(proc.pid, sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and "interrupted" in err
    assert 0 < check_consistent(db, 120) <= 120
    with Store.open(db, read_only=True) as store:
        assert store.db.query("SELECT status FROM runs")[0][0] == "interrupted"
