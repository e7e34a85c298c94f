"""`chronik actors lookup` and `chronik actors unknown`, the compiled cache, and unknown names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from chronik import Pipeline
from chronik.actors.dictionary import ActorDictionary, inflected_forms, name_tokens
from chronik.actors.unknown import UnknownNames, to_yaml
from chronik.cli.main import cli


def test_lookup_shows_code_on_date_periods_and_origin() -> None:
    result = CliRunner().invoke(cli, ["actors", "lookup", "Kerry", "--date", "2010-05-01", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    person = next(e for e in data["entries"] if e["kind"] == "person")
    assert person["code"] == "USALEG"
    assert {"code": "USAGOV", "from": "2013-02-01", "until": "2017-01-20"} in person["periods"]
    assert person["origin"].startswith("data/actors/people/") and ":" in person["origin"]
    assert data["mentions"][0]["code"] == "USALEG"


def test_lookup_explains_a_phrase() -> None:
    result = CliRunner().invoke(cli, ["actors", "lookup", "Russlands", "Präsident", "--json"])
    data = json.loads(result.stdout)
    assert {(e["how"], e["code"]) for e in data["entries"]} >= {("name", "RUS"), ("role word", "GOV")}
    assert data["mentions"][0]["code"] == "RUSGOV"
    table = CliRunner().invoke(cli, ["actors", "lookup", "Kreml"])
    assert table.exit_code == 0 and "RUSGOV" in table.stdout


def test_unknown_names_ranked_with_context_codes(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    texts = ["Der iranische Oppositionelle Ali Rezaei wurde in Teheran festgenommen. Rezaei bestritt alles.",
             "Ali Rezaei, ein iranischer Oppositioneller, kam frei.",
             "Die Firma Brunnacher Logistik AG meldete Konkurs an."]
    corpus.write_text("".join(json.dumps({"doc_id": f"d{i}", "date": "2024-01-02", "text": t}, ensure_ascii=False)
                              + "\n" for i, t in enumerate(texts)), encoding="utf-8")
    result = CliRunner().invoke(cli, ["actors", "unknown", str(corpus), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(x) for x in result.stdout.splitlines()]
    top = rows[0]
    assert top["name"] == "Ali Rezaei" and top["label"] == "PER" and top["documents"] == 2
    assert top["context_codes"].get("IRNOPP", 0) >= 1 and top["examples"]
    yaml_out = CliRunner().invoke(cli, ["actors", "unknown", str(corpus), "--format", "yaml", "--label", "PER"])
    user = tmp_path / "todo.yaml"
    user.write_text(yaml_out.stdout, encoding="utf-8")
    d = ActorDictionary.load([user], cache=False)  # the template loads as a user file as it is
    assert d.names[name_tokens("Ali Rezaei")][0].code == "IRNOPP"


def test_unknown_yaml_comments_out_names_without_a_code() -> None:
    u = UnknownNames()
    from chronik.actors.unknown import UnknownName

    u.items[("x", "PER")] = UnknownName("Xaver Yzerman", "PER", count=3, docs={"a"}, examples=["…"])
    text = to_yaml(u.ranked())
    assert "# - name: \"Xaver Yzerman\"" in text and "people:\n" in text


@pytest.mark.parametrize(("text", "want"), [
    ("Weisses Haus", ("weissen", "haus")),
    ("Islamischer Staat", ("islamischen", "staates")),
    ("Vereinte Nationen", ("vereinten", "nationen")),
])
def test_inflected_forms_of_names_with_an_adjective(text: str, want: tuple[str, ...]) -> None:
    assert want in inflected_forms(name_tokens(text))


def test_unknown_person_without_context_takes_the_article_country(nlp: Pipeline) -> None:
    doc = nlp("In Wien trat Bundeskanzler Karl Nehammer zurück. Der Politologe Anton Brandlhuber kritisierte "
              "die Regierung.", date="2024-01-10")
    codes = {m.text: m.actor.code for m in doc.mentions}
    assert any(t.endswith("Anton Brandlhuber") and (c or "").startswith("AUT") for t, c in codes.items()), codes


def test_compiled_cache_is_used_and_keyed_by_contents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHRONIK_CACHE_DIR", str(tmp_path / "cache"))
    user = tmp_path / "mine.yaml"
    user.write_text("people:\n  - name: Erika Musterfrau\n    roles: [{code: DEUOPP}]\n", encoding="utf-8")
    first = ActorDictionary.load([user])
    assert len(list((tmp_path / "cache").glob("actors-*.pickle"))) == 1
    again = ActorDictionary.load([user])
    assert again.names.keys() == first.names.keys()
    user.write_text("people:\n  - name: Erika Musterfrau\n    roles: [{code: DEULEG}]\n", encoding="utf-8")
    changed = ActorDictionary.load([user])  # a changed file is read anew, never a stale cache
    assert changed.names[name_tokens("Erika Musterfrau")][0].code == "DEULEG"
    (tmp_path / "cache").joinpath("junk").write_text("x")
    for p in (tmp_path / "cache").glob("actors-*.pickle"):
        p.write_bytes(b"not a pickle")
    assert ActorDictionary.load([user]).names[name_tokens("Erika Musterfrau")][0].code == "DEULEG"
