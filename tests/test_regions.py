"""First-level regions (regions.tsv): Länder, cantons, states, provinces, oblasts, governorates."""

from __future__ import annotations

import pytest

from chronik import Pipeline


@pytest.mark.parametrize(("text", "name", "country"), [
    ("Die Polizei nahm in Bayern zwei Männer fest.", "Bayern", "DEU"),
    ("Bei einem Anschlag in der Provinz Helmand starben drei Soldaten.", "Helmand", "AFG"),
    ("Der Gouverneur sprach von Angriffen in der Oblast Donezk.", None, "UKR"),  # also an actor alias of UKR
    ("Kämpfe im Gouvernement Idlib dauern an.", "Gouvernement Idlib", "SYR"),
    ("Die Wahl in Kalifornien wurde verschoben.", "Kalifornien", "USA"),
    ("Im Kanton Waadt fiel Schnee.", "Waadt", "CHE"),
    ("In Katalonien demonstrierten Tausende.", "Katalonien", "ESP"),
    ("Die Miliz griff in Nord-Darfur ein Lager an.", "Nord-Darfur", "SDN"),
    ("In Borno töteten Extremisten zwölf Menschen.", "Borno", "NGA"),
])
def test_region_found_with_country(nlp: Pipeline, text: str, name: str | None, country: str) -> None:
    doc = nlp(text, date="2024-01-01")
    assert doc.places, "no place found"
    assert doc.places[0].country == country
    if name:
        assert doc.places[0].name == name


def test_region_forms_of_a_city_still_find_the_city(nlp: Pipeline) -> None:
    # "im Gebiet Kursk": the noun Gebiet is skipped, the city Kursk gives the country
    assert [p.country for p in nlp("Drohnen schlugen im Gebiet Kursk ein.", date="2024-01-01").places] == ["RUS"]
    # Salzburg and Genf stay cities: the regions are listed only as "Land Salzburg", "Kanton Genf"
    salzburg = nlp("Die Festspiele finden in Salzburg statt.", date="2024-01-01").places[0]
    assert salzburg.name != "Land Salzburg" and salzburg.country == "AUT" and salzburg.geonameid is not None
    assert nlp("Die Gespräche finden in Genf statt.", date="2024-01-01").places[0].name == "Geneva"
