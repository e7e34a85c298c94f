"""Importers of foreign actor dictionaries: PETRARCH/TABARI files and Wikidata entities."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from chronik.actors.dictionary import ActorDictionary, name_tokens
from chronik.actors.importers import (
    ImportResult,
    ImportTables,
    read_petrarch,
    read_wikidata,
    readable_name,
    write_user_file,
)
from chronik.resources import load_yaml, validate
from conftest import DATA, shared_file

ACTOR_FILES = ["Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt",
               "CAMEO.EthnicGroups.actors.txt", "CAMEO.ReligiousGroups.actors.txt", "PETR.Validate.actors.txt",
               "PETR_Validate_actors_2_02.txt"]
AGENT_FILES = ["Phoenix.agents.txt", "PETR.Validate.agents.txt", "PETR_Validate_agents_2_02.txt"]


@pytest.fixture(scope="module")
def tables() -> ImportTables:
    return ImportTables.load()


@pytest.fixture(scope="module")
def imported(tables: ImportTables) -> Callable[[str], ImportResult]:
    """Each reference file is read once for all tests (the large ones take seconds)."""
    done: dict[str, ImportResult] = {}

    def read(name: str) -> ImportResult:
        if name not in done:
            done[name] = read_petrarch(shared_file("reference", "petrarch", name), tables)
        return done[name]

    return read


@pytest.fixture(scope="module")
def phoenix_countries(imported: Callable[[str], ImportResult]) -> ImportResult:
    return imported("Phoenix.Countries.actors.txt")


def _source_entries(path: Path, agents: bool) -> int:
    """An independent count of the entries of a PETRARCH file: lines that start a record."""
    n = 0
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line.strip() or line[0] in " \t#<[" or (not agents and line[0] == "+"):
            continue
        if agents and re.match(r"^!\w+!\s*=", line):
            continue
        n += 1
    return n


def _by_name(items: list[dict[str, Any]], name: str) -> dict[str, Any]:
    found = [i for i in items if i["name"] == name]
    assert found, f"{name} not imported"
    return found[0]


@pytest.mark.parametrize("name", ACTOR_FILES + AGENT_FILES)
def test_every_entry_is_accounted_for(name: str, imported: Callable[[str], ImportResult]) -> None:
    path = shared_file("reference", "petrarch", name)
    result = imported(name)
    counts = result.files[str(path)]
    assert counts.read == _source_entries(path, name in AGENT_FILES)
    items = len(result.people) + len(result.organisations) + len(result.countries) + len(result.sectors)
    assert items + counts.merged == counts.written
    assert counts.written + counts.skipped == counts.read
    assert len(result.skipped) == counts.skipped
    assert counts.skipped <= max(10, counts.read // 100)  # nearly everything maps
    for p in result.skipped:  # every skipped entry says where it is
        assert re.match(rf"^{re.escape(str(path))}:\d+$", p.where), p


@pytest.mark.parametrize("name", ["PETR_Validate_actors_2_02.txt", "PETR_Validate_agents_2_02.txt",
                                  "CAMEO.ReligiousGroups.actors.txt", "Phoenix.MilNonState.actors.txt"])
def test_imported_files_validate(name: str, imported: Callable[[str], ImportResult]) -> None:
    data = imported(name).user_file()
    for key in ("countries", "people", "organisations", "sectors"):
        if key in data:
            validate(data[key], key, name)


def test_phoenix_date_ranges(phoenix_countries: ImportResult) -> None:
    karzai = _by_name(phoenix_countries.people, "Hamid Karzai")
    assert karzai["country"] == "AFG"
    assert karzai["aliases"] == ["Karzai", "President Karzai"]
    # [AFGELI 750101-000101] [AFGGOV >011222] [AFGELI]: the default fills the gaps, equal codes join
    assert karzai["roles"] == [{"code": "AFGELI", "until": "2001-12-22"}, {"code": "AFGGOV", "from": "2001-12-22"}]
    rabbani = _by_name(phoenix_countries.people, "Burhanuddin Rabbani")
    assert rabbani["roles"] == [
        {"code": "AFGELI", "until": "1992-06-28"},
        {"code": "AFGGOV", "from": "1992-06-28", "until": "1996-09-27"},
        {"code": "AFGELI", "from": "1996-09-27", "until": "2001-11-13"},
        {"code": "AFGGOV", "from": "2001-11-13", "until": "2001-12-22"},
        {"code": "AFGELI", "from": "2001-12-22"},
    ]
    zahir = _by_name(phoenix_countries.people, "Abdul Zahir")  # YYYYMMDD and YYMMDD mixed
    assert zahir["roles"][0] == {"code": "AFGELI", "from": "1928-01-01", "until": "1971-06-09"}
    assert zahir["roles"][1] == {"code": "AFGGOV", "from": "1971-06-09", "until": "1972-12-12"}
    assert zahir["note"].endswith("Phoenix.Countries.actors.txt:166")


def test_phoenix_codes_and_names(phoenix_countries: ImportResult, imported: Callable[[str], ImportResult]) -> None:
    afg = next(c for c in phoenix_countries.countries if c["code"] == "AFG")
    assert afg["name"] == "Afghanistan" and "Kabul" in afg["names"]
    # code-less primary phrases share the codes of the entry that follows them (PETRARCH's reader)
    josipovic = _by_name(phoenix_countries.people, "Ivo Josipovic")
    assert {"Josipovic", "President Josipovic"} <= set(josipovic["aliases"])
    assert josipovic["roles"][-1] == {"code": "HRVGOV", "from": "2012-02-19"}
    intl = imported("Phoenix.International.actors.txt")
    annan = _by_name(intl.people, "Kofi Annan")
    assert {"code": "IGOUNO", "from": "1997-01-01", "until": "2006-12-31"} in annan["roles"]
    un = [o for o in intl.organisations if "United Nations" in o["names"]]
    assert un and un[0]["code"] == "IGOUNO" and un[0]["kind"] == "igo"


def test_null_codes_and_overrides(imported: Callable[[str], ImportResult]) -> None:
    result = imported("PETR_Validate_actors_2_02.txt")
    sam = _by_name(result.people, "Sam Gamgee")
    # the earlier restriction wins where two overlap ("This should override the next restriction")
    assert {"code": "ORCHOB", "from": "2010-01-09", "until": "2010-01-12"} in sam["roles"]
    assert {"code": "HOBMIL", "from": "2010-01-12", "until": "2012-11-09"} in sam["roles"]
    prince = next(o for o in result.organisations if o["code"] == "DOL")  # [--- <950630] [DOL]: nothing before
    assert prince["roles"] == [{"code": "DOL", "from": "1995-06-30"}]
    assert any("BOROMIR: only the null code" in p.message for p in result.skipped)  # [---] only
    assert any("LORIEN: no code chronik can use (ELR/GAL" in p.message for p in result.skipped)
    assert any("'ELR/GAL'" in p.message for p in result.warnings)


def test_agents(imported: Callable[[str], ImportResult]) -> None:
    result = imported("Phoenix.agents.txt")
    words = {w: s["code"] for s in result.sectors for w in s["words"]}
    assert words["farmer"] == "AGR" and words["farmers"] == "AGR"
    assert words["cattleman"] == "AGR" and words["cattlewomen"] == "AGR"  # !PERSON! substitution
    assert words["buddhist monk"] == "REL"  # ~BUD → REL (petrarch_import.yaml)
    assert all(re.fullmatch(r"[A-Z]{3}", s["code"]) for s in result.sectors)
    validation = imported("PETR_Validate_agents_2_02.txt")
    vwords = {w: s["code"] for s in validation.sectors for w in s["words"]}
    assert vwords["attorney general"] == "GOV" and vwords["attorneys general"] == "GOV"  # {PLURAL}
    assert vwords["official media"] == "GOV" and "official medias" not in vwords  # {} : no plural
    assert vwords["air forces"] == "MIL"  # regular plural
    assert vwords["human rights body"] == "NGO"  # NGO~ (code before the actor's)


def test_readable_case(tables: ImportTables) -> None:
    assert readable_name("JOHN_KERRY_", tables, "person") == "John Kerry"
    assert readable_name("BASHAR_AL-ASSAD", tables, "person") == "Bashar al-Assad"
    assert readable_name("JAVIER_DE_CUELLAR_", tables, "person") == "Javier de Cuellar"
    assert readable_name("PRESIDENT_GEORGE_W._BUSH", tables, "person") == "President George W. Bush"
    assert readable_name("NATO", tables, "org") == "NATO"
    assert readable_name("UN_SECURITY_COUNCIL", tables, "org") == "UN Security Council"
    assert readable_name("WORLD_BANK", tables, "org") == "World Bank"
    assert readable_name("IRAN", tables, "country") == "Iran"
    assert readable_name("MCGONAGALL", tables, "person") == "McGonagall"


def test_round_trip(tmp_path: Path, phoenix_countries: ImportResult,
                    imported: Callable[[str], ImportResult]) -> None:
    validation = imported("PETR_Validate_actors_2_02.txt")
    small = ImportResult(people=[*validation.people, _by_name(phoenix_countries.people, "Hamid Karzai")],
                         organisations=validation.organisations)
    out = tmp_path / "imported.yaml"
    with out.open("w", encoding="utf-8") as fh:
        write_user_file(small, fh, header="test")
    raw = load_yaml(out)
    assert set(raw) == {"people", "organisations"}
    d = ActorDictionary.load([out], cache=False)
    karzai = d.names[name_tokens("Hamid Karzai")][0]
    assert karzai.origin.startswith(str(out))
    assert karzai.code_on(date(2005, 3, 1)) == "AFGGOV"
    assert karzai.code_on(date(1999, 3, 1)) == "AFGELI"
    sam = d.names[name_tokens("Sam Gamgee")][0]
    assert sam.code_on(date(2009, 1, 1)) == "HOBMIL"
    assert sam.code_on(date(2010, 1, 10)) == "ORCHOB"
    assert sam.code_on(date(2014, 1, 1)) == "HOBELI"
    prince = d.names[name_tokens("Prince of DOL Amroth")][0]
    assert prince.code_on(date(1990, 1, 1)) is None and prince.code_on(date(2000, 1, 1)) == "DOL"


def test_writer_quotes_what_yaml_would_misread(tmp_path: Path) -> None:
    result = ImportResult(organisations=[{"code": "USA", "name": "U,S,", "names": ["U,S,", "NO", "[x]", "a: b"],
                                          "kind": "other", "country": None, "note": "f.txt:1"}])
    buf = io.StringIO()
    write_user_file(result, buf)
    path = tmp_path / "q.yaml"
    path.write_text(buf.getvalue(), encoding="utf-8")
    assert load_yaml(path)["organisations"][0]["names"] == ["U,S,", "NO", "[x]", "a: b"]


def test_wikidata_entity_json(tables: ImportTables) -> None:
    result = read_wikidata(DATA / "wikidata_scholz.json", tables)
    scholz = _by_name(result.people, "Olaf Scholz")
    assert scholz["country"] == "DEU"
    assert "Scholz" in scholz["aliases"]
    assert scholz["roles"] == [
        {"code": "DEUGOV", "from": "2021-12-08", "until": "2025-05-06",
         "role": "Chancellor of Germany (Federal Chancellor)"},
        {"code": "DEUELI", "from": "2025-05-06"},
    ]  # the deprecated statement (Q11696) is ignored
    assert any("Q987654321" in p.message for p in result.warnings)  # an unknown position is reported


def test_wikidata_json_lines_and_positions(tmp_path: Path, tables: ImportTables) -> None:
    result = read_wikidata([DATA / "wikidata_entities.jsonl"], tables)
    assert [p["name"] for p in result.people] == ["Emmanuel Macron"]
    assert result.people[0]["roles"] == [{"code": "FRAGOV", "from": "2017-05-14", "role": "President of France"}]
    assert len(result.skipped) == 1 and "Q987000002" in result.skipped[0].message
    assert result.skipped[0].where.endswith("wikidata_entities.jsonl:2")
    user = tmp_path / "positions.yaml"
    user.write_text("positions:\n  - {qid: Q987000002, code: DEULEG, label: Member of the Bundestag}\n",
                    encoding="utf-8")
    result = read_wikidata(DATA / "wikidata_entities.jsonl", ImportTables.load([user]))
    jane = _by_name(result.people, "Jane Example")
    assert jane["roles"] == [{"code": "DEULEG", "from": "2020-01-01", "role": "Member of the Bundestag"}]


def test_cli_import(tmp_path: Path) -> None:
    from chronik.cli.main import cli

    out = tmp_path / "out.yaml"
    runner = CliRunner()
    res = runner.invoke(cli, ["actors", "import", "--format", "wikidata", str(DATA / "wikidata_scholz.json"),
                              str(DATA / "wikidata_entities.jsonl"), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "3 read" in res.stderr and "2 people" in res.stderr and "skipped:" in res.stderr
    people = load_yaml(out)["people"]
    validate(people, "people", str(out))
    assert [p["name"] for p in people] == ["Olaf Scholz", "Emmanuel Macron"]
    res = runner.invoke(cli, ["actors", "import", "--format", "petrarch",
                              str(shared_file("reference", "petrarch", "PETR_Validate_agents_2_02.txt"))])
    assert res.exit_code == 0
    assert res.stdout.splitlines()[2] == "sectors:" and "88 entries read" in res.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text("positions:\n  - {qid: 123, code: x}\n", encoding="utf-8")
    res = runner.invoke(cli, ["actors", "import", "--format", "wikidata", "--positions", str(bad),
                              str(DATA / "wikidata_scholz.json")])
    assert res.exit_code == 3 and f"{bad}:2" in res.stderr


def test_cli_compile_needs_a_file() -> None:
    from chronik.cli.main import cli

    res = CliRunner().invoke(cli, ["actors", "import", "--format", "wikidata", "--compile",
                                   str(DATA / "wikidata_scholz.json")])
    assert res.exit_code == 2 and "--compile needs -o FILE" in res.stderr and res.stdout == ""
