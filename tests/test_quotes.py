"""Quotations: sentence cases from tests/data/quotes_de.yaml, quotation marks, speaker phrases, and the
events that come from speech."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from chronik import Pipeline
from chronik.model import Quote
from chronik.pipeline import quote_components
from chronik.quotes.lexicon import QuoteLexicon
from chronik.quotes.marks import find_marks

CASES = yaml.safe_load((Path(__file__).parent / "data" / "quotes_de.yaml").read_text(encoding="utf-8"))


@cache
def _nlp() -> Pipeline:
    return Pipeline("de", components_=quote_components())


def _describe(q: Quote) -> str:
    spk = q.speaker_span.text if q.speaker_span else None
    code = q.speaker.actor.code if q.speaker else None
    return f"{q.kind} {q.text!r} speaker={spk!r} code={code} cue={[c.text for c in q.cue]}"


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_quotes_case(case: dict[str, Any]) -> None:
    doc = _nlp()(case["text"], date=str(case["date"]))
    found = {q.text: q for q in doc.quotes}
    problems = []
    for want in case["quotes"]:
        q = found.get(want["quote"])
        if q is None:
            problems.append(f"missing {want['type']} {want['quote']!r}")
            continue
        got = {"type": q.kind, "speaker": q.speaker_span.text if q.speaker_span else None,
               "code": q.speaker.actor.code if q.speaker else None, "cue": " ".join(c.text for c in q.cue),
               "addressee": q.addressee.text if q.addressee else None}
        for key in ("type", "speaker", "code", "cue", "addressee"):
            if key in want and got[key] != want[key]:
                problems.append(f"{want['quote']!r}: {key} {got[key]!r} instead of {want[key]!r}")
    expected = {w["quote"] for w in case["quotes"]}
    problems += [f"unexpected {_describe(q)}" for q in doc.quotes if q.text not in expected]
    problems += [f"{a!r} is a title or name" for a in case.get("absent", []) if a in found]
    assert not problems, "\n".join([case["text"], *problems])


def test_quotes_records_have_character_spans() -> None:
    text = "„Wir verhandeln weiter“, sagte der Minister gegenüber der ARD."
    doc = _nlp()(text, date="2024-01-01")
    rec = doc.quotes[0].to_dict()
    for role in ("quote", "speaker", "cue"):
        joined = " ".join(text[a:b] for a, b in rec[role]["spans"])
        assert joined == rec[role]["text"]
    assert rec["type"] == "Direct" and rec["addressee"][0]["text"] == "der ARD"


@pytest.mark.parametrize(("text", "spans"), [
    ("Er sagte: „Ja.“ Dann ging er.", ["„Ja.“"]),
    ("«Aussen ‹innen› aussen»", ["«Aussen ‹innen› aussen»", "‹innen›"]),
    ("»Buch« und »Stil«", ["»Buch«", "»Stil«"]),
    ('Er rief "Halt" und lief.', ['"Halt"']),
    ("„Offen bis zum Absatz\n\nNeuer Absatz", ["„Offen bis zum Absatz"]),
    ("Das ist Peters Haus, nicht Annas‘ Garten.", []),
])
def test_quotes_marks_pair(text: str, spans: list[str]) -> None:
    marks = find_marks(text, QuoteLexicon.load().marks)
    assert [text[m.start:m.end] for m in marks] == spans


def test_quotes_lexicon_is_validated(tmp_path: Path) -> None:
    from chronik.errors import DataFileError

    bad = tmp_path / "q.yaml"
    bad.write_text("marks: {}\ncues: {sagen: {medium: Gebrüll}}\nframes: {before: [], after: [], nach_nouns: []}\n"
                   "reported_forms: []\ntitle_words: []\n", encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        QuoteLexicon.load(path=bad)
    assert "q.yaml:2" in str(err.value)


def test_quotes_events_inside_are_the_speakers_claims() -> None:
    nlp = Pipeline("de")
    doc = nlp("Der ukrainische Präsident sagte am Montag, Russland habe in der Nacht Kiew angegriffen.",
              date="2024-03-05")
    attack = [e for e in doc.events if e.cameo.startswith(("18", "19"))]
    assert attack, [e.to_dict() for e in doc.events]
    ev = attack[0]
    assert ev.source.actor.code == "RUS"
    assert ev.attributed_to is not None and ev.attributed_to.actor.code == "UKRGOV"
    assert ev.mode == "reported_claim"
    assert ev.quote is not None and "angegriffen" in ev.quote.text


def test_quotes_speech_act_carries_its_quotation() -> None:
    nlp = Pipeline("de")
    doc = nlp("Der UN-Menschenrechtskommissar forderte von Israel eine unabhängige Untersuchung.",
              date="2024-03-05")
    demands = [e for e in doc.events if e.cameo.startswith("10")]
    assert demands and demands[0].quote is not None
    assert doc.quotes and doc.quotes[0].kind == "Reported"


def test_quotes_in_json_output() -> None:
    doc = Pipeline("de")("„Wir bleiben“, sagte der Präsident.", date="2024-03-05")
    out = doc.to_dict()
    assert out["quotes"] and out["quotes"][0]["type"] == "Direct"
