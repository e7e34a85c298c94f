"""FastHmm gives exactly HanTa's results (probabilities, morphemes, tags, lemmas), only faster."""

from __future__ import annotations

import random
from typing import Any

import pytest

from chronik.text.hmm import FastHmm, supports

SENTENCES = {
    "de": ["Die Soldaten griffen die Stadt an .",
           "Bundesaußenministerin Baerbock verurteilte am Dienstag die Raketenangriffe auf Charkiw .",
           "„ Wir werden nicht nachgeben “ , sagte der Sprecher der Oppositionspartei in Kyjiw .",
           "Die Verhandlungen zwischen Israel und der Hamas wurden in Doha fortgesetzt .",
           "US-Präsident Biden und Xi trafen sich zum Gipfel ; 1.200 Demonstranten protestierten ."],
    "en": ["The soldiers attacked the town on Tuesday .",
           "Police in Jericho confiscated weapons , officials said .",
           "President Mario Soares called off the talks with the rebels ."],
}
MODELS = {"de": "morphmodel_ger.pgz", "en": "morphmodel_en.pgz"}


def _words(lang: str) -> list[str]:
    rng = random.Random(7)
    letters = "abcdefghijklmnopqrstuvwxyzäöüß-" if lang == "de" else "abcdefghijklmnopqrstuvwxyz-'"
    made = ["".join(rng.choice(letters) for _ in range(rng.randint(1, 22))) for _ in range(60)]
    return [w.lower() for s in SENTENCES[lang] for w in s.split()] + made


@pytest.fixture(scope="module", params=["de", "en"])
def pair(request: pytest.FixtureRequest) -> tuple[str, Any, FastHmm]:
    from HanTa import HanoverTagger as ht

    lang = request.param
    ref = ht.HanoverTagger(MODELS[lang])
    other = ht.HanoverTagger(MODELS[lang])
    assert supports(other)
    fast = FastHmm(other, cache_limit=50)
    fast.install()
    return lang, ref, fast


def test_word_analyses_equal_hanta(pair: tuple[str, Any, FastHmm]) -> None:
    lang, ref, fast = pair
    for word in _words(lang):
        expected = ref.analyze_forward(word)
        assert repr(list(fast.forward(word))) == repr(expected), word
        for tag, _ in expected[:3]:
            assert fast.analyze_viterbi(word, -tag) == ref.analyze_viterbi(word, -tag), (word, tag)


def test_sentences_equal_hanta(pair: tuple[str, Any, FastHmm]) -> None:
    lang, ref, fast = pair
    for sentence in SENTENCES[lang]:
        words = sentence.split()
        assert fast.tag_sent(words) == ref.tag_sent(words, taglevel=1)
    assert fast.tag_sent([]) == []


def test_memo_is_bounded() -> None:
    from chronik.text.hmm import Memo

    memo: Memo[int, int] = Memo(lambda n: n * n, limit=3)
    assert [memo(n) for n in range(10)] == [n * n for n in range(10)]
    assert len(memo.store) <= 3
