"""The corpus side: documents, actor mentions, events, quotations and runs in an embedded DuckDB file
(default) or a PostgreSQL database; near-duplicate grouping and merged events; queries and exports."""

from chronik.store.store import DEFAULT_DB, AddCounts, Store

__all__ = ["DEFAULT_DB", "AddCounts", "Store"]
