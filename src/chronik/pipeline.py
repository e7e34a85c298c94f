"""The pipeline: an ordered list of components, each declaring what it reads and writes.

A component is any callable ``Document -> Document`` with ``name``, ``requires`` and ``assigns``.
Components are made by factories registered by name (``@components.register("name")``), so a user
or a plugin can add or replace one without touching this module. A :class:`Pipeline` owns its
:class:`Resources` (dictionaries, patterns, codebook, tagger): two pipelines with different
dictionaries live side by side in one process, and a pipeline codes many documents without reloading.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date as Date
from functools import cached_property
from pathlib import Path
from typing import Any, Protocol

from chronik.errors import ChronikError, ConfigError, InputError
from chronik.model import Document

log = logging.getLogger("chronik")


class Component(Protocol):
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, doc: Document) -> Document: ...


Factory = Callable[["Resources", dict[str, Any]], Component]


class Registry:
    """Named factories. ``register`` is a decorator; ``get`` says what exists when a name is wrong."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._items: dict[str, Factory] = {}

    def register(self, name: str) -> Callable[[Factory], Factory]:
        def deco(factory: Factory) -> Factory:
            self._items[name] = factory
            return factory

        return deco

    def get(self, name: str) -> Factory:
        try:
            return self._items[name]
        except KeyError:
            raise ConfigError(f"no {self.kind} named {name!r}",
                              hint=f"known {self.kind}: {', '.join(sorted(self._items))}") from None

    def names(self) -> list[str]:
        return sorted(self._items)


components = Registry("component")

DEFAULT_COMPONENTS: tuple[str, ...] = ("segmenter", "tagger", "names", "actors", "places", "dates", "coref", "quotes",
                                       "events")
LANGUAGES: tuple[str, ...] = ("de", "en")


def quote_components() -> tuple[str, ...]:
    """The components up to the quotation finder (no event coding)."""
    return DEFAULT_COMPONENTS[:DEFAULT_COMPONENTS.index("quotes") + 1]


class Resources:
    """The knowledge of one language, loaded lazily and once."""

    def __init__(self, lang: str = "de", actor_files: Sequence[Path] = (), pattern_files: Sequence[Path] = ()) -> None:
        if lang not in LANGUAGES:
            raise ConfigError(f"chronik has no language pack for {lang!r}",
                              hint=f"available: {', '.join(LANGUAGES)}")
        self.lang = lang
        self.actor_files = tuple(Path(p) for p in actor_files)
        self.pattern_files = tuple(Path(p) for p in pattern_files)

    @cached_property
    def text(self) -> dict[str, Any]:
        from chronik.resources import data_path, load_yaml

        data: dict[str, Any] = load_yaml(data_path("text", f"{self.lang}.yaml"), "text")
        return data

    @cached_property
    def actors(self) -> Any:
        from chronik.actors.dictionary import ActorDictionary

        return ActorDictionary.load(self.actor_files)

    @cached_property
    def patterns(self) -> Any:
        from chronik.events.patterns import PatternSet

        return PatternSet.load(self.lang, self.pattern_files)

    @cached_property
    def modality(self) -> Any:
        from chronik.events.patterns import Modality

        return Modality.load(self.lang)

    @cached_property
    def codebook(self) -> Any:
        from chronik.events.codebook import Codebook

        return Codebook.load()

    @cached_property
    def gazetteer(self) -> Any:
        from chronik.places.gazetteer import Gazetteer

        return Gazetteer.load(self.actors)

    @cached_property
    def ner(self) -> Any:
        from chronik.text.ner import NameModel

        return NameModel.load(self.actors, self.gazetteer)

    @cached_property
    def grammar(self) -> Any:
        from chronik.text.grammar import Grammar

        return Grammar.from_pack(self.lang, self.text.get("grammar", {}))

    @cached_property
    def quote_lexicon(self) -> Any:
        from chronik.quotes.lexicon import QuoteLexicon

        return QuoteLexicon.load(self.lang)

    @cached_property
    def date_words(self) -> Any:
        from chronik.time.dates import DateWords

        return DateWords.load(self.lang)


@components.register("segmenter")
def _segmenter(res: Resources, cfg: dict[str, Any]) -> Component:
    from chronik.text.segment import Segmenter

    return Segmenter(res.text.get("abbreviations", []), res.text.get("clitics", []))


@components.register("tagger")
def _tagger(res: Resources, cfg: dict[str, Any]) -> Component:
    from chronik.text.tagger import Tagger

    return Tagger(res.lang, res.text.get("tag_map", {}))


@components.register("names")
def _names(res: Resources, cfg: dict[str, Any]) -> Component:
    from chronik.text.ner import NameTagger

    return NameTagger(res)


@components.register("actors")
def _actors(res: Resources, cfg: dict[str, Any]) -> Component:
    from chronik.actors.matcher import ActorMatcher

    index = res.gazetteer.index
    return ActorMatcher(res.actors, is_place=lambda key: key in index,
                        capitalised_nouns=res.grammar.capitalised_nouns)


@components.register("places")
def _places(res: Resources, cfg: dict[str, Any]) -> Component:
    from chronik.places.gazetteer import PlaceFinder

    words = res.date_words
    return PlaceFinder(res.gazetteer, frozenset(words.months) | frozenset(words.weekdays))


@components.register("dates")
def _dates(res: Resources, cfg: dict[str, Any]) -> Component:
    from chronik.time.dates import DateFinder

    return DateFinder(res.date_words)


@components.register("coref")
def _coref(res: Resources, cfg: dict[str, Any]) -> Component:
    from chronik.actors.coref import Coreference

    return Coreference()


@components.register("quotes")
def _quotes(res: Resources, cfg: dict[str, Any]) -> Component:
    from chronik.quotes.finder import QuoteFinder

    return QuoteFinder(res.quote_lexicon, res.grammar)


@components.register("events")
def _events(res: Resources, cfg: dict[str, Any]) -> Component:
    from chronik.events.coder import DEFAULT_MODES, EventCoder

    modes = frozenset(cfg.get("keep_modes", DEFAULT_MODES))
    return EventCoder(res.patterns, res.modality, res.codebook, keep_modes=modes,
                      non_political=frozenset(res.actors.non_political), grammar=res.grammar)


ErrorHandler = Callable[[Document, Exception], None]
MAX_CHARS = 1_000_000  # a document longer than this (about 150,000 words) is refused, not coded for minutes


def raise_error(doc: Document, exc: Exception) -> None:
    raise exc


class Pipeline:
    """Codes documents. ``Pipeline("de")(text, date=…)`` or ``pipeline.pipe(documents)``."""

    def __init__(self, lang: str = "de", *, actor_files: Sequence[Path] = (), pattern_files: Sequence[Path] = (),
                 components_: Sequence[str] | None = None, config: dict[str, dict[str, Any]] | None = None,
                 on_error: ErrorHandler = raise_error, max_chars: int = MAX_CHARS) -> None:
        self.lang = lang
        self.max_chars = max_chars
        self.resources = Resources(lang, actor_files, pattern_files)
        config = config or {}
        skip = set(self.resources.text.get("skip_components", []))  # the pack says what does not apply
        components_ = [n for n in (components_ or DEFAULT_COMPONENTS) if n not in skip]
        self.components: list[Component] = [components.get(n)(self.resources, config.get(n, {}))
                                            for n in components_]
        self.on_error = on_error
        self.analyze()

    def analyze(self) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
        """Check that every component's inputs are written by an earlier one."""
        written: set[str] = set()
        report = []
        for c in self.components:
            missing = [r for r in c.requires if r not in written]
            if missing:
                raise ConfigError(f"component {c.name!r} needs {', '.join(missing)}, which no earlier component "
                                  "writes", hint="reorder the components or add the one that writes it")
            written |= set(c.assigns)
            report.append((c.name, c.requires, c.assigns))
        return report

    def make_doc(self, text: str, *, date: Date | str | None = None, doc_id: str = "doc",
                 **meta: Any) -> Document:
        return Document(text=text, doc_id=doc_id, date=parse_date(date), lang=self.lang,
                        title=meta.get("title"), url=meta.get("url"), source=meta.get("source"))

    def __call__(self, text: str | Document, *, date: Date | str | None = None, doc_id: str = "doc") -> Document:
        doc = text if isinstance(text, Document) else self.make_doc(text, date=date, doc_id=doc_id)
        if len(doc.text) > self.max_chars:
            raise InputError(f"document {doc.doc_id} has {len(doc.text):,} characters; chronik codes documents of up "
                             f"to {self.max_chars:,}", hint="split it into articles (or raise Pipeline(max_chars=…))")
        doc.lang = doc.lang or self.lang
        for c in self.components:
            doc = c(doc)
        return doc

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        """Code documents one by one; a failing document goes to ``on_error`` (re-raise by default)."""
        for doc in docs:
            try:
                yield self(doc)
            except InputError as exc:  # this document cannot be coded as it is: the handler decides
                self.on_error(doc, exc)
            except ChronikError:
                raise
            except Exception as exc:  # a bug on one document must not stop a batch: the handler decides
                self.on_error(doc, exc)


class MultiPipeline:
    """Codes a stream of documents in several languages: each goes to the pipeline of its language,
    given with the document or detected (``chronik.text.language``). Pipelines are made on first use."""

    def __init__(self, langs: Sequence[str] = LANGUAGES, **kwargs: Any) -> None:
        self.langs = tuple(langs)
        self.kwargs = kwargs
        self.pipelines: dict[str, Pipeline] = {}

    def pipeline(self, lang: str) -> Pipeline:
        if lang not in self.pipelines:
            self.pipelines[lang] = Pipeline(lang, **self.kwargs)
        return self.pipelines[lang]

    def language_of(self, doc: Document) -> str:
        if doc.lang in self.langs:
            return doc.lang
        from chronik.text.language import detect_language

        return detect_language(doc.text, self.langs, default=self.langs[0])

    def __call__(self, doc: Document) -> Document:
        doc.lang = self.language_of(doc)
        return self.pipeline(doc.lang)(doc)

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        for doc in docs:
            doc.lang = self.language_of(doc)
            yield from self.pipeline(doc.lang).pipe([doc])


def parse_date(value: Date | str | None) -> Date | None:
    if value is None or isinstance(value, Date):
        return value
    text = str(value).strip()
    if not text:
        return None
    try:
        return Date.fromisoformat(text[:10])
    except ValueError:
        raise InputError(f"cannot read the date {value!r}", hint="give dates as YYYY-MM-DD") from None
