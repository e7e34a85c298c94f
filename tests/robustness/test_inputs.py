"""Hostile input: nothing crashes, each bad input gets a clear message or a correct result, and one bad
document never stops a batch."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from chronik import Pipeline
from chronik.cli.main import cli
from chronik.errors import InputError

random.seed(7)
WORDS = ["Die", "Regierung", "Russland", "traf", "und", "mit", "Putin", "der", "Polizei", "nahm", "fest", "»", "«",
         "„", "“", ",", ".", "sagte", "er", "am", "Montag", "in", "Berlin", "2015", "?", "!", "(", ")", "dpa"]

HOSTILE = {
    "empty": "",
    "whitespace": " \n\t\n  ",
    "only_quotes": "„" * 300 + "“" * 300 + '"' * 500 + "«»" * 300 + "‚‘" * 100,
    "only_numbers": " ".join(str(random.randint(0, 10**9)) for _ in range(3000)),
    "only_punctuation": ".,;:!?-–()[]{}" * 500,
    "html_as_text": "<html><body><p>Die Polizei nahm 20 Demonstranten fest.</p><script>var x=1;</script></body></html>",
    "unicode_soup": "".join(chr(random.randint(32, 0x2FFF)) for _ in range(5000)),
    "control_chars": "Die\x00Regierung\x07trat\x1bzurück.\x0c Ende\x7f.",
    "emoji_rtl": "Die Regierung 🇩🇪 traf sich mit שלום und مرحبا in Berlin 😀. " * 20,
    "run_on": " ".join(random.choice(WORDS) for _ in range(20000)),
    "long_word": "Donaudampfschifffahrts" * 5000,
    "many_long_words": " ".join(["b" * 800] * 300),
    "nested_quotes": "„Er sagte: ‚" * 300 + "Ja" + "‘ “" * 300,
    "unbalanced_quotes": "„Die Regierung »trat ‚zurück. " * 200,
    "many_sentences": "Ja. " * 20000,
    "dates_only": "am Montag, gestern, am 3. Mai, 14.7.2016, im Jahr 2015, am 31. Februar, am 99.99.9999. " * 50,
    "lone_surrogate_free": "Die Regierung traf sich \ufffd in Berlin.",
}


@pytest.fixture(scope="module")
def nlp_en() -> Pipeline:
    return Pipeline("en")


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_text_is_coded_without_error(nlp: Pipeline, nlp_en: Pipeline, name: str) -> None:
    text = HOSTILE[name]
    for pipeline in (nlp, nlp_en):
        doc = pipeline(text, date="2015-03-05")
        assert all(text[t.start:t.end] == t.text for t in doc.tokens), "token offsets point at their words"
        assert all(0 <= e.trigger.start < e.trigger.end <= len(text) for e in doc.events)
        for e in doc.events:
            json.dumps(e.to_dict(), ensure_ascii=False).encode("utf-8")


def test_a_document_over_the_size_limit_is_refused_clearly(nlp: Pipeline) -> None:
    with pytest.raises(InputError, match="characters; chronik codes documents of up to") as info:
        nlp("a " * 600_000)
    assert info.value.hint and "split" in info.value.hint


def write_bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


TEXT = "Die türkische Polizei hat am Samstag in Istanbul 20 Demonstranten festgenommen."


@pytest.mark.parametrize(("encoding", "data"), [
    ("utf-8", TEXT.encode("utf-8")),
    ("utf-8-bom", b"\xef\xbb\xbf" + TEXT.encode("utf-8")),
    ("latin-1", TEXT.encode("latin-1")),
    ("cp1252", ("„" + TEXT + "“").encode("cp1252")),
    ("utf-16-bom", TEXT.encode("utf-16")),
    ("utf-16-le-no-bom", TEXT.encode("utf-16-le")),
    ("utf-16-be-no-bom", TEXT.encode("utf-16-be")),
])
def test_encodings_are_read_right(tmp_path: Path, encoding: str, data: bytes) -> None:
    f = write_bytes(tmp_path / f"{encoding}.txt", data)
    code, out, _ = run("code", str(f), "--date", "2015-03-07", "--format", "jsonl", "--lang", "de")
    assert code == 0
    events = [json.loads(line) for line in out.splitlines()]
    assert any(e["cameo"].startswith("17") and e["source"]["code"] == "TURCOP" for e in events), encoding
    assert all("türkische" in TEXT for _ in events)


def test_binary_file_gets_a_clear_message(tmp_path: Path) -> None:
    f = write_bytes(tmp_path / "picture.txt", bytes(range(256)) * 40)
    code, out, err = run("code", str(f), "--format", "jsonl")
    assert code == 2 and out == ""
    assert "looks like a binary file" in err and "E201" in err


def test_html_where_text_was_expected_is_reduced_to_its_text(tmp_path: Path) -> None:
    page = f"<!DOCTYPE html><html><head><title>x</title></head><body><nav>Menü</nav><article><p>{TEXT}</p>" \
           "<p>Die Festgenommenen wurden später wieder freigelassen, teilte die Polizei mit.</p>" \
           "</article></body></html>"
    f = tmp_path / "page.txt"
    f.write_text(page, encoding="utf-8")
    code, out, err = run("code", str(f), "--date", "2015-03-07", "--format", "jsonl", "--lang", "de")
    assert code == 0 and "is HTML" in err
    events = [json.loads(line) for line in out.splitlines()]
    assert events and all("<" not in e["trigger"]["text"] for e in events)


def test_jsonl_with_bad_lines_huge_line_and_odd_dates(tmp_path: Path) -> None:
    lines = [
        json.dumps({"doc_id": "ok1", "text": TEXT, "date": "2015-03-07"}),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"doc_id": "notext"}),
        "[" * 100_000 + "]" * 100_000,  # nested beyond any recursion limit
        json.dumps({"doc_id": "huge", "text": "Die Regierung traf sich. " * 220_000}),  # a 5 MB line
        json.dumps({"doc_id": "de-date", "text": TEXT, "date": "7. März 2015"}),
        json.dumps({"doc_id": "bad-date", "text": TEXT, "date": "gestern Abend"}),
        json.dumps({"doc_id": "num-date", "text": TEXT, "date": 20150307}),
        json.dumps({"doc_id": "surrogate", "text": TEXT + " \ud800 Ende."}),
        json.dumps({"doc_id": "empty", "text": ""}),
    ]
    f = tmp_path / "docs.jsonl"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert max(len(line) for line in lines) > 5_000_000
    code, out, err = run("code", str(f), "--format", "jsonl", "--lang", "de")
    assert code == 0, err
    for n in (2, 3, 4, 5):
        assert f"{f}:{n}" in err, f"line {n} is reported with file:line"
    assert "huge has 5,500,000 characters" in err
    events = [json.loads(line) for line in out.splitlines()]
    docs = {e["doc_id"] for e in events}
    assert {"ok1", "de-date", "bad-date", "num-date", "surrogate"} <= docs
    dates = {e["doc_id"]: e["date"] for e in events}
    assert dates["de-date"] == "2015-03-07" and dates["ok1"] == "2015-03-07"


def test_hundred_thousand_tiny_documents(tmp_path: Path) -> None:
    from chronik.engine import PipelineOptions, run_local
    from chronik.io.readers import Problem
    from chronik.io.sources import read_sources
    from chronik.store import Store

    f = tmp_path / "tiny.jsonl"
    first = [w + p for p in ("", "!", "?", ".", ":") for w in ("Ja", "Nein", "Heute", "Berlin", "Wien", "Bern",
                                                                  "Regen", "Sonne", "Wind", "Streik")]
    second = [w + p for p in ("", ",", ";", " -", " …") for w in ("und", "oder", "aber", "doch", "auch", "nur",
                                                                   "noch", "schon", "sehr", "gar")]
    third = [w + p for p in ("", ".", "!", "?") for w in ("eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben",
                                                            "acht", "neun", "zehn")]
    with f.open("w", encoding="utf-8") as out:  # 100,000 different three-word documents
        for i in range(100_000):
            text = f"{first[i % 50]} {second[(i // 50) % 50]} {third[i // 2500]}"
            out.write(json.dumps({"doc_id": f"t{i}", "text": text}) + "\n")
    problems: list[Problem] = []
    with Store.open(str(tmp_path / "tiny.duckdb")) as store:
        counts = store.add_documents(read_sources([str(f)], problems=problems))
        assert counts.read == 100_000 and counts.added == 100_000 and problems == []
        report = run_local(store, PipelineOptions(lang="de"), workers=2)
        assert report.documents == 100_000 and report.failures == 0
        assert store.counts()["documents_coded"] == 100_000


def test_stdin_and_missing_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["code", "-", "--format", "jsonl", "--lang", "de", "--date", "2015-03-07"],
                                input=TEXT)
    assert result.exit_code == 0 and result.stdout
    code, _, err = run("code", str(tmp_path / "missing.txt"))
    assert code == 2 and "no such file" in err


def test_bad_date_option_is_a_clear_error(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(TEXT, encoding="utf-8")
    code, _, err = run("code", str(f), "--date", "7.3.15x")
    assert code == 2 and "cannot read the date" in err and "YYYY-MM-DD" in err
