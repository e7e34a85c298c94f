"""German Länder heads, party leaders and Bundestag presidents; Austrian governors; Swiss party presidents.

Each case looks a surface form up in the shipped dictionary, picks the person by canonical name and
checks the code valid on the article's date (``from`` inclusive, ``until`` exclusive).
"""

from __future__ import annotations

from datetime import date

import pytest

from chronik.actors.dictionary import ActorDictionary, name_tokens
from conftest import person_named

CASES: list[tuple[str, str, str, str | None]] = [
    ("Stoiber", "Edmund Stoiber", "2000-01-01", "DEUGOV"),
    ("Stoiber", "Edmund Stoiber", "2010-01-01", "DEUELI"),
    ("Kretschmann", "Winfried Kretschmann", "2015-06-01", "DEUGOV"),
    ("Haider", "Jörg Haider", "2000-01-01", "AUTGOV"),
    ("Ramelow", "Bodo Ramelow", "2020-02-20", "DEULEG"),
    ("Ramelow", "Bodo Ramelow", "2020-03-04", "DEUGOV"),
    ("Lafontaine", "Oskar Lafontaine", "2007-06-01", "DEUOPP"),
    ("Süssmuth", "Rita Süssmuth", "1995-06-01", "DEULEG"),
    ("Häupl", "Michael Häupl", "2010-06-01", "AUTGOV"),
    ("Wermuth", "Cédric Wermuth", "2022-06-01", "CHELEG"),
]


@pytest.mark.parametrize(("form", "canonical", "day", "code"), CASES, ids=[f"{c[0]}@{c[2]}" for c in CASES])
def test_code_on_date(shipped_actors: ActorDictionary, form: str, canonical: str, day: str,
                      code: str | None) -> None:
    assert person_named(shipped_actors, form, canonical).code_on(date.fromisoformat(day)) == code


def test_common_word_surnames_are_not_aliases(shipped_actors: ActorDictionary) -> None:
    for word in ("Weil", "Kraft", "Koch", "Teufel", "Runde", "Seite", "Lang"):
        entries = [e for e in shipped_actors.names.get(name_tokens(word), []) if e.kind == "person"]
        assert not [e for e in entries if e.country in {"DEU", "AUT", "CHE"}], word
