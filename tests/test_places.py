from __future__ import annotations

import pytest

from chronik import Pipeline


@pytest.mark.parametrize(("text", "name", "country"), [
    ("Kerry traf Putin in Moskau.", "Moscow", "RUS"),
    ("Die Gespräche finden in Genf statt.", "Geneva", "CHE"),
    ("Rebellen griffen Stellungen in der syrischen Stadt Aleppo an.", "Aleppo", "SYR"),
    ("Die Koalition kämpft in Syrien gegen den IS.", None, "SYR"),
    ("Der Minister reiste nach Peking.", "Beijing", "CHN"),
])
def test_places_found_with_country(nlp: Pipeline, text: str, name: str | None, country: str) -> None:
    doc = nlp(text, date="2016-07-14")
    assert doc.places, "no place found"
    p = doc.places[0]
    assert p.country == country
    if name:
        assert p.name == name
        assert p.lat is not None and p.lon is not None


def test_places_capital_after_in_is_not_an_actor(nlp: Pipeline) -> None:
    doc = nlp("Kerry traf Putin in Moskau.", date="2016-07-14")
    assert all(m.text != "Moskau" for m in doc.mentions)


def test_places_capital_as_subject_is_an_actor(nlp: Pipeline) -> None:
    doc = nlp("Moskau kritisierte die Sanktionen.", date="2016-07-14")
    assert [m.actor.code for m in doc.mentions if m.text == "Moskau"] == ["RUSGOV"]
