from __future__ import annotations

import pytest

from chronik.model import Document
from chronik.pipeline import Resources
from chronik.text.segment import Segmenter


@pytest.fixture(scope="module")
def seg() -> Segmenter:
    return Segmenter(Resources("de").text["abbreviations"])


def split(seg: Segmenter, text: str) -> list[str]:
    doc = seg(Document(text=text))
    return [s.text for s in doc.sentences]


@pytest.mark.parametrize(("text", "n"), [
    ("Am 14. Juli traf Dr. Müller u.a. den Minister. Danach reiste er ab.", 2),
    ("Er sagte: «Wir kommen.» Dann ging er.", 2),
    ("„Das ist falsch“, sagte sie. Der Minister schwieg.", 2),
    ("Überschrift ohne Punkt\nDer erste Satz folgt hier.", 2),
    ("Im 19. Jahrhundert war das anders.", 1),
    ("Die Zahl stieg auf 50'000. Das meldete die Polizei.", 2),
    ("John F. Kennedy besuchte Berlin.", 1),
    ("Was nun? Niemand weiss es!", 2),
    ("Genf (sda) Die Aussenminister trafen sich. Sie sprachen lange.", 3),
    ("Die UNO (New York) tagte am Montag.", 1),
])
def test_segment_sentences(seg: Segmenter, text: str, n: int) -> None:
    assert len(split(seg, text)) == n, split(seg, text)


def test_segment_offsets_point_into_text(seg: Segmenter) -> None:
    text = "US-Aussenminister John Kerry («echt») traf am 14. Juli in Moskau ein."
    doc = seg(Document(text=text))
    for t in doc.tokens:
        assert text[t.start:t.end] == t.text
    words = [t.text for t in doc.tokens]
    assert "US-Aussenminister" in words
    assert "14." in words
    assert "«" in words and "»" in words


@pytest.mark.parametrize("word", ["z.B.", "u.a.", "Dr.", "50'000", "3.374", "Al-Nusra-Front"])
def test_segment_keeps_word(seg: Segmenter, word: str) -> None:
    doc = seg(Document(text=f"Es gab {word} hier."))
    assert word in [t.text for t in doc.tokens]
