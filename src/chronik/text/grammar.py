"""The grammar words of a language that the clause and argument analysis reads.

The analysis works on STTS tags (the English tagger's tags are mapped to them, see
``data/text/en.yaml``); what differs between languages beyond tags is a handful of word lists and
one switch — German finds its subject by case and verb position, English by the subject standing
before the finite verb. German's values are the defaults; a language pack's ``grammar`` section
gives its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from chronik.text.normalize import norm

_GERMAN: dict[str, tuple[str, ...]] = {
    "coordinators": ("und", "oder", "aber", "sondern", "doch", "denn", "sowie"),
    "passive_aux": ("werden",),
    "perfect_aux": ("haben", "sein"),
    "past_aux": ("hatte", "hatten", "war", "waren", "wurde", "wurden", "hattest", "warst"),
    "future_words": ("kommenden", "kommende", "nächsten", "nächste", "künftig", "demnächst", "bald", "morgen",
                     "übermorgen"),
    "relative_words": (),
    "agent_preps": ("von", "durch"),
    "possessive": (),
    "genitive_preps": (),
    "speech_verbs": (),
}


@dataclass(frozen=True, slots=True)
class Grammar:
    lang: str = "de"
    coordinators: frozenset[str] = frozenset(_GERMAN["coordinators"])
    passive_aux: frozenset[str] = frozenset(_GERMAN["passive_aux"])
    perfect_aux: frozenset[str] = frozenset(_GERMAN["perfect_aux"])
    past_aux: frozenset[str] = frozenset(_GERMAN["past_aux"])
    future_words: frozenset[str] = frozenset(_GERMAN["future_words"])
    relative_words: frozenset[str] = frozenset()
    agent_preps: tuple[str, ...] = _GERMAN["agent_preps"]
    possessive: frozenset[str] = frozenset()
    genitive_preps: frozenset[str] = frozenset()
    # English verbs whose object may be a clause without "that": "said the US and Britain must …"
    speech_verbs: frozenset[str] = frozenset()
    subject_first: bool = False  # English: the subject is the noun phrase before the finite verb
    capitalised_nouns: bool = True  # German: every noun is capitalised, so role words are looked up capitalised

    @classmethod
    def from_pack(cls, lang: str, data: dict[str, Any]) -> Grammar:
        g = dict(_GERMAN)
        g.update({k: tuple(v) for k, v in data.items() if isinstance(v, list)})
        words = {k: frozenset(norm(w) for w in g[k]) for k in
                 ("coordinators", "passive_aux", "perfect_aux", "past_aux", "future_words", "relative_words",
                  "possessive", "genitive_preps", "speech_verbs")}
        return cls(lang=lang, agent_preps=tuple(norm(w) for w in g["agent_preps"]),
                   subject_first=bool(data.get("subject_first", False)),
                   capitalised_nouns=bool(data.get("capitalised_nouns", True)), **words)


GERMAN = Grammar()
