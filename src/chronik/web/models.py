"""Request and response models of the API: what /docs shows is what the service answers."""

from __future__ import annotations

import re
from datetime import date as Date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

Lang = Literal["de", "en"]


def _iso_date(value: Any) -> Any:
    """Dates only as YYYY-MM-DD (not numbers read as timestamps, nor other spellings)."""
    if isinstance(value, Date) or (isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)):
        return value
    raise ValueError("give the date as YYYY-MM-DD")


IsoDate = Annotated[Date, BeforeValidator(_iso_date)]
ModeName = Literal["asserted", "negated", "intended", "planned", "hypothetical", "reported_claim"]


class ErrorBody(BaseModel):
    """Every error: what went wrong and what to do about it."""

    status: int = Field(description="HTTP status")
    code: str = Field(description="chronik error code (E6xx for the web service)", examples=["E604"])
    message: str = Field(description="what was wrong")
    hint: str | None = Field(None, description="what to do")


class CodeRequest(BaseModel):
    """A text, or a document as in a JSON Lines file ({doc_id, text, date, language, title, url, source})."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, description="the article text", examples=["Die Polizei nahm am Montag in "
                      "Istanbul zwölf Demonstranten fest."])
    date: IsoDate | None = Field(None, description="the article's date; relative dates ('am Freitag') are resolved "
                              "from it")
    language: Lang | None = Field(None, description="de or en; detected when not given")
    doc_id: str = Field("doc", min_length=1, max_length=200, description="the document's id in the answer")
    title: str | None = Field(None, max_length=2000)
    url: str | None = Field(None, max_length=4000)
    source: str | None = Field(None, max_length=500, description="the outlet")


class Sentence(BaseModel):
    i: int
    start: int
    end: int
    text: str


class ActorRef(BaseModel):
    """An actor mention: the words (character offsets into the text, end exclusive) and what they resolve to."""

    text: str
    start: int
    end: int
    code: str | None = Field(None, description="CAMEO actor code", examples=["USAGOV"])
    name: str | None = Field(None, description="the resolved name", examples=["John Kerry"])
    country: str | None = None
    sectors: list[str] = []


class Mention(ActorRef):
    sentence: int
    kind: str = Field(description="name, role, pronoun, capital, adjective, group …")
    rule: str = Field("", description="the dictionary entry (file:line) or rule that resolved it")


class Place(BaseModel):
    text: str
    start: int
    end: int
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None


class TimeExpression(BaseModel):
    text: str
    start: int
    end: int
    date: Date | None = None
    rule: str = ""


class Role(BaseModel):
    text: str
    spans: list[list[int]] = Field(description="[start, end] pairs")
    code: str | None = None
    name: str | None = None
    country: str | None = None
    mention: dict[str, str | int] | None = None


class Quotation(BaseModel):
    type: str = Field(description="Direct, Indirect, IndirectFreeIndirect, FreeIndirect or Reported")
    medium: str
    text: str
    start: int
    end: int
    quote: Role | None = None
    speaker: Role | None = None
    cue: Role | None = None
    frame: Role | None = None
    addressee: list[Role | None] = []
    nested: bool = False
    sentence: int = 0
    rule: str = ""


class TextSpan(BaseModel):
    text: str
    start: int
    end: int


class Location(BaseModel):
    text: str | None = None
    name: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    start: int | None = None
    end: int | None = None


class Event(BaseModel):
    """One event record (the event record schema of ``chronik code --format jsonl``)."""

    event_id: str
    doc_id: str
    sentence: int
    source: ActorRef
    target: ActorRef | None = None
    cameo: str = Field(examples=["040"])
    cameo_name: str | None = Field(None, description="the code's name in the CAMEO codebook")
    plover: str | None = None
    goldstein: float | None = None
    quad_class: int | None = None
    mode: str
    trigger: TextSpan
    location: Location | None = None
    date: Date | None = None
    attributed_to: ActorRef | None = None
    quote: TextSpan | None = None
    rule: str = Field(description="the pattern id and its file:line")


class CodedDocument(BaseModel):
    """A coded document: every annotation with character offsets into ``text``."""

    doc_id: str
    date: Date | None = None
    language: str
    title: str | None = None
    text: str
    sentences: list[Sentence]
    mentions: list[Mention]
    places: list[Place]
    times: list[TimeExpression]
    quotes: list[Quotation]
    events: list[Event]
    elapsed_ms: float = Field(description="time spent coding, in milliseconds")


class EventRow(BaseModel):
    """One stored event with its article."""

    event_id: str
    doc_id: str = Field(description="the stored document's id (GET /v1/documents/{doc_id})")
    external_id: str | None = Field(None, description="the id the source gave the article")
    date: Date | None = None
    source_code: str | None = None
    source_name: str | None = None
    target_code: str | None = None
    target_name: str | None = None
    cameo: str
    cameo_name: str | None = None
    root: str | None = None
    plover: str | None = None
    goldstein: float | None = None
    quad_class: int | None = None
    mode: str | None = None
    trigger_text: str | None = None
    location_name: str | None = None
    location_country: str | None = None
    lat: float | None = None
    lon: float | None = None
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    rule: str | None = None


class EventPage(BaseModel):
    total: int = Field(description="events matching the filters")
    limit: int
    offset: int
    events: list[EventRow]


class DyadRow(BaseModel):
    period: Date
    source: str | None = None
    target: str | None = None
    events: int
    goldstein_sum: float | None = None
    goldstein_mean: float | None = None
    quad1: int
    quad2: int
    quad3: int
    quad4: int
    articles: int


class DyadPage(BaseModel):
    limit: int
    offset: int
    dyads: list[DyadRow]


class TimelinePoint(BaseModel):
    period: Date
    events: int
    quad1: int = Field(description="verbal cooperation")
    quad2: int = Field(description="material cooperation")
    quad3: int = Field(description="verbal conflict")
    quad4: int = Field(description="material conflict")


class Timeline(BaseModel):
    by: str
    points: list[TimelinePoint]


class Node(BaseModel):
    id: str = Field(description="actor code (or country code at level=country)")
    name: str | None = None
    events: int


class Edge(BaseModel):
    source: str
    target: str
    events: int
    goldstein_mean: float | None = Field(None, description="-10 (conflict) … +10 (cooperation)")
    quad1: int
    quad2: int
    quad3: int
    quad4: int


class Network(BaseModel):
    level: str
    nodes: list[Node]
    edges: list[Edge]


class PlacePoint(BaseModel):
    name: str
    country: str | None = None
    lat: float
    lon: float
    events: int
    goldstein_mean: float | None = None
    quad1: int
    quad2: int
    quad3: int
    quad4: int


class Places(BaseModel):
    places: list[PlacePoint]


class Summary(BaseModel):
    """What the store holds, for the page's filters."""

    db: str = Field(description="the store's name (':memory:' without --db)")
    documents: int
    events: int
    first_date: Date | None = None
    last_date: Date | None = None
    outlets: list[str]
    token_required: bool


class StoredMention(BaseModel):
    text: str
    start: int
    end: int
    code: str | None = None
    name: str | None = None
    country: str | None = None
    sentence: int | None = None
    kind: str | None = None


class StoredDocument(BaseModel):
    """A stored article with its actor mentions, events and quotations (offsets into ``text``)."""

    id: str
    external_id: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    date: Date | None = None
    language: str | None = None
    text: str
    status: str | None = None
    cluster_id: str | None = None
    mentions: list[StoredMention]
    events: list[Event]
    quotes: list[Quotation]


class Health(BaseModel):
    status: Literal["ok"]
    version: str
