"""The corpus store: documents, their actor mentions, events and quotations, the runs that coded them.

One :class:`Store` is the one writer of a database. Documents are keyed by a hash of their text, so
ingesting the same article twice stores it once; a coded document's rows replace its old ones in the
same transaction that marks it coded, so a run killed at any moment leaves every document either
coded once or waiting to be coded.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from chronik.errors import StoreError
from chronik.model import Document
from chronik.store import schema
from chronik.store.backend import Backend, connect
from chronik.store.rows import CodedDocument

log = logging.getLogger("chronik.store")

DEFAULT_DB = "events.duckdb"


@dataclass(slots=True)
class AddCounts:
    read: int = 0
    added: int = 0
    already: int = 0  # stored before (same text)


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Store:
    """Open with :meth:`open` (a DuckDB file, ``:memory:`` or a PostgreSQL DSN); the schema is brought
    to the latest version on opening for writing."""

    def __init__(self, backend: Backend, read_only: bool = False) -> None:
        self.db = backend
        self.read_only = read_only
        if not read_only:
            self.migrate()
            for t in (schema.STATUS, schema.CLUSTERS):
                self.db.execute(t.create(self.db.types, temporary=True))
        elif self.version() == 0:
            raise StoreError(f"{getattr(backend, 'path', 'the database')} holds no chronik data",
                             hint="ingest documents first: chronik ingest SOURCE --db …")

    @classmethod
    def open(cls, target: str = DEFAULT_DB, read_only: bool = False) -> Store:
        return cls(connect(target, read_only=read_only), read_only=read_only)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- schema -----------------------------------------------------------------------------------
    def version(self) -> int:
        try:
            rows = self.db.query("SELECT max(version) FROM schema_version")
        except Exception:  # no such table: a new database (each back end raises its own error type)
            return 0
        return int(rows[0][0] or 0)

    def migrate(self) -> int:
        """Apply the migrations this database lacks, each in its own transaction; return the version."""
        self.db.execute(schema.SCHEMA_VERSION.create(self.db.types))
        current = self.version()
        if current > schema.LATEST:
            raise StoreError(f"the database has schema version {current}; this chronik knows up to {schema.LATEST}",
                             hint="upgrade chronik (pip install -U chronik)")
        for version in range(current + 1, schema.LATEST + 1):
            with self.db.transaction():
                for statement in schema.MIGRATIONS[version]:
                    self._run_migration_statement(statement)
                self.db.execute("INSERT INTO schema_version VALUES (?, ?)", [version, now()])
            log.info("database migrated to schema version %d", version)
        return schema.LATEST

    def _run_migration_statement(self, statement: str) -> None:
        if statement.startswith("@create "):
            self.db.execute(schema.table(statement.split()[1]).create(self.db.types))
        elif statement.startswith("@"):
            backend, _, sql = statement[1:].partition(" ")
            if backend == self.db.kind:
                self.db.execute(sql)
        else:
            self.db.execute(statement)

    # --- documents --------------------------------------------------------------------------------
    def add_documents(self, docs: Iterable[Document], batch: int = 500) -> AddCounts:
        """Store documents not stored yet (``doc.doc_id`` must be the content id; the source's own id is
        ``doc.meta['external_id']``). Committed batch by batch, so an interrupted ingest keeps what it read."""
        counts = AddCounts()
        chunk: list[Document] = []
        for doc in docs:
            counts.read += 1
            chunk.append(doc)
            if len(chunk) >= batch:
                self._add_batch(chunk, counts)
                chunk = []
        if chunk:
            self._add_batch(chunk, counts)
        return counts

    def _add_batch(self, docs: list[Document], counts: AddCounts) -> None:
        unique = {d.doc_id: d for d in docs}
        known = {r[0] for r in self.db.query("SELECT id FROM documents WHERE id IN (SELECT unnest(?::TEXT[]))",
                                             [list(unique)])}
        stamp = now()
        rows = [(d.doc_id, d.meta.get("external_id"), d.url, d.title, d.source, d.date, d.lang or None, d.text,
                 d.meta.get("origin"), stamp, "new", None, None, None, None, None, None)
                for i, d in unique.items() if i not in known]
        with self.db.transaction():
            self.db.insert(schema.DOCUMENTS, rows)
        counts.added += len(rows)
        counts.already += len(docs) - len(rows)

    def pending(self, retry_failed: bool = False) -> list[str]:
        """Ids of the documents still to code, in a stable order."""
        statuses = ["new", "failed"] if retry_failed else ["new"]
        rows = self.db.query("SELECT id FROM documents WHERE status IN (SELECT unnest(?::TEXT[])) ORDER BY id",
                             [statuses])
        return [r[0] for r in rows]

    def load(self, ids: Sequence[str]) -> list[Document]:
        rows = self.db.query("SELECT id, external_id, text, date, language, title, url, outlet FROM documents "
                             "WHERE id IN (SELECT unnest(?::TEXT[]))", [list(ids)])
        by_id = {r[0]: r for r in rows}
        docs = []
        for i in ids:
            if i not in by_id:
                continue
            _, ext, text, day, lang, title, url, outlet = by_id[i]
            docs.append(Document(text=text, doc_id=i, date=day, lang=lang or "", title=title, url=url,
                                 source=outlet, meta={"external_id": ext}))
        return docs

    def document(self, doc_id: str) -> dict[str, Any] | None:
        names, rows = self.db.columns("SELECT id, external_id, url, title, outlet, date, language, text, origin, "
                                      "status, error, cluster_id FROM documents WHERE id = ?", [doc_id])
        return dict(zip(names, rows[0], strict=True)) if rows else None

    # --- results ----------------------------------------------------------------------------------
    def save(self, results: Sequence[CodedDocument], run_id: int | None) -> int:
        """Store coded documents: their old rows go and the new ones come in one transaction. Returns
        the number of events stored."""
        if not results:
            return 0
        ids = [r.doc_id for r in results]
        stamp = now()
        status_rows = [(r.doc_id, r.status, stamp, run_id, r.error, r.sentences, r.minhash) for r in results]
        with self.db.transaction():
            for t in ("events", "mentions", "quotes"):
                self.db.execute(f"DELETE FROM {t} WHERE doc_id IN (SELECT unnest(?::TEXT[]))", [ids])
            self.db.insert(schema.MENTIONS, [row for r in results for row in r.mentions])
            self.db.insert(schema.EVENTS, [row for r in results for row in r.events])
            self.db.insert(schema.QUOTES, [row for r in results for row in r.quotes])
            self.db.execute("DELETE FROM chronik_status")
            self.db.insert(schema.STATUS, status_rows)
            self.db.execute("UPDATE documents SET status = s.status, coded_at = s.coded_at, run_id = s.run_id, "
                            "error = s.error, sentences = s.sentences, minhash = s.minhash "
                            "FROM chronik_status s WHERE documents.id = s.id")
        return sum(len(r.events) for r in results)

    # --- runs -------------------------------------------------------------------------------------
    def start_run(self, engine: str, workers: int) -> int:
        from chronik import __version__

        with self.db.transaction():
            run_id = int(self.db.query("SELECT coalesce(max(id), 0) + 1 FROM runs")[0][0])
            self.db.execute("INSERT INTO runs (id, started_at, engine, workers, documents, events, failures, status, "
                            "version) VALUES (?, ?, ?, ?, 0, 0, 0, 'running', ?)",
                            [run_id, now(), engine, workers, __version__])
        return run_id

    def finish_run(self, run_id: int, documents: int, events: int, failures: int, status: str = "done") -> None:
        self.db.execute("UPDATE runs SET finished_at = ?, documents = ?, events = ?, failures = ?, status = ? "
                        "WHERE id = ?", [now(), documents, events, failures, status, run_id])

    # --- deduplication ----------------------------------------------------------------------------
    def deduplicate(self, threshold: float | None = None) -> tuple[int, int]:
        """Group near-duplicate documents and rebuild the merged events. Returns (documents in a group of
        two or more, merged events)."""
        from chronik.store.dedup import THRESHOLD, clusters

        sigs = self.db.query("SELECT id, minhash FROM documents WHERE status = 'coded' ORDER BY id")
        groups = clusters(((i, bytes(m) if m is not None else None) for i, m in sigs), threshold or THRESHOLD)
        sizes: dict[str, int] = {}
        for c in groups.values():
            sizes[c] = sizes.get(c, 0) + 1
        with self.db.transaction():
            self.db.execute("DELETE FROM chronik_clusters")
            self.db.insert(schema.CLUSTERS, list(groups.items()))
            self.db.execute("UPDATE documents SET cluster_id = c.cluster_id FROM chronik_clusters c "
                            "WHERE documents.id = c.id AND documents.cluster_id IS DISTINCT FROM c.cluster_id")
            self.db.execute("DELETE FROM merged_events")
            self.db.execute(MERGE_SQL)
        merged = int(self.db.query("SELECT count(*) FROM merged_events")[0][0])
        return sum(n for n in sizes.values() if n > 1), merged

    # --- overview ---------------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for status, n in self.db.query("SELECT status, count(*) FROM documents GROUP BY status"):
            out[f"documents_{status}"] = int(n)
        out["documents"] = sum(v for k, v in out.items() if k.startswith("documents_"))
        for t in ("mentions", "events", "quotes", "merged_events", "runs"):
            out[t] = int(self.db.query(f"SELECT count(*) FROM {t}")[0][0])
        out["clusters"] = int(self.db.query("SELECT count(DISTINCT cluster_id) FROM documents "
                                            "WHERE cluster_id IS NOT NULL")[0][0])
        out["schema_version"] = self.version()
        return out


MERGE_SQL = """
INSERT INTO merged_events
SELECT md5(concat_ws('|', coalesce(CAST(e.date AS VARCHAR), ''), e.source_code, coalesce(e.target_code, ''),
                     e.cameo, e.mode)) AS merged_id,
       row_number() OVER (ORDER BY e.date, e.source_code, e.target_code, e.cameo, e.mode) AS global_id,
       e.date, e.source_code, min(e.source_name), min(e.source_country),
       e.target_code, min(e.target_name), min(e.target_country),
       e.cameo, min(e.root), min(e.plover), min(e.goldstein), min(e.quad_class), e.mode,
       min(e.location_name), min(e.location_country), min(e.lat), min(e.lon),
       count(*) AS num_mentions, count(DISTINCT e.doc_id) AS num_articles,
       count(DISTINCT coalesce(d.outlet, d.id)) AS num_sources,
       count(DISTINCT coalesce(d.cluster_id, d.id)) AS num_clusters,
       min(e.doc_id) AS first_doc_id, min(d.url) AS source_url
FROM events e JOIN documents d ON d.id = e.doc_id
GROUP BY e.date, e.source_code, e.target_code, e.cameo, e.mode
"""
