"""Event patterns: loaded from ``data/events/<lang>/*.yaml``, validated, indexed by lemma."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chronik.errors import DataFileError
from chronik.resources import data_path, load_yaml
from chronik.text.normalize import norm

VERB_SOURCE = ("subj",)
NOUN_SOURCE = ("gen", "poss", "zwischen", "subj", "context")


@dataclass(frozen=True, slots=True)
class Pattern:
    id: str
    cameo: str
    verb: str | None = None
    noun: str | None = None
    source: tuple[str, ...] = VERB_SOURCE
    target: tuple[str, ...] = ("obj",)
    reflexive: bool | None = None
    prep: str | None = None
    objects: frozenset[str] = frozenset()
    unless: frozenset[str] = frozenset()
    unless_prep: frozenset[str] = frozenset()
    negated_cameo: str | None = None
    military_cameo: str | None = None  # the code when the source is an armed force ("killed" by soldiers: 19)
    symmetric: bool = False
    require_target: bool = True
    passive_source: str | None = None
    speech: bool = False
    passive_subject: bool = False
    implicit_target: str | None = None
    compound: bool = True
    origin: str = ""

    @property
    def specificity(self) -> int:
        """More conditions win over fewer: "sich einsetzen für" over "einsetzen"."""
        return (2 * bool(self.objects) + bool(self.prep) + bool(self.reflexive) + bool(self.unless)
                + (len(self.noun) if self.noun else 0) // 4)


@dataclass(slots=True)
class PatternSet:
    verbs: dict[str, list[Pattern]] = field(default_factory=dict)
    nouns: dict[str, list[Pattern]] = field(default_factory=dict)
    noun_suffixes: list[tuple[str, list[Pattern]]] = field(default_factory=list)
    count: int = 0
    # the noun_suffixes as an index: a head noun → its compound patterns, and the head lengths, longest first
    heads: dict[str, list[Pattern]] = field(default_factory=dict)
    head_lengths: list[int] = field(default_factory=list)

    @classmethod
    def load(cls, lang: str, extra: Sequence[Path] = ()) -> PatternSet:
        folder = data_path("events", lang)
        files = sorted(p for p in folder.glob("*.yaml") if p.name != "modality.yaml")
        if not files:
            raise DataFileError(str(folder), None, f"no pattern files for language {lang!r}",
                                hint="a language pack needs data/events/<lang>/*.yaml")
        ps = cls()
        ids: dict[str, str] = {}
        for path in [*files, *extra]:
            raw = load_yaml(path, "patterns")
            for item in raw["patterns"]:
                origin = f"{path}:{getattr(item, 'line', 0)}"
                if item["id"] in ids:
                    raise DataFileError(str(path), getattr(item, "line", None),
                                        f"pattern id {item['id']!r} is already used at {ids[item['id']]}",
                                        hint="give every pattern its own id")
                ids[item["id"]] = origin
                ps.add(_pattern(item, raw.get("root"), origin))
        ps.noun_suffixes = sorted(((k, v) for k, v in ps.nouns.items() if len(k) >= 4),
                                  key=lambda kv: -len(kv[0]))
        ps.heads = {k: [p for p in v if p.compound] for k, v in ps.noun_suffixes}
        ps.head_lengths = sorted({len(k) for k in ps.heads}, reverse=True)
        return ps

    def add(self, p: Pattern) -> None:
        if p.verb:
            self.verbs.setdefault(norm(p.verb), []).append(p)
        if p.noun:
            self.nouns.setdefault(norm(p.noun), []).append(p)
        self.count += 1

    def for_noun(self, lemma: str) -> list[Pattern]:
        key = norm(lemma)
        if key in self.nouns:
            return self.nouns[key]
        if len(key) > 5:  # a compound: the longest known noun it ends with, after three letters or more
            for n in self.head_lengths:
                if len(key) - n >= 3:
                    pats = self.heads.get(key[-n:])
                    if pats is not None:
                        return list(pats)
        return []


def _pattern(item: Any, root: str | None, origin: str) -> Pattern:
    cameo = item["cameo"]
    if root and not cameo.startswith(root):
        raise DataFileError(origin.rsplit(":", 1)[0], getattr(item, "line", None),
                            f"pattern {item['id']!r} has code {cameo} in a file for root {root}",
                            hint="move it to the file of its root or fix the code")
    is_noun = "noun" in item
    default_req = cameo[:2] not in ("01", "02", "03", "10", "13", "14", "15")
    return Pattern(
        id=item["id"], cameo=cameo, verb=item.get("verb"), noun=item.get("noun"),
        source=tuple(item.get("source", NOUN_SOURCE if is_noun else VERB_SOURCE)),
        target=tuple(item.get("target", ("mit", "gegen", "gen") if is_noun else ("obj",))),
        reflexive=item.get("reflexive"), prep=item.get("prep"),
        objects=frozenset(norm(o) for o in item.get("object", [])),
        unless=frozenset(norm(o) for o in item.get("unless", [])),
        unless_prep=frozenset(norm(o) for o in item.get("unless_prep", [])),
        negated_cameo=item.get("negated_cameo"), military_cameo=item.get("military_cameo"),
        symmetric=bool(item.get("symmetric", False)),
        require_target=bool(item.get("require_target", default_req)),
        passive_source=item.get("passive_source"), speech=bool(item.get("speech", False)),
        passive_subject=bool(item.get("passive_subject", False)),
        implicit_target=item.get("implicit_target"),
        compound=bool(item.get("compound", True)), origin=origin,
    )


@dataclass(frozen=True, slots=True)
class Modality:
    modal_verbs: dict[str, str]
    hypothetical_forms: frozenset[str]
    konjunktiv1_forms: frozenset[str]
    negations: frozenset[str]
    negation_exceptions: frozenset[str]
    attribution_prepositions: frozenset[str]
    attribution_nouns: frozenset[str]
    object_control: frozenset[str]
    intent_codes: dict[str, str]
    support_verbs: frozenset[str] = frozenset()
    obligation_verbs: frozenset[str] = frozenset()  # "X sagte, Y müsse …": what was said is a demand
    readiness_words: frozenset[str] = frozenset({"bereit"})  # "erklärte sich bereit, … zu …": intended

    @classmethod
    def load(cls, lang: str) -> Modality:
        raw = load_yaml(data_path("events", lang, "modality.yaml"), "modality")

        def fs(key: str) -> frozenset[str]:
            return frozenset(norm(x) for x in raw.get(key, []))

        return cls(modal_verbs={norm(k): v for k, v in raw["modal_verbs"].items()},
                   hypothetical_forms=fs("hypothetical_forms"), konjunktiv1_forms=fs("konjunktiv1_forms"),
                   negations=fs("negations"), negation_exceptions=fs("negation_exceptions"),
                   attribution_prepositions=fs("attribution_prepositions"),
                   attribution_nouns=fs("attribution_nouns"), object_control=fs("object_control"),
                   intent_codes=dict(raw.get("intent_codes", {})), support_verbs=fs("support_verbs"),
                   obligation_verbs=fs("obligation_verbs"),
                   readiness_words=fs("readiness_words") or frozenset({"bereit"}))
