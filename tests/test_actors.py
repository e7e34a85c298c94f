from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from chronik import DataFileError, Pipeline
from chronik.actors.dictionary import ActorDictionary


def codes(nlp: Pipeline, text: str, date: str = "2016-07-14") -> dict[str, str | None]:
    doc = nlp(text, date=date)
    return {m.text: m.actor.code for m in doc.mentions}


@pytest.mark.parametrize(("text", "mention", "code"), [
    ("US-Aussenminister John Kerry sprach.", "US-Aussenminister John Kerry", "USAGOV"),
    ("Russlands Präsident Wladimir Putin sprach.", "Russlands Präsident Wladimir Putin", "RUSGOV"),
    ("Der russische Aussenminister Sergej Lawrow sprach.", "russische Aussenminister Sergej Lawrow", "RUSGOV"),
    ("Die syrische Armee rückte vor.", "syrische Armee", "SYRMIL"),
    ("Der UNO-Sicherheitsrat tagte.", "UNO-Sicherheitsrat", "IGO"),
    ("Ein Sprecher des Kremls sagte das.", "Sprecher des Kremls", "RUSGOV"),
    ("Die türkische Polizei nahm Journalisten fest.", "türkische Polizei", "TURCOP"),
    ("Die Regierung Syriens schwieg.", "Regierung Syriens", "SYRGOV"),
    ("Washington reagierte empört.", "Washington", "USAGOV"),
    ("Die französischen Streitkräfte griffen an.", "französischen Streitkräfte", "FRAMIL"),
])
def test_actors_mentions_and_codes(nlp: Pipeline, text: str, mention: str, code: str) -> None:
    found = codes(nlp, text)
    assert mention in found, found
    assert (found[mention] or "").startswith(code)


def test_actors_code_valid_on_article_date(nlp: Pipeline) -> None:
    assert codes(nlp, "John Kerry sprach.", "2010-05-01")["John Kerry"] == "USALEG"
    assert codes(nlp, "John Kerry sprach.", "2015-05-01")["John Kerry"] == "USAGOV"


def test_actors_pronoun_and_surname_resolve(nlp: Pipeline) -> None:
    doc = nlp("Präsident Wladimir Putin traf Obama. Er sagte, Putin sei zufrieden.", date="2016-07-14")
    er = [m for m in doc.mentions if m.text == "Er"]
    assert er and er[0].actor.code == "RUSGOV"


def test_actors_beide_seiten(nlp: Pipeline) -> None:
    doc = nlp("Die USA und Russland verhandeln. Beide Seiten zeigten sich zufrieden.", date="2016-07-14")
    both = [m for m in doc.mentions if m.kind == "both"]
    assert both and {a.country for a in both[0].members} == {"USA", "RUS"}


def test_actors_role_takes_country_from_place(nlp: Pipeline) -> None:
    doc = nlp("In Istanbul nahm die Polizei zwölf Demonstranten fest.", date="2016-07-14")
    assert [m.actor.code for m in doc.mentions if m.text == "Polizei"] == ["TURCOP"]


def test_actors_user_file_layers_over_shipped(tmp_path: Path) -> None:
    user = tmp_path / "mine.yaml"
    user.write_text("people:\n  - name: Erika Musterfrau\n    aliases: [Musterfrau]\n    country: DEU\n"
                    "    roles:\n      - {code: DEUOPP, from: 2020-01-01}\n", encoding="utf-8")
    nlp = Pipeline("de", actor_files=[user])
    doc = nlp("Erika Musterfrau kritisierte die Regierung.", date="2021-01-01")
    assert [m.actor.code for m in doc.mentions if m.text == "Erika Musterfrau"] == ["DEUOPP"]


def test_actors_malformed_user_file_names_file_and_line(tmp_path: Path) -> None:
    user = tmp_path / "bad.yaml"
    user.write_text("people:\n  - name: X\n    roles:\n      - {code: usagov}\n", encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        ActorDictionary.load([user])
    assert f"{user}:4" in str(err.value)


def test_actors_yaml_is_loaded_safely(tmp_path: Path) -> None:
    user = tmp_path / "evil.yaml"
    user.write_text("people: !!python/object/apply:os.system ['echo hacked']\n", encoding="utf-8")
    with pytest.raises(DataFileError):
        ActorDictionary.load([user])


ACTOR_CASES = yaml.safe_load((Path(__file__).parent / "data" / "actors_de.yaml").read_text(encoding="utf-8"))
FORMS = {"inflected adjective", "genitive", "compound", "demonym", "metonym", "date-ranged role", "former name",
         "transliteration", "organisation", "Swiss spelling", "unknown name"}


def test_actor_cases_cover_every_form() -> None:
    assert {c["form"] for c in ACTOR_CASES} == FORMS


@pytest.mark.parametrize("case", ACTOR_CASES, ids=[f"{c['form']}: {c['text'][:40]}" for c in ACTOR_CASES])
def test_actor_forms(nlp: Pipeline, case: dict[str, Any]) -> None:
    found = codes(nlp, case["text"], str(case.get("date", "2016-07-14")))
    for text, code in case["mentions"]:
        hits = [c for m, c in found.items() if m.endswith(text) or text in m]
        assert hits, f"{text!r} not found in {found}"
        assert any((c or "").startswith(code) for c in hits), f"{text!r}: {hits} (want {code}…)"


@pytest.mark.parametrize(("text", "want"), [
    ("In Syrien griffen die Rebellen ein Dorf an. Sie töteten zwölf Zivilisten.", "SYRREB"),
    ("Die türkische Regierung kündigte an, sie werde die Grenze schliessen.", "TURGOV"),
    ("Die Kanzlerin Angela Merkel reiste nach Paris. Dort traf sie Macron.", "DEUGOV"),
])
def test_actors_sie_singular_plural_and_bodies(nlp: Pipeline, text: str, want: str) -> None:
    doc = nlp(text, date="2019-05-01")
    sie = [m for m in doc.mentions if m.text.lower() == "sie"]
    assert sie and sie[0].actor.code == want, [(m.text, m.actor.code) for m in doc.mentions]
