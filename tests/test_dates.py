from __future__ import annotations

from datetime import date

import pytest

from chronik import Pipeline

# 2016-07-14 is a Thursday
BASE = "2016-07-14"


@pytest.mark.parametrize(("text", "expected"), [
    ("Das Treffen fand gestern statt.", date(2016, 7, 13)),
    ("Das Treffen findet morgen statt.", date(2016, 7, 15)),
    ("Am Freitag sind Gespräche vorgesehen.", date(2016, 7, 15)),
    ("Kerry war am Donnerstag Abend eingetroffen.", date(2016, 7, 14)),
    ("Am Montag hatte er Paris besucht.", date(2016, 7, 11)),
    ("Am kommenden Montag reist er ab.", date(2016, 7, 18)),
    ("Am vergangenen Freitag wurde gewählt.", date(2016, 7, 8)),
    ("Am 3. Mai wurde gewählt.", date(2016, 5, 3)),
    ("Am 3. Mai 2015 wurde gewählt.", date(2015, 5, 3)),
    ("Das Abkommen vom 02.01.2016 gilt weiter.", date(2016, 1, 2)),
    ("In der Nacht zum Sonntag gab es Kämpfe.", date(2016, 7, 17)),
])
def test_dates_resolved_from_article_date(nlp: Pipeline, text: str, expected: date) -> None:
    doc = nlp(text, date=BASE)
    assert doc.times, "no date expression found"
    assert doc.times[0].date == expected


def test_dates_morning_is_not_tomorrow(nlp: Pipeline) -> None:
    doc = nlp("Am Morgen griffen Rebellen an.", date=BASE)
    assert all(t.rule != "relative:morgen" for t in doc.times)


def test_dates_weekday_follows_tense(nlp: Pipeline) -> None:
    # Monday article: "am Freitag" in the past tense is the Friday before
    doc = nlp("Die Polizei hatte am Freitag drei Männer festgenommen.", date="2016-07-18")
    assert doc.times[0].alt_past == date(2016, 7, 15)
