"""Reading the store for the web service: events by page, dyads, a timeline, an actor network, event
places, one document with its annotations. The store is opened read-only (or is an empty in-memory one);
one connection is shared, so queries take turns behind a lock."""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date as Date
from typing import Any

from chronik.errors import NotFound
from chronik.events.codebook import CodeNames
from chronik.store import Store
from chronik.store.queries import EVENT_COLUMNS, EventQuery, actor_columns

PERIODS = ("day", "week", "month", "year")
QUADS = ", ".join(f"sum(CASE WHEN e.quad_class = {k} THEN 1 ELSE 0 END) AS quad{k}" for k in (1, 2, 3, 4))


@dataclass(slots=True)
class Filters:
    """The corpus filters of the API: the CLI's (:class:`EventQuery`) plus QuadClass and place."""

    query: EventQuery
    quad_classes: Sequence[int] = ()
    place: str | None = None

    def where(self) -> tuple[str, list[Any]]:
        where, params = self.query.where()
        clauses = [where[len(" WHERE "):]] if where else []
        if self.quad_classes:
            clauses.append("e.quad_class IN (SELECT unnest(?::BIGINT[]))")
            params.append([int(q) for q in self.quad_classes])
        if self.place:
            clauses.append("e.location_name = ?")
            params.append(self.place)
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params

    def and_(self, where: str, condition: str) -> str:
        return where + (" AND " if where else " WHERE ") + condition


class Corpus:
    """The store behind the read endpoints."""

    def __init__(self, db: str | None) -> None:
        self.db = db
        self.name = db or ":memory:"
        self.store = Store.open(db, read_only=True) if db else Store.open(":memory:")
        self.closed = False
        self._lock = threading.Lock()
        self._cameo_name = CodeNames()

    def open(self) -> None:
        """Open the store again after :meth:`close` (an app started a second time)."""
        with self._lock:
            if self.closed and self.db:
                self.store = Store.open(self.db, read_only=True)
                self.closed = False

    def close(self) -> None:
        """Let go of the database file (an in-memory store is kept: closing it would lose it)."""
        with self._lock:
            if self.db and not self.closed:
                self.store.close()
                self.closed = True

    def interrupt(self) -> None:
        """Stop a running query (DuckDB); used when a query exceeds the service's time limit."""
        con = getattr(self.store.db, "con", None)
        if con is not None and hasattr(con, "interrupt"):
            con.interrupt()

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        with self._lock:
            names, rows = self.store.db.columns(sql, params)
        return [dict(zip(names, row, strict=True)) for row in rows]

    # --- queries ----------------------------------------------------------------------------------
    def summary(self) -> dict[str, Any]:
        docs = self._rows("SELECT count(*) AS n FROM documents")[0]["n"]
        ev = self._rows("SELECT count(*) AS n, min(date) AS first, max(date) AS last FROM events")[0]
        outlets = [r["outlet"] for r in self._rows("SELECT DISTINCT outlet FROM documents WHERE outlet IS NOT NULL "
                                                   "ORDER BY outlet LIMIT 500")]
        return {"db": self.name, "documents": int(docs), "events": int(ev["n"]), "first_date": ev["first"],
                "last_date": ev["last"], "outlets": outlets}

    def events(self, f: Filters, limit: int, offset: int) -> dict[str, Any]:
        where, params = f.where()
        base = f"FROM events e JOIN documents d ON d.id = e.doc_id{where}"
        total = int(self._rows(f"SELECT count(*) AS n {base}", params)[0]["n"])
        rows = self._rows(f"SELECT {EVENT_COLUMNS} {base} ORDER BY e.date, e.doc_id, e.sentence, e.trigger_start "
                          f"LIMIT {int(limit)} OFFSET {int(offset)}", params)
        for r in rows:
            r["cameo_name"] = self._cameo_name(r["cameo"])
        return {"total": total, "limit": limit, "offset": offset, "events": rows}

    def dyads(self, f: Filters, by: str, level: str, limit: int, offset: int) -> dict[str, Any]:
        """As ``chronik dyads`` (:func:`chronik.store.queries.dyads_sql`), with the web's extra filters."""
        if by not in PERIODS:
            by = "week"
        src, tgt = actor_columns(level)
        where, params = f.where()
        where = f.and_(where, "e.target_code IS NOT NULL AND e.date IS NOT NULL")
        rows = self._rows(f"SELECT CAST(date_trunc('{by}', e.date) AS DATE) AS period, {src} AS source, "
                          f"{tgt} AS target, count(*) AS events, sum(e.goldstein) AS goldstein_sum, "
                          f"avg(e.goldstein) AS goldstein_mean, {QUADS}, count(DISTINCT e.doc_id) AS articles "
                          f"FROM events e JOIN documents d ON d.id = e.doc_id{where} GROUP BY 1, 2, 3 "
                          f"ORDER BY 1, 2, 3 LIMIT {int(limit)} OFFSET {int(offset)}", params)
        return {"limit": limit, "offset": offset, "dyads": rows}

    def timeline(self, f: Filters, by: str = "day") -> dict[str, Any]:
        if by not in PERIODS:
            by = "day"
        where, params = f.where()
        where = f.and_(where, "e.date IS NOT NULL")
        period = "e.date" if by == "day" else f"CAST(date_trunc('{by}', e.date) AS DATE)"
        rows = self._rows(f"SELECT {period} AS period, count(*) AS events, {QUADS} FROM events e "
                          f"JOIN documents d ON d.id = e.doc_id{where} GROUP BY 1 ORDER BY 1 LIMIT 5000", params)
        return {"by": by, "points": rows}

    def network(self, f: Filters, level: str = "country", max_edges: int = 150) -> dict[str, Any]:
        src, tgt = actor_columns(level)
        where, params = f.where()
        where = f.and_(where, "e.target_code IS NOT NULL AND e.source_code IS NOT NULL")
        edges = self._rows(f"SELECT {src} AS source, {tgt} AS target, count(*) AS events, "
                           f"avg(e.goldstein) AS goldstein_mean, {QUADS} FROM events e JOIN documents d "
                           f"ON d.id = e.doc_id{where} GROUP BY 1, 2 HAVING {src} <> {tgt} "
                           f"ORDER BY 3 DESC, 1, 2 LIMIT {int(max_edges)}", params)
        names: dict[str, str | None] = {}
        if level == "code":
            for side in ("source", "target"):
                for r in self._rows(f"SELECT e.{side}_code AS code, min(e.{side}_name) AS name FROM events e "
                                    f"JOIN documents d ON d.id = e.doc_id{where} GROUP BY 1", params):
                    names.setdefault(r["code"], r["name"])
        counts: dict[str, int] = {}
        for e in edges:
            for side in ("source", "target"):
                counts[e[side]] = counts.get(e[side], 0) + int(e["events"])
        nodes = [{"id": k, "name": names.get(k), "events": v} for k, v in sorted(counts.items(), key=lambda x: -x[1])]
        return {"level": level, "nodes": nodes, "edges": edges}

    def places(self, f: Filters, limit: int = 1000) -> dict[str, Any]:
        where, params = f.where()
        where = f.and_(where, "e.lat IS NOT NULL AND e.lon IS NOT NULL AND e.location_name IS NOT NULL")
        rows = self._rows(f"SELECT e.location_name AS name, min(e.location_country) AS country, avg(e.lat) AS lat, "
                          f"avg(e.lon) AS lon, count(*) AS events, avg(e.goldstein) AS goldstein_mean, {QUADS} "
                          f"FROM events e JOIN documents d ON d.id = e.doc_id{where} GROUP BY 1 ORDER BY 5 DESC, 1 "
                          f"LIMIT {int(limit)}", params)
        return {"places": rows}

    def document(self, doc_id: str) -> dict[str, Any]:
        """A stored document by its id, else by the id its source gave it."""
        with self._lock:
            doc = self.store.document(doc_id)
            if doc is None:
                rows = self.store.db.query("SELECT id FROM documents WHERE external_id = ? ORDER BY id LIMIT 1",
                                           [doc_id])
                doc = self.store.document(rows[0][0]) if rows else None
        if doc is None:
            raise NotFound(f"no document {doc_id!r} in {self.name}",
                           hint="use a doc_id from GET /v1/events (or the article's own id)")
        key = [doc["id"]]
        doc["mentions"] = self._rows("SELECT start_char AS start, end_char AS \"end\", text, code, name, country, "
                                     "sentence, kind FROM mentions WHERE doc_id = ? ORDER BY i", key)
        events = []
        for r in self._rows("SELECT record FROM events WHERE doc_id = ? ORDER BY sentence, trigger_start", key):
            rec = json.loads(r["record"])
            rec["cameo_name"] = self._cameo_name(rec.get("cameo"))
            events.append(rec)
        doc["events"] = events
        doc["quotes"] = [json.loads(r["record"]) for r in
                         self._rows("SELECT record FROM quotes WHERE doc_id = ? ORDER BY i", key)]
        return doc


def make_filters(*, actor: str | None = None, source: str | None = None, target: str | None = None,
                 root: Sequence[str] = (), cameo: str | None = None, mode: Sequence[str] = (),
                 since: Date | None = None, until: Date | None = None, outlet: str | None = None,
                 quad: Sequence[int] = (), place: str | None = None, doc_id: str | None = None) -> Filters:
    q = EventQuery(actor=actor or None, source=source or None, target=target or None, roots=list(root),
                   cameo=cameo or None, modes=list(mode), since=since, until=until, outlet=outlet or None,
                   doc_id=doc_id or None)
    return Filters(q, quad_classes=list(quad), place=place or None)

