"""The people files: heads of state/government known on sample dates; date sanity over all files."""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from chronik.actors.dictionary import ActorDictionary, Entry, name_tokens
from chronik.resources import data_path, load_yaml

# (country, sample date, a name as German news writes it, the code valid on that date)
HEADS = [
    ("ARG", "1995-06-01", "Menem", "ARGGOV"), ("ARG", "2005-06-01", "Néstor Kirchner", "ARGGOV"),
    ("ARG", "2015-06-01", "Cristina Kirchner", "ARGGOV"), ("ARG", "2025-06-01", "Milei", "ARGGOV"),
    ("AUS", "1995-06-01", "Keating", "AUSGOV"), ("AUS", "2005-06-01", "John Howard", "AUSGOV"),
    ("AUS", "2015-06-01", "Tony Abbott", "AUSGOV"), ("AUS", "2025-06-01", "Albanese", "AUSGOV"),
    ("BRA", "1995-06-01", "Cardoso", "BRAGOV"), ("BRA", "2005-06-01", "Lula", "BRAGOV"),
    ("BRA", "2015-06-01", "Rousseff", "BRAGOV"), ("BRA", "2025-06-01", "Lula", "BRAGOV"),
    ("CAN", "1995-06-01", "Chrétien", "CANGOV"), ("CAN", "2005-06-01", "Paul Martin", "CANGOV"),
    ("CAN", "2015-06-01", "Harper", "CANGOV"), ("CAN", "2025-06-01", "Carney", "CANGOV"),
    ("CHN", "1995-06-01", "Jiang Zemin", "CHNGOV"), ("CHN", "2005-06-01", "Hu Jintao", "CHNGOV"),
    ("CHN", "2015-06-01", "Xi Jinping", "CHNGOV"), ("CHN", "2025-06-01", "Li Qiang", "CHNGOV"),
    ("FRA", "1995-06-01", "Chirac", "FRAGOV"), ("FRA", "2005-06-01", "Chirac", "FRAGOV"),
    ("FRA", "2015-06-01", "Hollande", "FRAGOV"), ("FRA", "2025-06-01", "Macron", "FRAGOV"),
    ("DEU", "1995-06-01", "Kohl", "DEUGOV"), ("DEU", "2005-06-01", "Schröder", "DEUGOV"),
    ("DEU", "2015-06-01", "Merkel", "DEUGOV"), ("DEU", "2025-06-01", "Merz", "DEUGOV"),
    ("IND", "1995-06-01", "Narasimha Rao", "INDGOV"), ("IND", "2005-06-01", "Manmohan Singh", "INDGOV"),
    ("IND", "2015-06-01", "Modi", "INDGOV"), ("IND", "2025-06-01", "Modi", "INDGOV"),
    ("IDN", "1995-06-01", "Suharto", "IDNGOV"), ("IDN", "2005-06-01", "Yudhoyono", "IDNGOV"),
    ("IDN", "2015-06-01", "Jokowi", "IDNGOV"), ("IDN", "2025-06-01", "Prabowo", "IDNGOV"),
    ("ITA", "1995-06-01", "Scalfaro", "ITAGOV"), ("ITA", "2005-06-01", "Berlusconi", "ITAGOV"),
    ("ITA", "2015-06-01", "Renzi", "ITAGOV"), ("ITA", "2025-06-01", "Meloni", "ITAGOV"),
    ("JPN", "1995-06-01", "Murayama", "JPNGOV"), ("JPN", "2005-06-01", "Junichiro Koizumi", "JPNGOV"),
    ("JPN", "2015-06-01", "Abe", "JPNGOV"), ("JPN", "2025-06-01", "Ishiba", "JPNGOV"),
    ("KOR", "1995-06-01", "Kim Young-sam", "KORGOV"), ("KOR", "2005-06-01", "Roh Moo-hyun", "KORGOV"),
    ("KOR", "2015-06-01", "Park Geun-hye", "KORGOV"), ("KOR", "2025-07-01", "Lee Jae-myung", "KORGOV"),
    ("MEX", "1995-06-01", "Zedillo", "MEXGOV"), ("MEX", "2005-06-01", "Vicente Fox", "MEXGOV"),
    ("MEX", "2015-06-01", "Peña Nieto", "MEXGOV"), ("MEX", "2025-06-01", "Sheinbaum", "MEXGOV"),
    ("RUS", "1995-06-01", "Jelzin", "RUSGOV"), ("RUS", "2005-06-01", "Putin", "RUSGOV"),
    ("RUS", "2015-06-01", "Putin", "RUSGOV"), ("RUS", "2025-06-01", "Putin", "RUSGOV"),
    ("SAU", "1995-06-01", "König Fahd", "SAUGOV"), ("SAU", "2005-06-01", "König Fahd", "SAUGOV"),
    ("SAU", "2015-06-01", "König Salman", "SAUGOV"), ("SAU", "2025-06-01", "König Salman", "SAUGOV"),
    ("ZAF", "1995-06-01", "Mandela", "ZAFGOV"), ("ZAF", "2005-06-01", "Mbeki", "ZAFGOV"),
    ("ZAF", "2015-06-01", "Zuma", "ZAFGOV"), ("ZAF", "2025-06-01", "Ramaphosa", "ZAFGOV"),
    ("TUR", "1995-06-01", "Demirel", "TURGOV"), ("TUR", "2005-06-01", "Erdogan", "TURGOV"),
    ("TUR", "2015-06-01", "Erdoğan", "TURGOV"), ("TUR", "2025-06-01", "Erdoğan", "TURGOV"),
    ("GBR", "1995-06-01", "John Major", "GBRGOV"), ("GBR", "2005-06-01", "Blair", "GBRGOV"),
    ("GBR", "2015-06-01", "Cameron", "GBRGOV"), ("GBR", "2025-06-01", "Starmer", "GBRGOV"),
    ("USA", "1995-06-01", "Bill Clinton", "USAGOV"), ("USA", "2005-06-01", "George W. Bush", "USAGOV"),
    ("USA", "2015-06-01", "Obama", "USAGOV"), ("USA", "2025-06-01", "Trump", "USAGOV"),
    # foreign and defence ministers: the code changes with the office
    ("USA", "2012-06-01", "Kerry", "USALEG"), ("USA", "2014-06-01", "Kerry", "USAGOV"),
    ("USA", "2025-06-01", "Hegseth", "USAGOVMIL"), ("USA", "2025-06-01", "Rubio", "USAGOV"),
    ("RUS", "2020-06-01", "Lawrow", "RUSGOV"), ("RUS", "2020-06-01", "Lavrov", "RUSGOV"),
    ("RUS", "2020-06-01", "Schoigu", "RUSGOVMIL"), ("RUS", "2025-06-01", "Shoigu", "RUSGOV"),
    ("DEU", "2025-06-01", "Wadephul", "DEUGOV"), ("DEU", "2025-06-01", "Pistorius", "DEUGOVMIL"),
    ("AUT", "1995-06-01", "Vranitzky", "AUTGOV"), ("AUT", "2025-06-01", "Stocker", "AUTGOV"),
    ("CHE", "2025-06-01", "Cassis", "CHEGOV"), ("CHN", "2020-06-01", "Wang Yi", "CHNGOV"),
]


@pytest.fixture(scope="module")
def dictionary(shipped_actors: ActorDictionary) -> ActorDictionary:
    return shipped_actors


def _person(d: ActorDictionary, name: str, country: str) -> Entry:
    found = [e for e in d.names.get(name_tokens(name), []) if e.kind == "person" and e.country == country]
    entries = list({id(e): e for e in found}.values())  # a name and its accent-free form: one entry
    assert len(entries) == 1, f"{name}: {len(entries)} people of {country}"
    return entries[0]


@pytest.mark.parametrize(("country", "day", "name", "code"), HEADS)
def test_known_on_date(dictionary: ActorDictionary, country: str, day: str, name: str, code: str) -> None:
    assert _person(dictionary, name, country).code_on(date.fromisoformat(day)) == code


def test_every_g20_state_is_sampled() -> None:
    g20 = {"ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN", "KOR", "MEX", "RUS", "SAU",
           "ZAF", "TUR", "GBR", "USA"}
    assert g20 <= {c for c, *_ in HEADS}


def _people_files() -> list[Path]:
    return sorted((data_path("actors") / "people").glob("*.yaml"))


def _known_prefixes() -> set[str]:
    countries = load_yaml(data_path("actors") / "countries.yaml", "countries")
    orgs = load_yaml(data_path("actors") / "organisations.yaml", "organisations")
    return {c["code"] for c in countries} | {o["code"][:3] for o in orgs}


def _day(role: dict[str, Any], key: str) -> date | None:
    value = role.get(key)
    return None if value is None else date.fromisoformat(str(value))


def test_people_dates_and_codes_are_sane() -> None:
    known = _known_prefixes()
    problems: list[str] = []
    for path in _people_files():
        for person in load_yaml(path, "people"):
            where = f"{path.name}: {person['name']}"
            spans = []
            for role in person["roles"]:
                start, end = _day(role, "from"), _day(role, "until")
                if role["code"][:3] not in known:
                    problems.append(f"{where}: unknown country/IGO code {role['code']}")
                if start and end and start >= end:
                    problems.append(f"{where}: from {start} is not before until {end}")
                spans.append((start or date.min, end or date.max, role["code"]))
            spans.sort()
            for (_, end_a, code_a), (start_b, _, code_b) in itertools.pairwise(spans):
                if start_b < end_a and code_a != code_b:
                    problems.append(f"{where}: {code_a} and {code_b} overlap from {start_b}")
    assert not problems, "\n".join(problems)
