"""Reading documents (text, JSON Lines, stdin) and writing events (JSON Lines, JSON, table)."""

from chronik.io.readers import read_documents
from chronik.io.writers import write_events_jsonl, write_json

__all__ = ["read_documents", "write_events_jsonl", "write_json"]
