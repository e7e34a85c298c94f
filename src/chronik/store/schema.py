"""The database schema, as data: tables, their columns and the migrations that build them.

Both back ends (DuckDB, PostgreSQL) are made from these definitions; a column type is one of the
portable names below and each back end spells it its own way. A new schema version is a new entry
in :data:`MIGRATIONS`: statements that take a database of the previous version to this one.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    columns: tuple[tuple[str, str], ...]  # (name, portable type)
    key: tuple[str, ...]

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c for c, _ in self.columns)

    def create(self, types: dict[str, str], temporary: bool = False) -> str:
        cols = ", ".join(f"{name} {types[kind]}" for name, kind in self.columns)
        key = f", PRIMARY KEY ({', '.join(self.key)})" if self.key else ""
        return f"CREATE {'TEMP ' if temporary else ''}TABLE IF NOT EXISTS {self.name} ({cols}{key})"


DOCUMENTS = Table("documents", (
    ("id", "text"),  # content hash of the normalised text: the same article is stored once
    ("external_id", "text"),  # the id the source gave it (JSONL doc_id, CSV id, file name, feed guid)
    ("url", "text"), ("title", "text"), ("outlet", "text"), ("date", "date"), ("language", "text"),
    ("text", "text"), ("origin", "text"),  # the file, folder or feed it came from
    ("ingested_at", "timestamp"),
    ("status", "text"),  # new | coded | failed
    ("coded_at", "timestamp"), ("run_id", "int"), ("error", "text"),
    ("sentences", "int"), ("minhash", "blob"), ("cluster_id", "text"),
), ("id",))

MENTIONS = Table("mentions", (
    ("doc_id", "text"), ("i", "int"), ("sentence", "int"), ("start_char", "int"), ("end_char", "int"),
    ("text", "text"), ("code", "text"), ("name", "text"), ("country", "text"), ("kind", "text"),
), ("doc_id", "i"))

EVENTS = Table("events", (
    ("event_id", "text"), ("doc_id", "text"), ("sentence", "int"), ("date", "date"),
    ("source_code", "text"), ("source_name", "text"), ("source_country", "text"), ("source_text", "text"),
    ("target_code", "text"), ("target_name", "text"), ("target_country", "text"), ("target_text", "text"),
    ("cameo", "text"), ("root", "text"), ("plover", "text"), ("goldstein", "float"), ("quad_class", "int"),
    ("mode", "text"), ("trigger_text", "text"), ("trigger_start", "int"), ("trigger_end", "int"),
    ("location_name", "text"), ("location_country", "text"), ("lat", "float"), ("lon", "float"),
    ("geonameid", "int"), ("attributed_to", "text"), ("quote_text", "text"), ("rule", "text"),
    ("record", "text"),  # the full event record (events.schema.json) as JSON
), ("event_id",))

QUOTES = Table("quotes", (
    ("doc_id", "text"), ("i", "int"), ("kind", "text"), ("medium", "text"), ("text", "text"),
    ("start_char", "int"), ("end_char", "int"), ("speaker_text", "text"), ("speaker_code", "text"),
    ("cue", "text"), ("record", "text"),
), ("doc_id", "i"))

RUNS = Table("runs", (
    ("id", "int"), ("started_at", "timestamp"), ("finished_at", "timestamp"), ("engine", "text"),
    ("workers", "int"), ("documents", "int"), ("events", "int"), ("failures", "int"), ("status", "text"),
    ("version", "text"),
), ("id",))

# one record per distinct event (date, actors, code, mode) over all articles, as GDELT's events table
MERGED_EVENTS = Table("merged_events", (
    ("merged_id", "text"), ("global_id", "int"), ("date", "date"),
    ("source_code", "text"), ("source_name", "text"), ("source_country", "text"),
    ("target_code", "text"), ("target_name", "text"), ("target_country", "text"),
    ("cameo", "text"), ("root", "text"), ("plover", "text"), ("goldstein", "float"), ("quad_class", "int"),
    ("mode", "text"), ("location_name", "text"), ("location_country", "text"), ("lat", "float"), ("lon", "float"),
    ("num_mentions", "int"), ("num_articles", "int"), ("num_sources", "int"), ("num_clusters", "int"),
    ("first_doc_id", "text"), ("source_url", "text"),
), ("merged_id",))

# scratch tables of one connection: statuses and clusters to apply with one UPDATE … FROM
STATUS = Table("chronik_status", (
    ("id", "text"), ("status", "text"), ("coded_at", "timestamp"), ("run_id", "int"), ("error", "text"),
    ("sentences", "int"), ("minhash", "blob"),
), ("id",))
CLUSTERS = Table("chronik_clusters", (("id", "text"), ("cluster_id", "text")), ("id",))

SCHEMA_VERSION = Table("schema_version", (("version", "int"), ("applied_at", "timestamp")), ("version",))

TABLES: tuple[Table, ...] = (DOCUMENTS, MENTIONS, EVENTS, QUOTES, RUNS, MERGED_EVENTS)

# version -> statements; "@create NAME" makes the table NAME as defined above, in the back end's types;
# "@postgresql …" runs on that back end only
MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (
        *(f"@create {t.name}" for t in TABLES),
        # secondary indexes help a row store; DuckDB scans columns fast and updates indexed rows slowly
        "@postgresql CREATE INDEX IF NOT EXISTS documents_status ON documents (status)",
        "@postgresql CREATE INDEX IF NOT EXISTS events_doc ON events (doc_id)",
        "@postgresql CREATE INDEX IF NOT EXISTS events_date ON events (date)",
        "@postgresql CREATE INDEX IF NOT EXISTS mentions_doc ON mentions (doc_id)",
        "@postgresql CREATE INDEX IF NOT EXISTS quotes_doc ON quotes (doc_id)",
    ),
}

LATEST = max(MIGRATIONS)


def table(name: str) -> Table:
    for t in (*TABLES, SCHEMA_VERSION):
        if t.name == name:
            return t
    raise KeyError(name)
