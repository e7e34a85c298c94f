"""The data model: typed records that flow through the pipeline.

A :class:`Document` is created from text; the components fill its sentences, tokens, actor
mentions, places, dates, quotes and events. Offsets are character offsets into ``Document.text``,
end exclusive.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date as Date
from typing import Any, Generic, Literal, Protocol, TypeVar

Mode = Literal["asserted", "negated", "intended", "planned", "hypothetical", "reported_claim"]
class HasSpan(Protocol):
    start: int
    end: int


T = TypeVar("T", bound=HasSpan)
MODES: tuple[str, ...] = ("asserted", "negated", "intended", "planned", "hypothetical", "reported_claim")


@dataclass(slots=True)
class Span:
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(slots=True)
class Token:
    i: int  # index within the document
    text: str
    start: int
    end: int
    sent: int = 0
    tag: str = ""  # STTS part of speech
    lemma: str = ""
    norm: str = ""  # case-folded, ss for ß: the key for dictionary look-ups
    space_after: bool = True
    verb_lemma: str = ""  # for finite verbs: lemma with its separable particle reunited
    ftag: str = ""  # the tagger's own tag where it is not STTS (English: BNC C5, "VVD" past tense)

    @property
    def is_punct(self) -> bool:
        return self.tag.startswith("$")


@dataclass(slots=True)
class Sentence:
    i: int
    start: int
    end: int
    tok_start: int  # first token index
    tok_end: int  # one past the last token index
    text: str = ""


@dataclass(slots=True)
class Actor:
    """What a mention resolves to: a code (country + sectors, or an organisation) and why."""

    code: str | None
    name: str | None = None
    country: str | None = None
    sectors: list[str] = field(default_factory=list)
    kind: str = "state"  # state | person | organisation | group | unknown
    source: str = ""  # which dictionary entry or rule resolved it
    gender: str | None = None  # "f" or "m" for people whose entry says so (pronoun resolution)

    def with_country(self, country: str) -> Actor:
        code = country + "".join(self.sectors)
        return Actor(code=code, name=self.name, country=country, sectors=list(self.sectors),
                     kind=self.kind, source=self.source + "+context-country", gender=self.gender)


@dataclass(slots=True)
class Mention:
    """A stretch of text that names an actor."""

    start: int
    end: int
    text: str
    tok_start: int
    tok_end: int
    sent: int
    actor: Actor
    head: int = -1  # token index of the head noun or name
    kind: str = "name"  # name | role | pronoun | capital | adjective | group
    antecedent: int | None = None  # index of the mention this one refers back to
    members: list[Actor] = field(default_factory=list)  # for "beide Seiten": the actors it stands for

    def to_actor_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "code": self.actor.code,
            "name": self.actor.name,
            "country": self.actor.country,
            "sectors": list(self.actor.sectors),
        }


@dataclass(slots=True)
class Place:
    text: str
    start: int
    end: int
    name: str
    country: str | None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    sent: int = 0
    tok_start: int = 0
    weak: bool = False  # found after "auf": may also be the target actor

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "name": self.name, "country": self.country, "lat": self.lat,
                "lon": self.lon, "geonameid": self.geonameid, "start": self.start, "end": self.end}


@dataclass(slots=True)
class TimeExpr:
    text: str
    start: int
    end: int
    sent: int
    date: Date | None  # the reading nearest to the article's date
    rule: str
    tok_start: int = 0
    alt_past: Date | None = None  # for weekdays: the reading on or before the article's date
    alt_future: Date | None = None  # … and on or after it


@dataclass(slots=True)
class Quote:
    """A quotation or a report of speech: what was said (one or more spans), who said it, the cue.

    ``kind`` is one of Direct (in quotation marks), Indirect (dass-clause, Konjunktiv after a verb of
    saying, "laut X"), IndirectFreeIndirect (further sentences in Konjunktiv that continue an indirect
    quote), FreeIndirect (reported without a frame) and Reported (a speech act told as an act:
    "X forderte ein Ende der Gewalt"). ``speaker_span`` are the words that name the speaker where the
    text names them (possibly in an earlier sentence); ``speaker`` is the actor mention they resolve to.
    """

    text: str
    start: int
    end: int
    kind: str = "Direct"
    spans: list[Span] = field(default_factory=list)
    speaker: Mention | None = None
    speaker_span: Span | None = None
    cue: list[Span] = field(default_factory=list)
    frame: list[Span] = field(default_factory=list)
    addressee: Span | None = None
    medium: str = "SW"
    nested: bool = False
    sent: int = 0
    rule: str = ""

    def to_dict(self) -> dict[str, Any]:
        def role(spans: list[Span]) -> dict[str, Any] | None:
            if not spans:
                return None
            return {"text": " ".join(s.text for s in spans), "spans": [[s.start, s.end] for s in spans]}

        speaker = role([self.speaker_span]) if self.speaker_span else None
        if speaker is not None and self.speaker is not None:
            m = self.speaker
            speaker.update(code=m.actor.code, name=m.actor.name, country=m.actor.country,
                           mention={"text": m.text, "start": m.start, "end": m.end})
        return {"type": self.kind, "medium": self.medium, "text": self.text, "start": self.start,
                "end": self.end, "quote": role(self.spans or [Span(self.text, self.start, self.end)]),
                "speaker": speaker, "cue": role(self.cue), "frame": role(self.frame),
                "addressee": [role([self.addressee])] if self.addressee else [],
                "nested": self.nested, "sentence": self.sent, "rule": self.rule}


@dataclass(slots=True)
class Event:
    doc_id: str
    sentence: int
    source: Mention
    target: Mention | None
    cameo: str
    trigger: Span
    rule: str
    mode: Mode = "asserted"
    plover: str = ""
    goldstein: float | None = None
    quad_class: int | None = None
    location: Place | None = None
    date: Date | None = None
    attributed_to: Mention | None = None
    quote: Span | None = None
    symmetric: bool = False

    @property
    def event_id(self) -> str:
        tgt = self.target.actor.code if self.target else "-"
        return (f"{self.doc_id}:{self.sentence}:{self.trigger.start}:"
                f"{self.source.actor.code}:{tgt}:{self.cameo}")

    def to_dict(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "doc_id": self.doc_id,
            "sentence": self.sentence,
            "source": self.source.to_actor_dict(),
            "target": self.target.to_actor_dict() if self.target else None,
            "cameo": self.cameo,
            "plover": self.plover,
            "goldstein": self.goldstein,
            "quad_class": self.quad_class,
            "mode": self.mode,
            "trigger": self.trigger.to_dict(),
            "location": self.location.to_dict() if self.location else None,
            "date": self.date.isoformat() if self.date else None,
            "attributed_to": self.attributed_to.to_actor_dict() if self.attributed_to else None,
            "quote": self.quote.to_dict() if self.quote else None,
            "rule": self.rule,
        }


@dataclass(slots=True)
class Name:
    tok_start: int
    tok_end: int
    label: str
    text: str


@dataclass(slots=True)
class Document:
    text: str
    doc_id: str = "doc"
    date: Date | None = None
    lang: str = "de"
    title: str | None = None
    url: str | None = None
    source: str | None = None
    tokens: list[Token] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    names: list[Name] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    indexes: dict[str, tuple[tuple[int, int, int], Any]] = field(default_factory=dict, repr=False, compare=False)

    def mention_index(self) -> SentenceIndex[Mention]:
        return self.index("mentions")

    def place_index(self) -> SentenceIndex[Place]:
        return self.index("places")

    def quote_index(self) -> SentenceIndex[Quote]:
        return self.index("quotes")

    def time_index(self) -> SentenceIndex[TimeExpr]:
        return self.index("times")

    def index(self, kind: str) -> SentenceIndex[Any]:
        """``mentions``, ``places``, ``quotes`` or ``times`` by sentence; made again when the list changes
        (a new list, items added or removed, new sentences)."""
        items = getattr(self, kind)
        key = (id(items), len(items), len(self.sentences))
        hit = self.indexes.get(kind)
        if hit is None or hit[0] != key:
            hit = (key, SentenceIndex(self, items))
            self.indexes[kind] = hit
        index: SentenceIndex[Any] = hit[1]
        return index

    def sentence_tokens(self, sent: Sentence) -> list[Token]:
        return self.tokens[sent.tok_start:sent.tok_end]

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "date": self.date.isoformat() if self.date else None,
            "language": self.lang,
            "title": self.title,
            "sentences": [{"i": s.i, "start": s.start, "end": s.end, "text": s.text} for s in self.sentences],
            "mentions": [dict(m.to_actor_dict(), sentence=m.sent, kind=m.kind) for m in self.mentions],
            "places": [p.to_dict() for p in self.places],
            "times": [{"text": t.text, "start": t.start, "end": t.end,
                       "date": t.date.isoformat() if t.date else None} for t in self.times],
            "quotes": [q.to_dict() for q in self.quotes],
            "events": [e.to_dict() for e in self.events],
        }


class SentenceIndex(Generic[T]):
    """Items with character spans (mentions, places, quotations) grouped by the sentences they touch,
    so that what lies in a sentence is found without scanning the whole document: the components
    stay linear in the length of a document. Items keep their list order within a sentence."""

    def __init__(self, doc: Document, items: Sequence[T]) -> None:
        self.starts = [s.start for s in doc.sentences]
        self.by_sent: dict[int, list[tuple[int, T]]] = {}
        self.size = 0
        self.extend(items)

    def extend(self, items: Sequence[T]) -> None:
        """Index more items (they come after the ones indexed so far)."""
        for item in items:
            first, last = self.sentence_of(item.start), self.sentence_of(max(item.start, item.end - 1))
            for s in range(first, last + 1):
                self.by_sent.setdefault(s, []).append((self.size, item))
            self.size += 1

    def sentence_of(self, char: int) -> int:
        return max(bisect_right(self.starts, char) - 1, 0)

    def sentence(self, sent: int) -> list[T]:
        return [item for _, item in self.by_sent.get(sent, ())]

    def around(self, start: int, end: int) -> list[T]:
        """The items of every sentence the characters start..end touch, in list order."""
        first, last = self.sentence_of(start), self.sentence_of(max(start, end - 1))
        if first == last:
            return self.sentence(first)
        seen: dict[int, T] = {}
        for s in range(first, last + 1):
            for k, item in self.by_sent.get(s, ()):
                seen[k] = item
        return [seen[k] for k in sorted(seen)]
