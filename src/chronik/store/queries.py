"""Reading a store: events by actor, root, code, mode and date; dyads per day, week or month; the
GDELT 2.0 view of the merged events; writing any of them as table rows, JSON Lines, CSV or Parquet."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date as Date
from typing import Any, TextIO

from chronik.errors import InputError
from chronik.store.store import Store

PERIODS = ("day", "week", "month", "year")
LEVELS = ("country", "code")


@dataclass(slots=True)
class EventQuery:
    """Filters; actor codes match as prefixes (RUS matches RUSGOV, RUSMIL …)."""

    actor: str | None = None  # source or target
    source: str | None = None
    target: str | None = None
    roots: Sequence[str] = ()  # "19", "04"
    cameo: str | None = None  # prefix of the full code: "042"
    modes: Sequence[str] = ()
    since: Date | None = None
    until: Date | None = None
    outlet: str | None = None
    language: str | None = None
    doc_id: str | None = None
    limit: int | None = None
    offset: int = 0
    params: list[Any] = field(default_factory=list)

    def where(self, alias: str = "e", docs: str | None = "d") -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []

        def add(sql: str, *values: Any) -> None:
            clauses.append(sql)
            params.extend(values)

        if self.actor:
            add(f"(starts_with({alias}.source_code, ?) OR starts_with({alias}.target_code, ?))",
                self.actor.upper(), self.actor.upper())
        if self.source:
            add(f"starts_with({alias}.source_code, ?)", self.source.upper())
        if self.target:
            add(f"starts_with({alias}.target_code, ?)", self.target.upper())
        if self.roots:
            add(f"{alias}.root IN (SELECT unnest(?::TEXT[]))", [r.zfill(2) for r in self.roots])
        if self.cameo:
            add(f"starts_with({alias}.cameo, ?)", self.cameo)
        if self.modes:
            add(f"{alias}.mode IN (SELECT unnest(?::TEXT[]))", list(self.modes))
        if self.since:
            add(f"{alias}.date >= ?", self.since)
        if self.until:
            add(f"{alias}.date <= ?", self.until)
        if docs and self.outlet:
            add(f"{docs}.outlet = ?", self.outlet)
        if docs and self.language:
            add(f"{docs}.language = ?", self.language)
        if self.doc_id:
            add(f"{alias}.{'doc_id' if docs else 'first_doc_id'} = ?", self.doc_id)
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params

    def page(self) -> str:
        limit = f" LIMIT {int(self.limit)}" if self.limit else ""
        return limit + (f" OFFSET {int(self.offset)}" if self.offset else "")


EVENT_COLUMNS = ("e.event_id, e.doc_id, d.external_id, e.date, e.source_code, e.source_name, e.target_code, "
                 "e.target_name, e.cameo, e.root, e.plover, e.goldstein, e.quad_class, e.mode, e.trigger_text, "
                 "e.location_name, e.location_country, e.lat, e.lon, d.outlet, d.url, d.title, e.rule")


def events_sql(q: EventQuery) -> tuple[str, list[Any]]:
    where, params = q.where()
    return (f"SELECT {EVENT_COLUMNS} FROM events e JOIN documents d ON d.id = e.doc_id{where} "
            f"ORDER BY e.date, e.doc_id, e.sentence, e.trigger_start{q.page()}", params)


def merged_sql(q: EventQuery) -> tuple[str, list[Any]]:
    where, params = q.where(docs=None)
    return (f"SELECT * FROM merged_events e{where} ORDER BY e.global_id{q.page()}", params)


def records(store: Store, q: EventQuery) -> list[dict[str, Any]]:
    """Full event records (events.schema.json) with the article's id, outlet and URL added."""
    where, params = q.where()
    _, rows = store.db.columns(f"SELECT e.record, d.external_id, d.outlet, d.url FROM events e JOIN documents d "
                               f"ON d.id = e.doc_id{where} ORDER BY e.date, e.doc_id, e.sentence, "
                               f"e.trigger_start{q.page()}", params)
    out = []
    for record, ext, outlet, url in rows:
        rec = json.loads(record)
        rec.update(article_id=ext, outlet=outlet, url=url)
        out.append(rec)
    return out


def actor_columns(level: str) -> tuple[str, str]:
    """The SQL expressions for a dyad's two sides: countries (an organisation stands for itself) or codes."""
    if level == "country":
        return "coalesce(e.source_country, e.source_code)", "coalesce(e.target_country, e.target_code)"
    return "e.source_code", "e.target_code"


def dyads_sql(q: EventQuery, by: str = "week", level: str = "country") -> tuple[str, list[Any]]:
    """Counts, Goldstein sum and mean, events per QuadClass and articles per dyad and period."""
    if by not in PERIODS:
        raise InputError(f"cannot group by {by!r}", hint=f"choose one of {', '.join(PERIODS)}")
    if level not in LEVELS:
        raise InputError(f"no actor level {level!r}", hint=f"choose one of {', '.join(LEVELS)}")
    src, tgt = actor_columns(level)
    where, params = q.where()
    extra = " AND " if where else " WHERE "
    sql = (f"SELECT CAST(date_trunc('{by}', e.date) AS DATE) AS period, {src} AS source, {tgt} AS target, "
           "count(*) AS events, sum(e.goldstein) AS goldstein_sum, avg(e.goldstein) AS goldstein_mean, "
           + ", ".join(f"sum(CASE WHEN e.quad_class = {k} THEN 1 ELSE 0 END) AS quad{k}" for k in (1, 2, 3, 4))
           + ", count(DISTINCT e.doc_id) AS articles "
           f"FROM events e JOIN documents d ON d.id = e.doc_id{where}{extra}e.target_code IS NOT NULL "
           "AND e.date IS NOT NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3" + q.page())
    return sql, params


# GDELT 2.0 Events columns with an equivalent in chronik (../reference/gdelt/gdelt_events_schema.csv)
GDELT_SQL = """
SELECT global_id AS "GLOBALEVENTID",
       CAST(extract(year FROM date) * 10000 + extract(month FROM date) * 100 + extract(day FROM date) AS INTEGER)
           AS "SQLDATE",
       CAST(extract(year FROM date) * 100 + extract(month FROM date) AS INTEGER) AS "MonthYear",
       CAST(extract(year FROM date) AS INTEGER) AS "Year",
       round(CAST(extract(year FROM date) + (extract(month FROM date) * 30 + extract(day FROM date)) / 365.0
                  AS NUMERIC), 4) AS "FractionDate",
       source_code AS "Actor1Code", upper(source_name) AS "Actor1Name", source_country AS "Actor1CountryCode",
       CASE WHEN source_country IS NULL THEN source_code END AS "Actor1KnownGroupCode",
       CASE WHEN length(source_code) >= 6 AND source_country IS NOT NULL THEN substr(source_code, 4, 3) END
           AS "Actor1Type1Code",
       target_code AS "Actor2Code", upper(target_name) AS "Actor2Name", target_country AS "Actor2CountryCode",
       CASE WHEN target_country IS NULL THEN target_code END AS "Actor2KnownGroupCode",
       CASE WHEN length(target_code) >= 6 AND target_country IS NOT NULL THEN substr(target_code, 4, 3) END
           AS "Actor2Type1Code",
       1 AS "IsRootEvent", cameo AS "EventCode", substr(cameo, 1, 3) AS "EventBaseCode", root AS "EventRootCode",
       quad_class AS "QuadClass", goldstein AS "GoldsteinScale",
       num_mentions AS "NumMentions", num_sources AS "NumSources", num_articles AS "NumArticles",
       location_name AS "ActionGeo_FullName", location_country AS "ActionGeo_CountryCode",
       lat AS "ActionGeo_Lat", lon AS "ActionGeo_Long",
       source_url AS "SOURCEURL"
FROM merged_events e
"""


def gdelt_sql(q: EventQuery) -> tuple[str, list[Any]]:
    where, params = q.where(docs=None)
    return GDELT_SQL + where + " ORDER BY global_id" + q.page(), params


FORMATS = ("table", "jsonl", "csv", "parquet")


def write_rows(names: Sequence[str], rows: Sequence[Sequence[Any]], out: TextIO, fmt: str) -> int:
    """Rows as JSON Lines or CSV to a text stream."""
    import csv

    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(dict(zip(names, row, strict=True)), ensure_ascii=False, default=str) + "\n")
    elif fmt in ("csv", "tsv"):
        writer = csv.writer(out, delimiter="\t" if fmt == "tsv" else ",", lineterminator="\n")
        writer.writerow(names)
        writer.writerows([["" if v is None else v for v in row] for row in rows])
    else:
        raise InputError(f"cannot write {fmt!r} to a stream", hint="parquet needs a file: --output FILE.parquet")
    return len(rows)


def write_file(store: Store, sql: str, params: list[Any], path: str, fmt: str) -> int:
    """A query's result written to ``path`` as Parquet, CSV or TSV (DuckDB's COPY; for PostgreSQL the rows
    pass through an in-memory DuckDB)."""
    from chronik.store.backend import DuckDBBackend

    names, rows = store.db.columns(sql, params)
    if isinstance(store.db, DuckDBBackend):
        store.db.copy_to(sql, params, path, fmt)
        return len(rows)
    tmp = DuckDBBackend(":memory:")
    try:
        from chronik.store.schema import Table

        kinds = _kinds(rows, len(names))
        table = Table("result", tuple((f'"{n}"', k) for n, k in zip(names, kinds, strict=True)), ())
        tmp.execute(table.create(tmp.types))
        tmp.insert(table, rows)
        tmp.copy_to("SELECT * FROM result", [], path, fmt)
    finally:
        tmp.close()
    return len(rows)


def _kinds(rows: Sequence[Sequence[Any]], n: int) -> list[str]:
    kinds = []
    for i in range(n):
        value = next((r[i] for r in rows if r[i] is not None), None)
        kinds.append("int" if isinstance(value, int) and not isinstance(value, bool) else
                     "float" if isinstance(value, float) else "date" if isinstance(value, Date) else "text")
    return kinds
