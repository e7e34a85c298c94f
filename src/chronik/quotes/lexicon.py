"""The quotation lexicon of a language (``data/quotes/<lang>.yaml``), validated on load."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from chronik.text.normalize import norm


@dataclass(frozen=True, slots=True)
class Cue:
    lemma: str
    medium: str
    reported: bool = False  # also reports what was said as its object ("forderte ein Ende der Gewalt")
    reported_prep: str = ""  # … only with this preposition in the clause ("sprach von Völkermord")
    impersonal: bool = False  # "heißt es": no speaker in the clause
    reflexive: bool = False  # only with "sich" ("zeigte sich zufrieden")
    needs_content: bool = False  # a cue only with a dass-clause or a quotation ("hält … für")
    particle_only: frozenset[str] = frozenset()  # only with one of these particles ("gab bekannt")
    with_words: frozenset[str] = frozenset()  # only with one of these words in the clause ("nahm Stellung")


@dataclass(frozen=True, slots=True)
class QuoteLexicon:
    marks: dict[str, frozenset[str]]
    cues: dict[str, Cue]
    before: frozenset[str]
    after: frozenset[str]
    adverbs: frozenset[str]
    nach_nouns: frozenset[str]
    reported_forms: frozenset[str]
    title_words: frozenset[str]

    @classmethod
    def load(cls, lang: str = "de", path: Path | None = None) -> QuoteLexicon:
        from chronik.resources import data_path, load_yaml

        data = load_yaml(path or data_path("quotes", f"{lang}.yaml"), "quotes")
        cues = {norm(k): Cue(norm(k), v["medium"], bool(v.get("reported")),
                             norm(v["reported"]) if isinstance(v.get("reported"), str) else "",
                             bool(v.get("impersonal")), bool(v.get("reflexive")), bool(v.get("needs_content")),
                             frozenset(norm(p) for p in v.get("particle_only", ())),
                             frozenset(norm(w) for w in v.get("with", ())))
                for k, v in data["cues"].items()}
        frames = data["frames"]
        return cls(marks={k: frozenset(v) for k, v in data["marks"].items()}, cues=cues,
                   before=frozenset(norm(w) for w in frames["before"]),
                   after=frozenset(norm(w) for w in frames["after"]),
                   adverbs=frozenset(norm(w) for w in frames.get("adverbs", ())),
                   nach_nouns=frozenset(norm(w) for w in frames["nach_nouns"]),
                   reported_forms=frozenset(norm(w) for w in data["reported_forms"]),
                   title_words=frozenset(norm(w) for w in data["title_words"]))

    @property
    def closers(self) -> frozenset[str]:
        return frozenset(c for cs in self.marks.values() for c in cs)
