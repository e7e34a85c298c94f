"""``chronik actors lookup``: what a name or phrase resolves to on a given day, and why.

Two answers are given: the dictionary entries the words match directly (names, adjectives, compound
prefixes, role words — each with its code on the day, every dated period and the file:line it comes
from), and the mention the actor matcher makes of the whole phrase in context, so "Russlands
Präsident" shows RUSGOV built from the genitive country and the role word.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date as Date
from typing import Any

from chronik.actors.dictionary import ActorDictionary, Entry, name_tokens
from chronik.text.normalize import norm


@dataclass(slots=True)
class EntryHit:
    """One dictionary entry a form matches."""

    form: str  # the words that matched
    how: str  # name | adjective | prefix | role word
    kind: str  # person | org | country | capital | seat | demonym | sector
    name: str
    code: str | None  # the code valid on the day asked (None: not valid then)
    periods: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    origin: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"form": self.form, "how": self.how, "kind": self.kind, "name": self.name, "code": self.code,
                "periods": [{"code": c, "from": f, "until": u} for c, f, u in self.periods],
                "origin": self.origin}


@dataclass(slots=True)
class PhraseHit:
    """A mention the matcher finds in the phrase."""

    text: str
    code: str | None
    kind: str
    source: str

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "code": self.code, "kind": self.kind, "source": self.source}


@dataclass(slots=True)
class Lookup:
    query: str
    day: Date | None
    entries: list[EntryHit]
    mentions: list[PhraseHit]

    def to_dict(self) -> dict[str, Any]:
        return {"query": self.query, "date": self.day.isoformat() if self.day else None,
                "entries": [e.to_dict() for e in self.entries], "mentions": [m.to_dict() for m in self.mentions]}


def _hit(form: str, how: str, e: Entry, day: Date | None) -> EntryHit:
    periods = [(p.code, p.start.isoformat() if p.start else None, p.end.isoformat() if p.end else None)
               for p in e.periods]
    return EntryHit(form, how, e.kind, e.name, e.code_on(day), periods, e.origin)


def dictionary_entries(d: ActorDictionary, query: str, day: Date | None) -> list[EntryHit]:
    """Entries for the whole query and for each of its words (names, adjectives, prefixes, role words)."""
    hits: list[EntryHit] = []
    seen: set[tuple[str, str, str]] = set()

    def add(h: EntryHit) -> None:
        key = (h.form, h.how, h.origin or h.name)
        if key not in seen:
            seen.add(key)
            hits.append(h)

    toks = name_tokens(query)
    words = query.split()
    for e in d.names.get(toks, []):
        add(_hit(query, "name", e, day))
    whole = {h.origin for h in hits}
    for w in words if len(words) > 1 or not hits else []:
        for e in d.names.get(name_tokens(w), []):
            if e.origin not in whole:  # "Lawrow" alone is the same entry as "Sergej Lawrow"
                add(_hit(w, "name", e, day))
    for w in words:
        key = norm(w)
        if key in d.adjectives:
            add(_hit(w, "adjective", d.adjectives[key], day))
        if "-" in w:
            pre = norm(w.split("-")[0])
            if pre in d.prefixes:
                add(_hit(w.split("-")[0] + "-", "prefix", d.prefixes[pre], day))
        sector = d.sector_of(w) if w[:1].isupper() else None
        if sector:
            add(EntryHit(w, "role word", "sector", w, sector, [], "sectors.yaml"))
    return hits


def lookup(query: str, *, day: Date | None, pipeline: Any) -> Lookup:
    """Look ``query`` up in ``pipeline``'s dictionary and run the pipeline's actor stages over it."""
    d: ActorDictionary = pipeline.resources.actors
    entries = dictionary_entries(d, query, day)
    doc = pipeline.make_doc(query, date=day, doc_id="lookup")
    for c in pipeline.components:
        if c.name in ("events",):
            break
        doc = c(doc)
    mentions = [PhraseHit(m.text, m.actor.code, m.kind, m.actor.source) for m in doc.mentions]
    return Lookup(query, day, entries, mentions)
