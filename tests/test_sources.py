"""Ingest sources: text, folders, JSON Lines, CSV, HTML (trafilatura), RSS/Atom feeds over HTTP."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from datetime import date
from functools import partial
from pathlib import Path

import pytest

from chronik.io.readers import Problem
from chronik.io.sources import SourceOptions, content_id, lenient_date, read_sources
from conftest import DATA

CORPUS = DATA / "corpus"


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """The test corpus served on 127.0.0.1 (a feed and the page its first entry links to)."""
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(CORPUS))
    handler.log_message = lambda *a, **k: None  # type: ignore[attr-defined]
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_content_id_is_stable_over_whitespace() -> None:
    assert content_id("Die  Polizei\nnahm fest.") == content_id("Die Polizei nahm fest. ")
    assert content_id("Die Polizei nahm fest.") != content_id("Die Polizei nahm nicht fest.")
    assert len(content_id("x")) == 24


@pytest.mark.parametrize(("value", "expected"), [
    ("2015-03-05", date(2015, 3, 5)),
    ("2015-03-05T10:00:00+01:00", date(2015, 3, 5)),
    ("05.03.2015", date(2015, 3, 5)),
    ("5. März 2015", date(2015, 3, 5)),
    ("Thu, 05 Mar 2015 10:00:00 +0100", date(2015, 3, 5)),
    ("31.02.2015", None),
    ("gestern", None),
    ("", None),
    (None, None),
])
def test_lenient_date(value: str | None, expected: date | None) -> None:
    assert lenient_date(value) == expected


def test_jsonl_bad_lines_reported_with_file_and_line() -> None:
    problems: list[Problem] = []
    docs = list(read_sources([str(CORPUS / "docs.jsonl")], problems=problems))
    assert [d.meta["external_id"] for d in docs] == ["j1", "j3"]
    assert docs[1].source == "Agentur" and docs[1].date == date(2024, 5, 7)
    where = sorted(p.where for p in problems)
    assert where == [f"{CORPUS / 'docs.jsonl'}:2", f"{CORPUS / 'docs.jsonl'}:3"]


def test_csv_text_column_and_metadata() -> None:
    problems: list[Problem] = []
    docs = list(read_sources([str(CORPUS / "articles.csv")], problems=problems))
    assert [d.meta["external_id"] for d in docs] == ["csv-1", "csv-3"]  # the empty row is reported, not stored
    assert docs[0].date == date(2015, 3, 6) and docs[0].source == "Beispiel-Zeitung"
    assert docs[1].date == date(2015, 3, 7) and docs[1].title == "Drohung"
    assert any("no text" in p.message for p in problems)


def test_csv_without_the_text_column_says_which_columns_exist(tmp_path: Path) -> None:
    f = tmp_path / "x.csv"
    f.write_text("id,headline\n1,Hallo\n", encoding="utf-8")
    problems: list[Problem] = []
    assert list(read_sources([str(f)], problems=problems)) == []
    assert "id, headline" in problems[0].message and "--text-column" in problems[0].message
    docs = list(read_sources([str(f)], SourceOptions(text_column="headline")))
    assert docs[0].text == "Hallo"


def test_html_main_text_and_metadata() -> None:
    (doc,) = read_sources([str(CORPUS / "kerry-putin.html")])
    assert "Kerry hat sich am Donnerstag in Moskau" in doc.text
    assert "Impressum" not in doc.text and "Startseite" not in doc.text
    assert doc.title == "Kerry trifft Putin in Moskau"
    assert doc.source == "Beispiel-Zeitung"
    assert doc.date == date(2015, 3, 5)
    assert doc.url == "http://127.0.0.1/kerry-putin.html"


def test_folder_reads_known_kinds_and_reports_the_rest(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Die Regierung trat zurück.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("Die Armee griff an.", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n")
    (tmp_path / ".hidden.txt").write_text("versteckt", encoding="utf-8")
    problems: list[Problem] = []
    docs = list(read_sources([str(tmp_path)], SourceOptions(date="2020-01-02"), problems))
    assert sorted(d.meta["external_id"] for d in docs) == ["a", "b"]
    assert all(d.date == date(2020, 1, 2) for d in docs)
    assert [Path(p.where).name for p in problems] == ["image.png"]


def test_missing_source_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    problems: list[Problem] = []
    assert list(read_sources([str(tmp_path / "nope.txt")], problems=problems)) == []
    assert "no such file" in problems[0].message


def test_rss_feed_over_http(server: str) -> None:
    problems: list[Problem] = []
    docs = list(read_sources([f"{server}/feed.rss"], problems=problems))
    assert problems == []
    assert [d.meta["external_id"] for d in docs] == ["beispiel-1", "beispiel-2"]
    first, second = docs
    assert first.source == "Beispiel-Nachrichten" and first.date == date(2015, 3, 5)
    assert "Kerry hat sich am Donnerstag in Moskau" in first.text and "<p>" not in first.text
    assert second.text.startswith("Die türkische Polizei") and second.date == date(2015, 3, 7)


def test_rss_feed_fetches_the_article_pages(server: str, tmp_path: Path) -> None:
    feed = (CORPUS / "feed.rss").read_text(encoding="utf-8").replace("http://127.0.0.1/", f"{server}/")
    (tmp_path / "feed.rss").write_text(feed, encoding="utf-8")
    problems: list[Problem] = []
    docs = list(read_sources([str(tmp_path / "feed.rss")], SourceOptions(fetch=True), problems))
    assert "engere Zusammenarbeit im Kampf gegen den Terrorismus" in docs[0].text  # from the page
    assert docs[0].url == f"{server}/kerry-putin.html"
    assert len(problems) == 1 and "istanbul.html" in problems[0].message  # no such page: the feed's text is kept
    assert docs[1].text.startswith("Die türkische Polizei")


def test_atom_feed_and_html_page_over_http(server: str) -> None:
    docs = list(read_sources([f"{server}/feed.atom", f"{server}/kerry-putin.html"]))
    assert docs[0].source == "Example Wire" and docs[0].date == date(2015, 3, 6)
    assert docs[0].text.startswith("The foreign ministers")
    assert docs[1].title == "Kerry trifft Putin in Moskau"


def test_unreachable_url_is_a_problem(server: str) -> None:
    problems: list[Problem] = []
    assert list(read_sources([f"{server}/missing.rss"], problems=problems)) == []
    assert "cannot fetch" in problems[0].message
