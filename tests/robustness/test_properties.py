"""Property-based tests (hypothesis) over segmentation, tagging, actor matching, date resolution and
the readers: whatever the text, no exception escapes but chronik's own documented errors, and what
comes out points at the words it came from."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chronik import Pipeline
from chronik.errors import ChronikError, InputError
from chronik.io.readers import Problem, decode, lenient_date, read_documents
from chronik.io.sources import read_sources

# CHRONIK_FUZZ_EXAMPLES=2000 python -m pytest tests/robustness/test_properties.py for a longer search
SETTINGS = settings(max_examples=int(os.environ.get("CHRONIK_FUZZ_EXAMPLES", "60")), deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

WORDS = ["Die", "der", "Regierung", "Russland", "Russlands", "russische", "Präsident", "Wladimir", "Putin", "traf",
         "sich", "mit", "US-Aussenminister", "Kerry", "in", "Moskau", "am", "Freitag", "sagte", "er", "sie",
         "„", "“", "»", "«", '"', ",", ".", "?", "!", ":", ";", "(", ")", "-", "–", "dass", "nicht", "wurde",
         "Polizei", "nahm", "fest", "20", "3.", "Mai", "2015", "Kreml-Sprecher", "Nato", "UNO", "EU-Kommission",
         "the", "government", "said", "met", "on", "Tuesday", "'s", "n't", "Dr.", "z.B.", "\n", "\n\n", "Ägypten",
         "Zürich", "Bundesrat", "gestern", "morgen", "kündigte", "an", "drohte", "mit", "Sanktionen", "Hamas"]

german_ish = st.lists(st.sampled_from(WORDS), max_size=120).map(" ".join)
any_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400)


def check_doc(text: str, doc: object) -> None:
    from chronik.model import Document

    assert isinstance(doc, Document)
    for t in doc.tokens:
        assert text[t.start:t.end] == t.text
        assert t.tag, "every token is tagged"
    starts = [t.start for t in doc.tokens]
    assert starts == sorted(starts)
    covered = [i for s in doc.sentences for i in range(s.tok_start, s.tok_end)]
    assert covered == list(range(len(doc.tokens))), "sentences partition the tokens"
    for m in doc.mentions:
        assert text[m.start:m.end] == m.text
    for e in doc.events:
        assert text[e.trigger.start:e.trigger.end] == e.trigger.text
        json.dumps(e.to_dict(), ensure_ascii=False)
    for q in doc.quotes:
        assert 0 <= q.start <= q.end <= len(text)


@SETTINGS
@given(text=german_ish, day=st.dates(min_value=date(1950, 1, 1), max_value=date(2050, 12, 31)))
def test_pipeline_on_german_like_text(nlp: Pipeline, text: str, day: date) -> None:
    check_doc(text, nlp(text, date=day))


@SETTINGS
@given(text=any_text)
def test_pipeline_on_any_text(nlp: Pipeline, text: str) -> None:
    check_doc(text, nlp(text, date="2015-03-05"))


@pytest.fixture(scope="module")
def nlp_en() -> Pipeline:
    return Pipeline("en")


@SETTINGS
@given(text=german_ish)
def test_english_pipeline_on_mixed_text(nlp_en: Pipeline, text: str) -> None:
    check_doc(text, nlp_en(text, date="2015-03-05"))


date_phrase = st.builds(
    lambda pre, d, m, y, wd: f"Das Treffen fand {pre} {d}. {m} {y} statt, {wd} folgt ein weiteres.",
    st.sampled_from(["am", "vom", "bis zum", "seit dem", "ab"]), st.integers(-5, 40),
    st.sampled_from(["Januar", "Februar", "März", "Mai", "Dezember", "Jänner", "Foo"]), st.integers(0, 3000),
    st.sampled_from(["am Montag", "gestern", "heute", "morgen", "übermorgen", "nächste Woche", "im Mai"]))


@SETTINGS
@given(text=date_phrase, day=st.one_of(st.none(), st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))))
def test_dates_resolve_or_stay_open(nlp: Pipeline, text: str, day: date | None) -> None:
    doc = nlp(text, date=day)
    check_doc(text, doc)
    for t in doc.times:
        assert t.date is None or isinstance(t.date, date)


names = st.lists(st.from_regex(r"[A-ZÄÖÜ][a-zäöüß]{1,12}(-[A-Z][a-z]{1,8})?", fullmatch=True), min_size=1,
                 max_size=4).map(" ".join)


@SETTINGS
@given(name=names, role=st.sampled_from(["Präsident", "Aussenminister", "Rebellenführer", "Sprecher", "Chef"]))
def test_actor_matching_on_unknown_names(nlp: Pipeline, name: str, role: str) -> None:
    text = f"Der iranische {role} {name} traf sich mit {name}-{role} und dem {name}-Sprecher in {name}."
    check_doc(text, nlp(text, date="2020-01-01"))


@SETTINGS
@given(raw=st.binary(max_size=2000))
def test_decode_any_bytes(raw: bytes) -> None:
    try:
        assert isinstance(decode(raw, "x"), str)
    except InputError as exc:
        assert "binary" in exc.message


@SETTINGS
@given(value=st.one_of(st.text(max_size=40), st.integers(), st.floats(), st.none(), st.dates()))
def test_lenient_date_never_raises(value: object) -> None:
    assert lenient_date(value) is None or isinstance(lenient_date(value), date)


@SETTINGS
@given(raw=st.binary(max_size=3000), suffix=st.sampled_from([".txt", ".jsonl", ".csv", ".tsv", ".html", ".rss",
                                                              ".atom", ".xml", ".dat"]))
def test_readers_on_any_bytes(tmp_path: Path, raw: bytes, suffix: str) -> None:
    f = tmp_path / f"input{suffix}"
    f.write_bytes(raw)
    problems: list[Problem] = []
    for doc in read_sources([str(f)], problems=problems):  # problems are reported, never raised
        assert isinstance(doc.text, str) and doc.text.strip()
    try:
        for doc in read_documents(f, problems=problems):
            assert isinstance(doc.text, str)
    except ChronikError:
        pass


structured = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=30),
                          lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8),
                                                                                            children, max_size=4),
                          max_leaves=12)


@SETTINGS
@given(objs=st.lists(st.one_of(structured, st.fixed_dictionaries(
    {"text": st.text(max_size=200)}, optional={"date": structured, "doc_id": structured, "language": structured,
                                               "title": structured, "source": structured})), max_size=6))
def test_jsonl_reader_on_any_json(tmp_path: Path, objs: list[object]) -> None:
    f = tmp_path / "docs.jsonl"
    f.write_text("\n".join(json.dumps(o) for o in objs), encoding="utf-8")
    problems: list[Problem] = []
    docs = list(read_sources([str(f)], problems=problems))
    assert len(docs) + len(problems) <= len(objs) + 1
    for doc in docs:
        assert isinstance(doc.text, str) and (doc.date is None or isinstance(doc.date, date))


@SETTINGS
@given(rows=st.lists(st.lists(st.text(max_size=30), min_size=1, max_size=5), max_size=8),
       header=st.lists(st.sampled_from(["text", "title", "date", "url", "id", "outlet", "x"]), min_size=1,
                       max_size=5))
def test_csv_reader_on_any_rows(tmp_path: Path, rows: list[list[str]], header: list[str]) -> None:
    import csv

    f = tmp_path / "a.csv"
    with f.open("w", encoding="utf-8", newline="") as out:
        w = csv.writer(out)
        w.writerow(header)
        w.writerows(rows)
    problems: list[Problem] = []
    for doc in read_sources([str(f)], problems=problems):
        assert doc.text.strip()


@SETTINGS
@given(body=st.text(max_size=500), tags=st.lists(st.sampled_from(["p", "div", "script", "article", "nav", "h1",
                                                                     "table", "br", "<", "&amp;", "<!--"]),
                                                   max_size=10))
def test_html_reader_on_any_markup(tmp_path: Path, body: str, tags: list[str]) -> None:
    markup = "".join(f"<{t}>{body[:50]}</{t}>" for t in tags) + body
    f = tmp_path / "page.html"
    f.write_text(f"<html><head><title>{body[:20]}</title></head><body>{markup}</body></html>", encoding="utf-8")
    for doc in read_sources([str(f)]):
        assert isinstance(doc.text, str)


FUZZ_FINDINGS = {
    # tools/fuzz.py readers, 2026-11-25: an HTML file starting with a UTF-16 byte-order mark and an odd
    # number of bytes raised UnicodeDecodeError
    "utf16-html-odd-length": (".html", b"\xff\xfe\xff\xff\xff\xff\xff\x02\x5d"),
}


@pytest.mark.parametrize("case", sorted(FUZZ_FINDINGS))
def test_fuzz_findings_stay_fixed(tmp_path: Path, case: str) -> None:
    suffix, raw = FUZZ_FINDINGS[case]
    f = tmp_path / f"input{suffix}"
    f.write_bytes(raw)
    problems: list[Problem] = []
    for doc in read_sources([str(f)], problems=problems):
        assert isinstance(doc.text, str)
