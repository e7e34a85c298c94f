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

License: this module re-implements HanTa's algorithms closely enough to reproduce its results bit for
bit, so it is treated as a work derived from HanTa (Christian Wartena, LGPL-3.0-or-later) and is
itself licensed under the GNU Lesser General Public License, version 3 or later — unlike the rest of
chronik (MIT). As a separate Python module it can be replaced or modified by the user, as the LGPL asks.
"""

from __future__ import annotations

import itertools
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
    return len(suffix_keys) <= 1 and followers <= set(hanta.LP_m_t) and tag_order(hanta.LP_trans_word) is not None


def tag_order(transitions: dict[State, dict[int, float]]) -> dict[int, int] | None:
    """A rank of the tags that agrees with the order of every state's following tags (HanTa's tie
    order), or None when there is none."""
    import graphlib

    pairs = {pair for follow in transitions.values() for pair in itertools.pairwise(follow)}
    graph: graphlib.TopologicalSorter[int] = graphlib.TopologicalSorter()
    for a, b in pairs:
        graph.add(b, a)
    try:
        return {tag: k for k, tag in enumerate(graph.static_order())}
    except graphlib.CycleError:
        return None


class FastHmm:
    """The Viterbi searches of one HanTa model. ``tag_sent(words)`` equals ``hanta.tag_sent(words)``."""

    def __init__(self, hanta: Any, cache_limit: int = 200_000) -> None:
        self.hanta = hanta
        self.strict: bool = hanta.strict
        self.morphs: dict[str, dict[int, float]] = {}  # morpheme → tag → log p(morpheme | tag)
        for tag, table in hanta.LP_m_t.items():
            for morph, lp in table.items():
                self.morphs.setdefault(morph, {})[tag] = lp
        # every prefix of a morpheme → the morpheme's tags (None for a prefix that is no morpheme):
        # a scan along a word stops as soon as no morpheme can start with what it has read
        self.prefixes: dict[str, dict[int, float] | None] = {}
        for morph in self.morphs:
            for k in range(1, len(morph) + 1):
                self.prefixes.setdefault(morph[:k], self.morphs.get(morph[:k]))
        self.guesses: dict[int, Guess] = {}  # open-class tag → (constant + length term, suffix term)
        for tag in hanta.LP_hapax_t:
            if tag in hanta.LP_s_t:
                base = hanta.Int_t + hanta.LP_hapax_t[tag]
                self.guesses[tag] = ([base + x for x in hanta.LP_len_t[tag][:25]], hanta.LP_s_t[tag])
        self.suffixes: frozenset[str] = frozenset(next(iter(hanta.LP_s_t.values()), {}))
        self.follow: dict[State, list[Follow]] = {state: [(t, lp, (state[1], t)) for t, lp in fs]
                                                  for state, fs in hanta.LP_trans_nonfinal.items()}
        self.rank = tag_order(hanta.LP_trans_word) or {}
        self._reachable_follow: dict[tuple[State, int], list[Follow]] = {}
        # memoised results are tuples of numbers: the garbage collector need not scan what it keeps
        self.forward: Memo[str, tuple[tuple[int, float], ...]] = Memo(lambda word: tuple(self._forward(word)),
                                                                      cache_limit)
        self.word_probs = Memo(self._word_probs, cache_limit)
        self.lemma = Memo(self._lemma, cache_limit)
        self.lemma_suffixes = {pos: (table, max((len(e) for e in table), default=0))
                               for pos, table in hanta.lemmasuffixtable.items()}

    def install(self) -> None:
        """Let HanTa's own word-level methods use the fast searches (for its ``analyze``, ``tag_word``)."""
        self.hanta.analyze_forward = self.forward
        self.hanta.analyze_viterbi = self.analyze_viterbi
        self.hanta.makelemma = self.makelemma

    # ---- sentence level

    def tag_sent(self, words: list[str]) -> list[tuple[str, str, str]]:
        """(word, lemma, HanTa tag) for each word, as ``HanoverTagger.tag_sent(words, taglevel=1)``."""
        if not words:
            return []
        tags = self.tag_sent_viterbi(words)
        int2tag = self.hanta.int2tag
        # HanTa's lemma depends on the lower-cased word only
        return [(w, self.lemma((w.lower(), t)), int2tag[t]) for w, t in zip(words, tags, strict=True)]

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
                for c, lpwc in wprobs or _any_tag(lp_t):
                    lp_tc = lp_t.get(c)
                    if lp_tc is None:
                        continue
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

    def _word_probs(self, key: tuple[str, bool]) -> tuple[tuple[int, float], ...]:
        """HanTa's tag probabilities of one word in a sentence ([] when anything goes), in the order
        of the tags after any state (the order HanTa meets them in)."""
        word, casesensitive = key
        wprobs = dict(self.hanta._tag_word(word, cutoff=5, casesensitive=casesensitive, conditional=True))
        if len(wprobs) == 1 and UNKNOWN in wprobs:
            return ()
        rank = self.rank
        return tuple(sorted(((c, p) for c, p in wprobs.items() if c != END),
                            key=lambda cp: rank.get(cp[0], len(rank))))

    def makelemma(self, stem_morphemes: list[str], pos: str) -> str:
        """HanTa's ``makelemma`` (the stem, capitalised for nouns, plus the lemma suffix its longest
        known ending asks for), with the longest ending of each tag computed once."""
        lemma = "".join(stem_morphemes)
        suffix = ""
        table, longest = self.lemma_suffixes.get(pos.split("(")[0], (None, 0))
        if table:
            if len(lemma) + 1 < longest:
                longest = len(lemma)
            for i in range(longest + 1, 0, -1):
                ending = ("#" + lemma)[-i:]
                if ending in table:
                    suffix = table[ending]
                    break
        if self.hanta.tag2int.get(pos, 0) in self.hanta.capitalizedlemmata:
            lemma = lemma[0].upper() + lemma[1:]
        return lemma + suffix

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
        open-class tag uses (None in a strict pass: nothing is guessed): the longest of 4, 3, 2, 1
        characters that is in the suffix table and shorter than the segment, else ""."""
        if strict or not self.guesses:
            return None
        table = self.suffixes
        out = []
        for j in range(len(word) + 1):
            row = [""] * (min(j, 5) + 1)
            best = ""
            for k in range(1, min(j, 4) + 1):
                end = word[j - k:j]
                if end in table:
                    best = end
                if k + 1 < len(row):
                    row[k + 1] = best
            out.append(row)
        return out


class _Row:
    """The segments word[i:j] that start at one offset i and can be scored: the known morphemes among
    them (per tag: (j, log prob)), and, for the open-class tags to guess, (j, length index, suffix)."""

    __slots__ = ("guesses", "i", "keys", "known", "suffixes", "whole", "word")

    def __init__(self, hmm: FastHmm, word: str, i: int, suffixes: list[list[str]] | None) -> None:
        self.i = i
        self.word = word
        self.suffixes = suffixes
        self.guesses = hmm.guesses if suffixes is not None else {}
        self.whole = len(word) if i == 0 else -1  # the segment that is the whole word
        prefixes = hmm.prefixes
        self.known: dict[int, list[tuple[int, float]]] = {}  # tag → its known morphemes here
        for j in range(i + 1, len(word) + 1):
            m = word[i:j]
            if m not in prefixes:
                break
            found = prefixes[m]
            if found is not None:
                for tag, lp in found.items():
                    self.known.setdefault(tag, []).append((j, lp))
        self.keys: list[tuple[int, int, str]] | None = None

    def guess_keys(self) -> list[tuple[int, int, str]]:
        """(j, length index, suffix) of the segments HanTa guesses a tag for: longer than two
        characters, or any in a word shorter than four."""
        if self.keys is None:
            i, wlen, suffixes = self.i, len(self.word), self.suffixes
            assert suffixes is not None
            first = i + 1 if wlen < 4 else i + 3
            self.keys = [(j, min(j - i, 24), suffixes[j][min(j - i, 5)]) for j in range(first, wlen + 1)]
        return self.keys


def _extend(table: Table, scores: _Row, lp: float, follow: list[Follow],
            backpointer: list[dict[State, tuple[State, int]]] | None, state: State) -> None:
    """From one state at offset i, score every segment i..j with every following tag; keep the best
    log probability of each new state at j (and, with a backpointer table, where it came from).

    HanTa loops over j, then tags; for one j the tags come in the same order here, and each (j, new
    state) is reached once per state, so every table fills and breaks ties exactly as in HanTa. A
    segment scores its known log probability for a tag, else (open classes) the guess."""
    known, guesses, i = scores.known, scores.guesses, scores.i
    for tag1, lpt, newstate in follow:
        found = known.get(tag1)
        guess = guesses.get(tag1)
        if not found and guess is None:
            continue
        base = lp + lpt
        for j, lpm in found or ():
            lp1 = base + lpm
            if lp1 > _LOWER:
                tj = table[j]
                old = tj.get(newstate)
                if old is None or lp1 > old:
                    tj[newstate] = lp1
                    if backpointer is not None:
                        backpointer[j][newstate] = (state, i)
        if guess is None:
            continue
        lengths, suffix_lps = guess
        taken = {j for j, _ in found} if found else ()
        whole = scores.whole
        for j, m, s in scores.guess_keys():
            if j in taken:
                continue
            lpm = lengths[m] + suffix_lps[s]
            if j == whole:
                lpm -= _WHOLE_WORD_PENALTY
            lp1 = base + lpm
            if lp1 > _LOWER:
                tj = table[j]
                old = tj.get(newstate)
                if old is None or lp1 > old:
                    tj[newstate] = lp1
                    if backpointer is not None:
                        backpointer[j][newstate] = (state, i)


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


def _any_tag(lp_t: dict[int, float]) -> list[tuple[int, float]]:
    """An unknown word may have any tag (HanTa adds 0 for its probability)."""
    return [(c, 0) for c in lp_t if c != END]
