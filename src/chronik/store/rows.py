"""A coded document as the rows the store keeps: plain tuples that cross process boundaries cheaply
(a worker codes, the one writer stores)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from chronik.model import Document, Event, Quote
from chronik.store.backend import Row


@dataclass(slots=True)
class CodedDocument:
    doc_id: str
    status: str = "coded"  # coded | failed
    error: str | None = None
    sentences: int = 0
    minhash: bytes | None = None
    mentions: list[Row] = field(default_factory=list)
    events: list[Row] = field(default_factory=list)
    quotes: list[Row] = field(default_factory=list)


def coded_rows(doc: Document, minhash: bytes | None = None) -> CodedDocument:
    """The rows of a document the pipeline has coded (columns in the order of chronik.store.schema)."""
    mentions = [(doc.doc_id, i, m.sent, m.start, m.end, m.text, m.actor.code, m.actor.name, m.actor.country, m.kind)
                for i, m in enumerate(doc.mentions)]
    events: dict[str, Row] = {}
    for e in doc.events:
        events.setdefault(e.event_id, event_row(e))
    quotes = [quote_row(doc.doc_id, i, q) for i, q in enumerate(doc.quotes)]
    return CodedDocument(doc.doc_id, sentences=len(doc.sentences), minhash=minhash, mentions=mentions,
                         events=list(events.values()), quotes=quotes)


def failed(doc_id: str, error: str) -> CodedDocument:
    return CodedDocument(doc_id, status="failed", error=error[:2000])


def event_row(e: Event) -> Row:
    d = e.to_dict()
    src, tgt, loc = e.source, e.target, e.location
    return (
        e.event_id, e.doc_id, e.sentence, e.date,
        src.actor.code, src.actor.name, src.actor.country, src.text,
        tgt.actor.code if tgt else None, tgt.actor.name if tgt else None, tgt.actor.country if tgt else None,
        tgt.text if tgt else None,
        e.cameo, e.cameo[:2], e.plover, e.goldstein, e.quad_class, e.mode,
        e.trigger.text, e.trigger.start, e.trigger.end,
        loc.name if loc else None, loc.country if loc else None, loc.lat if loc else None, loc.lon if loc else None,
        loc.geonameid if loc else None,
        e.attributed_to.actor.code if e.attributed_to else None, e.quote.text if e.quote else None, e.rule,
        json.dumps(d, ensure_ascii=False),
    )


def quote_row(doc_id: str, i: int, q: Quote) -> Row:
    d: dict[str, Any] = q.to_dict()
    speaker = d.get("speaker") or {}
    cue = d.get("cue") or {}
    return (doc_id, i, q.kind, q.medium, q.text, q.start, q.end, speaker.get("text"), speaker.get("code"),
            cue.get("text"), json.dumps(d, ensure_ascii=False))
