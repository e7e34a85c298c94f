"""The corpus store on DuckDB (in memory and on disk) and, where a server is given, PostgreSQL: schema
migrations, documents stored once, results replaced not doubled, deduplication, queries and exports."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from chronik.engine import PipelineOptions, run_local
from chronik.errors import StoreError
from chronik.io.sources import content_id
from chronik.model import Document
from chronik.store import Store
from chronik.store.queries import EventQuery, dyads_sql, events_sql, gdelt_sql, merged_sql, records, write_file
from conftest import SHARED

PG_DSN = os.environ.get("CHRONIK_TEST_PG_DSN")
BACKENDS = ["duckdb", "postgresql"]

MEETING = ("US-Aussenminister John Kerry hat sich am Donnerstag in Moskau mit dem russischen Präsidenten "
           "Wladimir Putin getroffen. Beide sprachen über die Lage in Syrien.")
ARREST = "Die türkische Polizei hat am Samstag in Istanbul 20 Demonstranten festgenommen."
OPTIONS = PipelineOptions(lang="de")


def doc(text: str, day: str, outlet: str, ext: str) -> Document:
    return Document(text=text, doc_id=content_id(text), date=date.fromisoformat(day), lang="de", source=outlet,
                    url=f"http://example.test/{ext}", meta={"external_id": ext, "origin": "test"})


CORPUS = [
    doc(MEETING, "2015-03-05", "Blatt A", "a1"),
    doc(MEETING + " Das berichtete die Agentur dpa.", "2015-03-05", "Blatt B", "b1"),  # a reprint
    doc(ARREST, "2015-03-07", "Blatt A", "a2"),
]


def clean_postgres(dsn: str) -> None:
    import psycopg

    with psycopg.connect(dsn, autocommit=True) as con:
        for table in ("documents", "mentions", "events", "quotes", "runs", "merged_events", "schema_version"):
            con.execute(f"DROP TABLE IF EXISTS {table}")


@pytest.fixture(params=BACKENDS)
def target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgresql":
        if not PG_DSN:
            if os.environ.get("CI"):
                pytest.fail("CI must run the PostgreSQL tests: .ci/run starts a server and sets CHRONIK_TEST_PG_DSN")
            pytest.skip("no PostgreSQL server (set CHRONIK_TEST_PG_DSN)")
        clean_postgres(PG_DSN)
        return PG_DSN
    return str(tmp_path / "events.duckdb")


@pytest.fixture
def coded(target: str) -> Iterator[Store]:
    with Store.open(target) as store:
        store.add_documents(CORPUS)
        report = run_local(store, OPTIONS, workers=1)
        assert report.documents == 3 and report.failures == 0
        store.deduplicate()
        yield store


def test_new_database_is_migrated_once(target: str) -> None:
    with Store.open(target) as store:
        assert store.version() == 1
        first = store.db.query("SELECT count(*) FROM schema_version")[0][0]
    with Store.open(target) as store:
        assert store.db.query("SELECT count(*) FROM schema_version")[0][0] == first == 1


def test_a_newer_schema_is_refused(target: str) -> None:
    with Store.open(target) as store:
        store.db.execute("INSERT INTO schema_version VALUES (99, NULL)")
    with pytest.raises(StoreError, match="schema version 99"):
        Store.open(target)


def test_read_only_needs_an_existing_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no database"):
        Store.open(str(tmp_path / "none.duckdb"), read_only=True)


def test_documents_are_stored_once(target: str) -> None:
    with Store.open(target) as store:
        first = store.add_documents(CORPUS)
        again = store.add_documents([*CORPUS, doc(ARREST, "2015-03-08", "Blatt C", "other-id")])
        assert (first.added, first.already) == (3, 0)
        assert (again.added, again.already) == (0, 4)
        assert store.counts()["documents"] == 3
        assert sorted(store.pending()) == sorted(d.doc_id for d in CORPUS)


def test_coding_twice_replaces_rows_instead_of_doubling(coded: Store) -> None:
    before = coded.counts()
    assert before["documents_coded"] == 3 and before["events"] >= 3 and before["mentions"] > 0
    coded.db.execute("UPDATE documents SET status = 'new'")
    report = run_local(coded, OPTIONS, workers=1)
    assert report.documents == 3
    after = coded.counts()
    assert {k: after[k] for k in ("events", "mentions", "quotes")} == \
        {k: before[k] for k in ("events", "mentions", "quotes")}
    assert after["runs"] == 2


def test_nothing_pending_is_no_run(coded: Store) -> None:
    report = run_local(coded, OPTIONS, workers=1)
    assert report.run_id is None and report.status == "nothing to do"


def test_a_failing_document_is_recorded_and_the_rest_coded(target: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from chronik.engine import worker

    real = worker.pipeline_for(OPTIONS)

    def flaky(d: Document) -> Document:
        if "Polizei" in d.text:
            raise RuntimeError("boom")
        return real(d)  # type: ignore[no-any-return]

    monkeypatch.setattr(worker, "pipeline_for", lambda options: flaky)
    with Store.open(target) as store:
        store.add_documents(CORPUS)
        report = run_local(store, OPTIONS, workers=1)
        assert (report.documents, report.failures) == (3, 1)
        (row,) = store.db.query("SELECT status, error FROM documents WHERE status = 'failed'")
        assert row[1] == "RuntimeError: boom"
        assert store.pending() == []
        assert store.pending(retry_failed=True) == [content_id(ARREST)]


def test_event_queries_filter(coded: Store) -> None:
    names, rows = coded.db.columns(*events_sql(EventQuery()))
    assert rows and "external_id" in names
    by = {tuple(r[names.index(c)] for c in ("source_code", "target_code", "root")) for r in rows}
    assert ("USAGOV", "RUSGOV", "04") in by
    assert ("TURCOP", "TUROPP", "17") in by or any(r[2] == "17" for r in by)
    _, rus = coded.db.columns(*events_sql(EventQuery(actor="rus")))
    assert rus and all("RUS" in (r[names.index("source_code")] + (r[names.index("target_code")] or ""))
                       for r in rus)
    _, only17 = coded.db.columns(*events_sql(EventQuery(roots=["17"])))
    assert only17 and all(r[names.index("root")] == "17" for r in only17)
    _, early = coded.db.columns(*events_sql(EventQuery(until=date(2015, 3, 6))))
    assert early and all(r[names.index("date")] <= date(2015, 3, 6) for r in early)
    _, outlet = coded.db.columns(*events_sql(EventQuery(outlet="Blatt B")))
    assert outlet and all(r[names.index("outlet")] == "Blatt B" for r in outlet)


def test_records_follow_the_event_schema(coded: Store) -> None:
    import jsonschema

    schema_file = SHARED / "spec" / "events.schema.json"
    if not schema_file.exists():
        pytest.skip("events.schema.json not available")
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    recs = records(coded, EventQuery())
    assert recs
    for rec in recs:
        jsonschema.validate({k: v for k, v in rec.items() if k not in ("article_id", "outlet", "url")}, schema)
        assert rec["article_id"] in ("a1", "b1", "a2")


def test_reprints_are_grouped_and_events_merged(coded: Store) -> None:
    clusters = dict(coded.db.query("SELECT external_id, cluster_id FROM documents"))
    assert clusters["a1"] == clusters["b1"] != clusters["a2"]
    names, rows = coded.db.columns(*merged_sql(EventQuery(source="USAGOV", cameo="04")))
    assert rows
    meet = dict(zip(names, rows[0], strict=True))
    assert (meet["num_mentions"], meet["num_articles"], meet["num_sources"], meet["num_clusters"]) == (2, 2, 2, 1)
    assert meet["date"] == date(2015, 3, 5)


def test_dyads_count_and_sum(coded: Store) -> None:
    names, rows = coded.db.columns(*dyads_sql(EventQuery(), by="week", level="country"))
    table = [dict(zip(names, r, strict=True)) for r in rows]
    usa_rus = [r for r in table if (r["source"], r["target"]) == ("USA", "RUS")]
    assert usa_rus and usa_rus[0]["events"] >= 2 and usa_rus[0]["articles"] == 2
    for r in table:
        assert r["events"] == r["quad1"] + r["quad2"] + r["quad3"] + r["quad4"]
        assert r["goldstein_mean"] == pytest.approx(r["goldstein_sum"] / r["events"])
    assert usa_rus[0]["period"] == date(2015, 3, 2)  # the Monday of that week


def test_gdelt_export_uses_gdelt_names(coded: Store, tmp_path: Path) -> None:
    names, rows = coded.db.columns(*gdelt_sql(EventQuery()))
    gdelt_file = SHARED / "reference" / "gdelt" / "gdelt_events_schema.csv"
    if gdelt_file.exists():
        import csv

        with gdelt_file.open(encoding="utf-8") as f:
            known = {row["tableId"] for row in csv.DictReader(f)}
        assert set(names) <= known
    row = dict(zip(names, rows[0], strict=True))
    assert isinstance(row["SQLDATE"], int) and 20150000 < row["SQLDATE"] < 20160000
    assert {"NumMentions", "NumArticles", "NumSources", "QuadClass", "GoldsteinScale"} <= set(names)


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_file_exports(coded: Store, tmp_path: Path, fmt: str) -> None:
    import duckdb

    out = tmp_path / f"events.{fmt}"
    n = write_file(coded, *gdelt_sql(EventQuery()), str(out), fmt)
    reader = "read_parquet" if fmt == "parquet" else "read_csv_auto"
    (got,) = duckdb.sql(f"SELECT count(*), min(EventRootCode) FROM {reader}('{out}')").fetchall()
    assert got[0] == n > 0


def test_plot_dyad(coded: Store, tmp_path: Path) -> None:
    from chronik.plots import dyad_series, plot_dyad, series_rows

    points = dyad_series(coded, "USA", "RUS", by="day")
    assert points and sum(p.events for p in points) >= 2 and points[0].articles == 2
    path = plot_dyad(points, "USA", "RUS", tmp_path / "fig.png", by="day")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = plot_dyad(points, "USA", "RUS", tmp_path / "fig.svg", by="day")
    assert b"<svg" in svg.read_bytes()[:500]
    names, rows = series_rows(points)
    assert names[-1] == "articles" and rows


def test_stored_rows(coded: Store) -> Any:
    (n,) = coded.db.query("SELECT count(*) FROM quotes")[0]
    assert n >= 0
    info = coded.document(content_id(MEETING))
    assert info is not None and info["external_id"] == "a1" and info["status"] == "coded"
