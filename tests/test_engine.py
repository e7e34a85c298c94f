"""Engines and the corpus commands end to end: worker pools, Dask with two workers, a real ingest
killed with SIGKILL and resumed, re-ingesting that changes nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from chronik.cli.main import cli
from chronik.engine import PipelineOptions, run_local
from chronik.store import Store
from conftest import REPO

OPTIONS = PipelineOptions(lang="de")
SENTENCES = [
    "US-Aussenminister John Kerry hat sich am Donnerstag in Moskau mit dem russischen Präsidenten Wladimir Putin "
    "getroffen.",
    "Die türkische Polizei hat am Samstag in Istanbul 20 Demonstranten festgenommen.",
    "Die Europäische Union verlängerte die Sanktionen gegen Russland um sechs Monate.",
    "Der iranische Präsident drohte Israel mit Vergeltung.",
    "Die Regierung in Kiew warf Russland vor, Truppen an die Grenze verlegt zu haben.",
    "Armenien und Aserbaidschan vereinbarten in Genf eine Waffenruhe.",
]


def write_corpus(path: Path, n: int) -> Path:
    """n distinct short German articles as JSON Lines (every article a different mix, a different number)."""
    import json

    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            picked = [SENTENCES[(i + k) % len(SENTENCES)] for k in range(1 + i % 3)]
            text = " ".join(picked) + f" Das meldete die Agentur in ihrer Meldung Nummer {i}."
            f.write(json.dumps({"doc_id": f"n{i}", "text": text, "date": f"2015-03-{1 + i % 28:02d}",
                                "source": f"Blatt {i % 4}"}, ensure_ascii=False) + "\n")
    return path


def table_dump(db: str) -> dict[str, list[tuple[object, ...]]]:
    with Store.open(db, read_only=True) as store:
        return {
            "documents": store.db.query("SELECT id, external_id, status, sentences, cluster_id FROM documents "
                                        "ORDER BY id"),
            "events": store.db.query("SELECT event_id, record FROM events ORDER BY event_id"),
            "mentions": store.db.query("SELECT * FROM mentions ORDER BY doc_id, i"),
            "quotes": store.db.query("SELECT doc_id, i, record FROM quotes ORDER BY doc_id, i"),
            "merged": store.db.query("SELECT merged_id, num_mentions, num_articles FROM merged_events "
                                     "ORDER BY merged_id"),
        }


def chronik(*args: str, **kwargs: object) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "chronik", *args], cwd=REPO, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs)  # type: ignore[call-overload]


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, list[tuple[object, ...]]]]:
    """A corpus of 240 articles and the store one uninterrupted in-process run makes of it."""
    folder = tmp_path_factory.mktemp("ref")
    corpus = write_corpus(folder / "corpus.jsonl", 240)
    db = str(folder / "ref.duckdb")
    result = CliRunner().invoke(cli, ["ingest", str(corpus), "--db", db, "--workers", "1", "--lang", "de"])
    assert result.exit_code == 0, result.output
    return corpus, table_dump(db)


def test_two_worker_processes_give_the_same_store(reference: tuple[Path, dict], tmp_path: Path) -> None:
    corpus, expected = reference
    db = str(tmp_path / "two.duckdb")
    result = CliRunner().invoke(cli, ["ingest", str(corpus), "--db", db, "--workers", "2", "--lang", "de"])
    assert result.exit_code == 0, result.output
    assert "run 1 (local, 2 workers): 240 documents" in result.output
    assert table_dump(db) == expected


def test_dask_two_worker_local_cluster_gives_the_same_store(reference: tuple[Path, dict], tmp_path: Path) -> None:
    corpus, expected = reference
    db = str(tmp_path / "dask.duckdb")
    parts = tmp_path / "parts"
    result = CliRunner().invoke(cli, ["ingest", str(corpus), "--db", db, "--engine", "dask", "--workers", "2",
                                      "--lang", "de", "--parquet-dir", str(parts)])
    assert result.exit_code == 0, result.output
    assert "(dask, 2 workers): 240 documents" in result.output
    assert table_dump(db) == expected
    assert len(list((parts / "events").glob("*.parquet"))) == 3  # partitions of 100 documents


def test_reingest_changes_nothing(reference: tuple[Path, dict], tmp_path: Path) -> None:
    corpus, _ = reference
    db = str(tmp_path / "again.duckdb")
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(corpus), "--db", db, "--workers", "1", "--lang", "de"]).exit_code == 0
    before = table_dump(db)
    result = runner.invoke(cli, ["ingest", str(corpus), "--db", db, "--workers", "1", "--lang", "de"])
    assert result.exit_code == 0
    assert "240 stored before" in result.output and "nothing to code" in result.output
    assert table_dump(db) == before


def wait_for_commit(proc: subprocess.Popen[str], timeout: float = 120) -> None:
    """Read the process's log until it reports its first commit."""
    assert proc.stderr is not None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if "committed" in line:
            return
        if not line and proc.poll() is not None:
            pytest.fail(f"chronik ended before its first commit (exit {proc.returncode})")
    pytest.fail("no commit within the timeout")


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_killed_ingest_resumes_without_loss_or_double(reference: tuple[Path, dict], tmp_path: Path,
                                                      sig: signal.Signals) -> None:
    corpus, expected = reference
    db = str(tmp_path / "killed.duckdb")
    proc = chronik("-v", "ingest", str(corpus), "--db", db, "--workers", "1", "--lang", "de", "--commit-every", "0.2")
    wait_for_commit(proc)
    os.kill(proc.pid, sig)
    proc.communicate(timeout=60)
    with Store.open(db, read_only=True) as store:
        counts = store.counts()
        coded = counts.get("documents_coded", 0)
        assert counts["documents"] == 240  # every document was stored before coding began
        assert 0 < coded < 240, "the kill should land mid-run"
        (status,) = store.db.query("SELECT status FROM runs WHERE id = 1")[0]
    assert status == ("running" if sig == signal.SIGKILL else "interrupted")
    rerun = chronik("ingest", str(corpus), "--db", db, "--workers", "1", "--lang", "de")
    _, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    assert f"{240 - coded} documents" in err
    assert table_dump(db) == expected


def test_cli_queries_on_a_store(reference: tuple[Path, dict], tmp_path: Path) -> None:
    corpus, _ = reference
    db = str(tmp_path / "q.duckdb")
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(corpus), "--db", db, "--workers", "1", "--lang", "de"]).exit_code == 0
    out = runner.invoke(cli, ["events", "--db", db, "--actor", "RUS", "--root", "04", "--since", "2015-03-01",
                              "--format", "jsonl"])
    assert out.exit_code == 0 and out.output
    import json

    recs = [json.loads(line) for line in out.output.splitlines()]
    assert all(r["cameo"].startswith("04") and "RUS" in r["source"]["code"] + (r["target"] or {}).get("code", "")
               for r in recs)
    csv_out = runner.invoke(cli, ["dyads", "--db", db, "--by", "week", "--format", "csv"])
    assert csv_out.output.splitlines()[0].startswith("period,source,target,events,goldstein_sum")
    parquet = tmp_path / "e.parquet"
    assert runner.invoke(cli, ["events", "--db", db, "--merged", "--format", "parquet", "-o", str(parquet)]
                         ).exit_code == 0 and parquet.stat().st_size > 0
    gdelt = tmp_path / "gdelt.tsv"
    assert runner.invoke(cli, ["export", "--db", db, "-o", str(gdelt)]).exit_code == 0
    assert gdelt.read_text(encoding="utf-8").startswith("GLOBALEVENTID\tSQLDATE")
    fig = tmp_path / "fig.png"
    res = runner.invoke(cli, ["plot", "dyad", "USA", "RUS", "--db", db, "--out", str(fig), "--data",
                              str(tmp_path / "points.csv")])
    assert res.exit_code == 0, res.output
    assert fig.stat().st_size > 1000
    assert (tmp_path / "points.csv").read_text(encoding="utf-8").startswith("period,events,goldstein_sum")
    status = runner.invoke(cli, ["status", "--db", db])
    assert "documents_coded\t240" in status.output
    missing = runner.invoke(cli, ["events", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 4 and "E401" in missing.output


def test_run_local_reports_speed(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c.jsonl", 12)
    from chronik.io.sources import read_sources

    with Store.open(":memory:") as store:
        store.add_documents(read_sources([str(corpus)]))
        report = run_local(store, OPTIONS, workers=1)
    assert report.documents == 12 and report.sentences >= 24 and report.docs_per_second > 0


def test_dask_through_a_scheduler_address(reference: tuple[Path, dict], tmp_path: Path) -> None:
    from distributed import LocalCluster

    corpus, expected = reference
    db = str(tmp_path / "sched.duckdb")
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      memory_limit=0) as cluster:
        result = CliRunner().invoke(cli, ["ingest", str(corpus), "--db", db, "--engine", "dask", "--lang", "de",
                                          "--scheduler", cluster.scheduler_address,
                                          "--parquet-dir", str(tmp_path / "parts")])
        assert result.exit_code == 0, result.output
    assert table_dump(db) == expected


def test_unreachable_scheduler_is_a_clear_error(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c.jsonl", 3)
    result = CliRunner().invoke(cli, ["ingest", str(corpus), "--db", str(tmp_path / "x.duckdb"), "--engine", "dask",
                                      "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 5 and "E501" in result.stderr and "cannot reach the Dask scheduler" in result.stderr
