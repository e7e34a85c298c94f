from __future__ import annotations

import pytest

from chronik import Pipeline


@pytest.mark.parametrize(("text", "verb"), [
    ("Kerry setzte sich für eine Zusammenarbeit ein.", "einsetzen"),
    ("Der Minister traf am Abend in Moskau ein.", "eintreffen"),
    ("Moskau lehnte den Vorschlag ab.", "ablehnen"),
    ("Die Polizei nahm drei Männer fest.", "festnehmen"),
    ("Die Opposition rief zu Protesten auf.", "aufrufen"),
])
def test_tagger_reunites_separable_verbs(nlp: Pipeline, text: str, verb: str) -> None:
    doc = nlp(text)
    finite = [t for t in doc.tokens if t.tag == "VVFIN"]
    assert finite, [(t.text, t.tag) for t in doc.tokens]
    assert finite[0].verb_lemma == verb


def test_tagger_tags_and_lemmas(nlp: Pipeline) -> None:
    doc = nlp("Die Soldaten griffen die Stadt an.")
    tags = {t.text: t.tag for t in doc.tokens}
    assert tags["Soldaten"] == "NN"
    assert tags["."] == "$."
    assert {t.text: t.lemma for t in doc.tokens}["Soldaten"] == "Soldat"
