"""Writers: events as JSON Lines (the interchange format), documents as JSON, events as a table."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from chronik.model import Document


def write_events_jsonl(docs: Iterable[Document], out: TextIO) -> int:
    n = 0
    for doc in docs:
        for ev in doc.events:
            out.write(json.dumps(ev.to_dict(), ensure_ascii=False) + "\n")
            n += 1
    return n


def write_quotes_jsonl(docs: Iterable[Document], out: TextIO) -> int:
    """One quotation a line, with the document's id and character spans of quote, speaker, cue,
    frame and addressee (the format ``chronik eval quotes --pred`` reads)."""
    n = 0
    for doc in docs:
        for q in doc.quotes:
            out.write(json.dumps({"doc_id": doc.doc_id, **q.to_dict()}, ensure_ascii=False) + "\n")
            n += 1
    return n


def write_json(docs: Iterable[Document], out: TextIO) -> int:
    """A JSON array of documents, each with its sentences, mentions, places, dates and events."""
    n = 0
    out.write("[")
    for doc in docs:
        out.write(",\n" if n else "\n")
        out.write(json.dumps(doc.to_dict(), ensure_ascii=False, indent=1))
        n += 1
    out.write("\n]\n")
    return n
