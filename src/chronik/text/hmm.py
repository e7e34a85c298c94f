"""HanTa's three Viterbi searches, restructured for speed, with results identical to HanTa's.

HanTa (the Hanover Tagger) scores every split of a word into morphemes (``analyze_forward`` for the
tags a word may have, ``analyze_viterbi`` for its morphemes given a tag) and then picks the tags of a
sentence (``tag_sent_viterbi``). Its inner loop asks ``lp_m_t`` for every segment, every state and
every following tag; nine calls in ten answer "impossible". :class:`FastHmm` reads the same model
tables and asks only where an answer can exist: a segment that is a known morpheme (one look-up in an
index of all morphemes) or, outside the strict pass, a guess for an open-class tag, whose parts (the
tag's constant plus its length term, and a suffix chosen once per segment) are precomputed.

The floating-point additions happen in the same order and the tables are filled in the same order
as in HanTa, so ties resolve the same way and every probability, tag and lemma is bit-for-bit the
one HanTa gives (``tests/test_hmm.py`` compares them). Word-level results are memoised per instance
in bounded dictionaries.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable
from operator import itemgetter
from typing import Any, Generic, TypeVar

from numpy import logaddexp

EMPTY, START, END, UNKNOWN, END_UNKNOWN = 0, 1, 2, 3, -3
_LOWER = -1e6  # HanTa's lower bound of a log probability worth keeping
_WHOLE_WORD_PENALTY = 4.6  # HanTa: a guessed morpheme that is the whole word is unlikely

State = tuple[int, int]
Table = list[dict[State, float]]
# a following tag: (tag, transition log prob, the state it leads to)
Follow = tuple[int, float, State]
# an open-class tag's guess terms: constant + length term by length (0..24), suffix term by suffix
Guess = tuple[list[float], dict[str, float]]

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Memo(Generic[K, V]):
    """A bounded memo of ``fn``: emptied when it reaches ``limit`` entries (news repeats its words)."""

    def __init__(self, fn: Callable[[K], V], limit: int) -> None:
        self.fn = fn
        self.limit = limit
        self.store: dict[K, V] = {}

    def __call__(self, key: K) -> V:
        try:
            return self.store[key]
        except KeyError:
            value = self.fn(key)
            if len(self.store) >= self.limit:
                self.store.clear()
            self.store[key] = value
            return value


def supports(hanta: Any) -> bool:
    """Whether the model has the shape :class:`FastHmm` relies on (else use HanTa as it is)."""
    suffix_keys = {frozenset(table) for table in hanta.LP_s_t.values()}
    followers = {t for fs in hanta.LP_trans_nonfinal.values() for t, _ in fs}
    return len(suffix_keys) <= 1 and followers <= set(hanta.LP_m_t)


class FastHmm:
    """The Viterbi searches of one HanTa model. ``tag_sent(words)`` equals ``hanta.tag_sent(words)``."""

    def __init__(self, hanta: Any, cache_limit: int = 200_000) -> None:
        self.hanta = hanta
        self.strict: bool = hanta.strict
        self.morphs: dict[str, dict[int, float]] = {}  # morpheme → tag → log p(morpheme | tag)
        for tag, table in hanta.LP_m_t.items():
            for morph, lp in table.items():
                self.morphs.setdefault(morph, {})[tag] = lp
        self.longest = max((len(m) for m in self.morphs), default=0)
        self.guesses: dict[int, Guess] = {}  # open-class tag → (constant + length term, suffix term)
        for tag in hanta.LP_hapax_t:
            if tag in hanta.LP_s_t:
                base = hanta.Int_t + hanta.LP_hapax_t[tag]
                self.guesses[tag] = ([base + x for x in hanta.LP_len_t[tag][:25]], hanta.LP_s_t[tag])
        self.suffixes: frozenset[str] = frozenset(next(iter(hanta.LP_s_t.values()), {}))
        self.follow: dict[State, list[Follow]] = {state: [(t, lp, (state[1], t)) for t, lp in fs]
                                                  for state, fs in hanta.LP_trans_nonfinal.items()}
        self._order: dict[State, dict[int, int]] = {}  # a state's following tags → their position
        self._reachable_follow: dict[tuple[State, int], list[Follow]] = {}
        self.forward = Memo(self._forward, cache_limit)
        self.word_probs = Memo(self._word_probs, cache_limit)
        self.lemma = Memo(self._lemma, cache_limit)

    def install(self) -> None:
        """Let HanTa's own word-level methods use the fast searches (for its ``analyze``, ``tag_word``)."""
        self.hanta.analyze_forward = self.forward
        self.hanta.analyze_viterbi = self.analyze_viterbi

    # ---- sentence level

    def tag_sent(self, words: list[str]) -> list[tuple[str, str, str]]:
        """(word, lemma, HanTa tag) for each word, as ``HanoverTagger.tag_sent(words, taglevel=1)``."""
        if not words:
            return []
        tags = self.tag_sent_viterbi(words)
        int2tag = self.hanta.int2tag
        return [(w, self.lemma((w, t)), int2tag[t]) for w, t in zip(words, tags, strict=True)]

    def tag_sent_viterbi(self, sent: list[str]) -> list[int]:
        trans = self.hanta.LP_trans_word
        table: Table = []
        backpointer: list[dict[State, State]] = []
        for i, w in enumerate(sent):
            wprobs = self.word_probs((w, i > 0))
            prevrow: dict[State, float] = {(EMPTY, START): 0.0} if i == 0 else table[i - 1]
            bound = sorted(prevrow.values(), reverse=True)[5] - 1 if len(prevrow) > 5 else _LOWER
            row: dict[State, float] = {}
            back: dict[State, State] = {}
            for state, lp0 in prevrow.items():
                if lp0 < bound:
                    continue
                lp_t = trans[state]
                for c, lp_tc, lpwc in (_all_tags(lp_t) if not wprobs else self._word_tags(state, lp_t, wprobs)):
                    lp = lp0 + lp_tc + lpwc
                    if lp > _LOWER:
                        newstate = (state[1], c)
                        old = row.get(newstate)
                        if old is None or lp > old:
                            row[newstate] = lp
                            back[newstate] = state
            table.append(row)
            backpointer.append(back)
        return self._sentence_end(table, backpointer)

    def _word_tags(self, state: State, lp_t: dict[int, float],
                   wprobs: dict[int, float]) -> list[tuple[int, float, float]]:
        """The tags the word may have that can follow the state, in the order of ``lp_t`` (HanTa's
        order, which decides ties)."""
        if len(wprobs) == 1:
            c, lpwc = next(iter(wprobs.items()))
            lp_tc = lp_t.get(c)
            return [] if lp_tc is None or c == END else [(c, lp_tc, lpwc)]
        order = self._order.get(state)
        if order is None:
            order = self._order[state] = {c: k for k, c in enumerate(lp_t)}
        found = [(order[c], c) for c in wprobs if c in order and c != END]
        found.sort()
        return [(c, lp_t[c], wprobs[c]) for _, c in found]

    def _sentence_end(self, table: Table, backpointer: list[dict[State, State]]) -> list[int]:
        finalstate = (END, EMPTY)
        trans = self.hanta.LP_trans_word
        best = -math.inf
        back: dict[State, State] = {}
        for state, lp0 in table[-1].items():
            lp = lp0 + trans[state].get(END, -math.inf)
            if lp > best:
                best = lp
                back[finalstate] = state
        backpointer.append(back)
        tags = []
        state = finalstate
        for i in range(len(backpointer) - 1, 0, -1):
            state = backpointer[i][state]
            tags.append(state[1])
        return tags[::-1]

    def _word_probs(self, key: tuple[str, bool]) -> dict[int, float]:
        """HanTa's tag probabilities of one word in a sentence ({} when anything goes)."""
        word, casesensitive = key
        wprobs = dict(self.hanta._tag_word(word, cutoff=5, casesensitive=casesensitive, conditional=True))
        if len(wprobs) == 1 and UNKNOWN in wprobs:
            return {}
        return wprobs

    def _lemma(self, key: tuple[str, int]) -> str:
        lemma: str = self.hanta._analyze(key[0], key[1], taglevel=1)[0]
        return lemma

    # ---- word level

    def _forward(self, word: str) -> list[tuple[int, float]]:
        """HanTa's ``analyze_forward``: the log probability of each part of speech of a word."""
        wlen = len(word)
        table: Table = [_start()] + [{} for _ in range(wlen + 1)]
        suffixes = self._word_suffixes(word, self.strict)
        for i in range(wlen):
            row = table[i]
            bound = sorted(row.values(), reverse=True)[3] - 1 if len(row) > 3 else _LOWER
            scores: _Row | None = None
            for state, lp in row.items():
                follow = self.follow.get(state)
                if lp < bound or not follow:
                    continue
                if scores is None:
                    scores = _Row(self, word, i, suffixes)
                _extend(table, scores, lp, follow, None, state)
        last = table[-1]
        final = self.hanta.LP_trans_final
        for state, lp in table[-2].items():
            for tag1, lpt in final.get(state, []):
                lp1 = lp + lpt
                if lp1 > _LOWER:
                    newstate = (state[1], tag1)
                    if newstate not in last or lp1 > last[newstate]:
                        last[newstate] = lp1
        results: dict[int, float] = {}
        for state, lp in last.items():
            if lp == -math.inf:
                continue
            pos = -state[1]
            results[pos] = logaddexp(results[pos], lp) if pos in results else lp
        result_list = list(results.items())
        result_list.sort(key=itemgetter(1), reverse=True)
        return result_list or [(UNKNOWN, 0)]

    def analyze_viterbi(self, word: str, targetpos: int) -> list[tuple[int, int]]:
        """HanTa's ``analyze_viterbi``: the best morphemes of a word for a part of speech, as
        (tag, end offset) pairs; first with known morphemes only, then with guesses."""
        wlen = len(word)
        reachable = self.hanta.reachability.get(targetpos, frozenset())
        for strict in (True, False):
            table: Table = [_start()] + [{} for _ in range(wlen + 1)]
            backpointer: list[dict[State, tuple[State, int]]] = [{} for _ in range(wlen + 2)]
            suffixes = self._word_suffixes(word, strict)
            for i in range(wlen):
                row = table[i]
                bound = sorted(row.values(), reverse=True)[3] - 1 if len(row) > 3 else _LOWER
                scores: _Row | None = None
                for state, lp in row.items():
                    if lp < bound:
                        continue
                    follow = self._follow_reaching(state, targetpos, reachable)
                    if not follow:
                        continue
                    if scores is None:
                        scores = _Row(self, word, i, suffixes)
                    _extend(table, scores, lp, follow, backpointer, state)
            self._final(table, backpointer, targetpos)
            if table[-1]:
                break
        return _best_path(table[-1], backpointer)

    def _final(self, table: Table, backpointer: list[dict[State, tuple[State, int]]], targetpos: int) -> None:
        wlen = len(table) - 2
        last = table[-1]
        for state, lp in table[-2].items():
            for tag1, lpt in self.hanta.LP_trans_final.get(state, []):
                if tag1 == targetpos:
                    lp1 = lp + lpt
                    if lp1 > _LOWER:
                        newstate = (state[1], tag1)
                        if newstate not in last or lp1 > last[newstate]:
                            last[newstate] = lp1
                            backpointer[-1][newstate] = (state, wlen)
                    break

    def _follow_reaching(self, state: State, targetpos: int, reachable: frozenset[int]) -> list[Follow]:
        key = (state, targetpos)
        found = self._reachable_follow.get(key)
        if found is None:
            found = self._reachable_follow[key] = [e for e in self.follow.get(state, []) if e[0] in reachable]
        return found

    def _word_suffixes(self, word: str, strict: bool) -> list[list[str]] | None:
        """For each end offset j and segment length 1..5 (5: longer), the suffix whose guess term an
        open-class tag uses (None in a strict pass: nothing is guessed)."""
        if strict or not self.guesses:
            return None
        return [[""] + [self._suffix(word[j - k:j]) for k in range(1, min(j, 5) + 1)] for j in range(len(word) + 1)]

    def _suffix(self, m: str) -> str:
        mlen = len(m)
        s = self.suffixes
        if mlen > 4 and m[-4:] in s:
            return m[-4:]
        if mlen > 3 and m[-3:] in s:
            return m[-3:]
        if mlen > 2 and m[-2:] in s:
            return m[-2:]
        if mlen > 1 and m[-1:] in s:
            return m[-1:]
        return ""


class _Row:
    """The log probabilities p(word[i:j] | tag) of the segments that start at one offset i, per tag,
    as (j, log prob) for the j where the probability is not zero."""

    __slots__ = ("guessed", "guesses", "i", "keys", "known", "suffixes", "word")

    def __init__(self, hmm: FastHmm, word: str, i: int, suffixes: list[list[str]] | None) -> None:
        self.i = i
        self.word = word
        self.suffixes = suffixes
        self.guesses = hmm.guesses if suffixes is not None else {}
        morphs = hmm.morphs
        self.known: dict[int, list[tuple[int, float]]] = {}  # tag → its known morphemes here
        for j in range(i + 1, min(len(word), i + hmm.longest) + 1):
            found = morphs.get(word[i:j])
            if found is not None:
                for tag, lp in found.items():
                    self.known.setdefault(tag, []).append((j, lp))
        self.guessed: dict[int, list[tuple[int, float]]] = {}
        self.keys: list[tuple[int, int, str]] | None = None  # (j, length index, suffix) of guessed segments

    def of(self, tag: int) -> list[tuple[int, float]] | None:
        if tag not in self.guesses:
            return self.known.get(tag)
        found = self.guessed.get(tag)
        if found is None:
            found = self.guessed[tag] = self._guess(tag)
        return found

    def _guess(self, tag: int) -> list[tuple[int, float]]:
        """An open-class tag: its known morphemes, and a guess for every other segment HanTa guesses
        (longer than two characters, or any in a word shorter than four). The order of the j does not
        matter: each j has its own table."""
        lengths, suffix_lps = self.guesses[tag]
        keys = self.keys
        if keys is None:
            keys = self.keys = self._keys()
        known = self.known.get(tag)
        if not known:
            out = [(j, lengths[m] + suffix_lps[s]) for j, m, s in keys]
        else:
            taken = {j for j, _ in known}
            out = [(j, lengths[m] + suffix_lps[s]) for j, m, s in keys if j not in taken]
        wlen = len(self.word)
        if self.i == 0 and out and out[-1][0] == wlen:  # the whole word: HanTa's penalty
            out[-1] = (wlen, out[-1][1] - _WHOLE_WORD_PENALTY)
        return out + known if known else out

    def _keys(self) -> list[tuple[int, int, str]]:
        i, wlen, suffixes = self.i, len(self.word), self.suffixes
        assert suffixes is not None
        first = i + 1 if wlen < 4 else i + 3
        return [(j, min(j - i, 24), suffixes[j][min(j - i, 5)]) for j in range(first, wlen + 1)]


def _extend(table: Table, scores: _Row, lp: float, follow: list[Follow],
            backpointer: list[dict[State, tuple[State, int]]] | None, state: State) -> None:
    """From one state at offset i, score every segment i..j with every following tag; keep the best
    log probability of each new state at j (and, with a backpointer table, where it came from).

    HanTa loops over j, then tags; for one j the tags come in the same order here, and each (j, new
    state) is reached once per state, so every table fills and breaks ties exactly as in HanTa."""
    for tag1, lpt, newstate in follow:
        found = scores.of(tag1)
        if not found:
            continue
        base = lp + lpt
        for j, lpm in found:
            lp1 = base + lpm
            if lp1 > _LOWER:
                tj = table[j]
                old = tj.get(newstate)
                if old is None or lp1 > old:
                    tj[newstate] = lp1
                    if backpointer is not None:
                        backpointer[j][newstate] = (state, scores.i)


def _start() -> dict[State, float]:
    return {(EMPTY, START): 0}  # an int, as in HanTa


def _best_path(last: dict[State, float], backpointer: list[dict[State, tuple[State, int]]]) -> list[tuple[int, int]]:
    pmax = -math.inf
    beststate = (EMPTY, EMPTY)
    for state, lp in last.items():
        if lp > pmax:
            pmax = lp
            beststate = state
    i = len(backpointer) - 1
    if beststate == (EMPTY, EMPTY):
        states = [((UNKNOWN, END_UNKNOWN), i), ((START, UNKNOWN), i - 1)]
    else:
        states = [(beststate, i)]
        state = beststate
        while i > 0:
            state, i = backpointer[i][state]
            states.append((state, i))
        states = states[:-1]
    return [(state[1], i) for (state, i) in states[::-1]]


def _all_tags(lp_t: dict[int, float]) -> list[tuple[int, float, float]]:
    """An unknown word may have any tag."""
    return [(c, lp_tc, 0) for c, lp_tc in lp_t.items() if c != END]
