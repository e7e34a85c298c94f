#!/usr/bin/env python3
"""Benchmark the HanTa German tagger/lemmatiser on the UD German treebanks.

This is a benchmark, not a test: it prints a table and asserts nothing. It
measures what chronik's text layer depends on, namely how accurate and how fast
``HanoverTagger('morphmodel_ger.pgz').tag_sent(tokens, taglevel=1)`` is.

Usage::

    python benchmarks/tagger_ud.py [--limit N] [--cache [{forward,analyze,both}]]
                                   [--repeat R] [--errors K] [FILES...]

Without FILES it reads the three files in ``<repo>/../shared/data/ud_german``
(GSD dev, GSD test, PUD test). See the README there for where they come from
and what their licences allow: they are for evaluation only and must stay out
of the product.

What is measured
----------------
* Input is the gold tokenisation at the *surface* level, the way a real
  pipeline sees text. A UD multiword token such as ``zum`` (split in the
  treebank into ``zu`` + ``dem``) is given to HanTa as one token. Its gold
  analysis is STTS ``APPRART``, UPOS ``ADP+DET`` and the lemma of the first
  part (``zu``); HanTa's ``APPRART`` maps to ``ADP+DET``. In all three files
  every multiword token is a preposition fused with an article, so nothing is
  lost. Token counts are therefore surface tokens and match the "tokens"
  column of the data README (12,316 / 16,225 / 21,001).
* STTS accuracy compares HanTa's tag, mapped back to plain STTS
  (``VV(FIN)`` -> ``VVFIN``, ``ADJ(A)`` -> ``ADJA``, ``NNA``/``NNI`` -> ``NN``
  and so on), with the XPOS column. GSD writes the pronominal adverb as ``PAV``
  (old STTS), HanTa as ``PROAV``; both become ``PROAV``. PUD's XPOS column is
  not STTS (it holds Penn-style tags), so the script detects that (fewer than
  95% of the gold XPOS values are STTS tags) and prints ``n/a``.
* UPOS accuracy maps HanTa's STTS tag to UPOS with ``STTS_TO_UPOS`` below.
  The mapping is a fixed, context-free table, so it cannot get the cases where
  UD decides from context: ``haben``/``sein``/``werden`` are AUX as
  auxiliaries or copulas but VERB as main verbs (GSD has 150 VAFIN/VERB
  tokens), GSD also tags some NN tokens PROPN, and it splits KOKOM between
  ADP, CCONJ and SCONJ. Those cases set a ceiling on this number that is
  below STTS accuracy.
* Lemma accuracy is case-insensitive (HanTa writes ``Gehen`` where a treebank
  may write ``gehen``). GSD lemmas are automatic and follow their own
  conventions, so some "errors" are convention differences rather than
  mistakes; ``--errors K`` prints the most frequent disagreements.
  ``lemma VERB`` is lemma accuracy on tokens whose gold UPOS is VERB. It is
  the figure that matters most for chronik, which matches event verbs by
  lemma. PUD lemmas are manual.
* Speed is wall time (``time.perf_counter``) over all ``tag_sent`` calls of a
  file, taggers already loaded. Load time is reported separately.

The ``--cache`` option: how it works
------------------------------------
For every sentence, ``HanoverTagger.tag_sent`` does two kinds of work for
each word:

1. ``tag_sent_viterbi`` calls ``_tag_word(word)``, which normalises the word
   (lower case, quote variants to ``"``) and looks it up in the model's own
   precomputed ``self.cache`` of about 23,000 frequent word forms. On a miss it
   runs ``analyze_forward(word)``, a Viterbi pass over the word's characters
   that gives the candidate POS distribution. That result is not stored, so
   an unknown word is analysed again each time it occurs.
2. After the sentence-level Viterbi has chosen the tags, ``tag_sent`` calls
   ``_analyze(word, tag, taglevel=1)`` for every token. ``_analyze`` lowercases
   the word and runs ``analyze_viterbi(word, -tag)``, a second character-level
   Viterbi that segments the word into morphemes, and builds the lemma from
   them with ``makelemma``. This step has no cache at all. Only tags that
   HanTa treats as atomic skip the Viterbi (on GSD dev, 8,851 of 12,316
   tokens run it). So frequent words such as ``sagte`` are segmented again
   each time they occur.

``CachedTagger`` memoises both per-word functions on the tagger *instance*
with ``functools.cache`` (that is, ``lru_cache(maxsize=None)``). Instance attributes shadow the
methods, so HanTa's own ``self.analyze_forward(...)`` and
``self._analyze(...)`` calls go through the memo and HanTa's source is left
alone:

* ``analyze_forward`` is keyed by the normalised word it receives. It is
  called only when the model's own cache misses, so the cutoff logic in
  ``_tag_word`` runs exactly as before.
* ``_analyze`` is keyed by ``(word.lower(), pos, taglevel)``. The function
  lowercases its input in its first statement and otherwise depends only on
  ``pos``, ``taglevel`` and the fixed model. So the key loses nothing, and
  ``Der``/``der`` share an entry.

Both functions are pure given the loaded model, and neither caller changes
the returned value. ``analyze_forward`` returns a list of ``(tag, logprob)``
tuples, from which ``_tag_word`` builds a new list. At ``taglevel=1``
``_analyze`` returns a ``(lemma, tag)`` tuple of strings. At ``taglevel=3``
its tuple contains a list, which would be shared between calls, but
``tag_sent`` only unpacks it.
The wrapper still returns a shallow copy of ``analyze_forward``'s list, so
that a later HanTa version that sorts it in place cannot corrupt the memo.
Each file starts with an empty memo (a cold cache), so the speed-up reported
comes only from words that repeat within that file. A long-running process
would do better than this, and should bound the memo (for example
``maxsize=200_000``) so that memory stays limited.

Both runs are compared on every file, token by token (word, lemma, tag). The
"same" column shows whether all triples were identical.

Findings (HanTa 1.2.1, Python 3.11, one core, full files, ``--cache --repeat 3``)
-----------------------------------------------------------------------------------
* Outputs with and without the cache were identical, triple for triple, on
  all three files (12,316 + 16,225 + 21,001 tokens), for both the cold and the
  warm run.
* Accuracy: STTS 95.3% (GSD dev) and 96.3% (GSD test). UPOS 93.9 / 94.5 /
  91.4% (GSD dev / GSD test / PUD). On GSD the mapping's own limit ("UPOS
  ceil", the table applied to gold STTS) is 95.0 / 95.2%, so about 1 point
  of the UPOS loss comes from the mapping and not from HanTa. Lemma accuracy
  is 97.2 / 97.8 / 96.6%, and on gold-VERB tokens 98.1 / 98.1 / 97.8%. Most
  STTS errors are NN<->NE (GSD's automatic XPOS is NN on 394 tokens
  whose manual UPOS is PROPN), ADV<->ADJD and VVFIN->VVINF. Most lemma
  "errors" are conventions. UD lemmatises personal pronouns to the nominative
  (``mir``/``mich`` -> ``ich``, ``ihm`` -> ``er``), HanTa keeps the form or
  gives ``sich`` for a reflexive. UD writes ``anderer``/``dieser``/``weiterer``
  where HanTa writes ``ander``/``dies``/``weit``, and PUD expands
  abbreviations (``v.`` -> ``von``).
* Speed, uncached: 4,738 / 4,880 / 4,106 tokens/s and 307 / 294 / 196
  sentences/s (PUD's sentences are longer). The model loads in about
  0.2-0.4 s. On this shared machine timings vary by about +-20% between
  runs, even with the fastest of 3.
* Where the time goes (cProfile, GSD dev, uncached): ``analyze_viterbi``
  (lemmatisation, about 47%) and ``analyze_forward`` (about 37%, but from only
  1,144 calls, the 9% of tokens that miss the model cache: unknown, mostly
  long and rare words at about 2.5 ms each). The rest is the sentence
  Viterbi.
* Cold cache (memo emptied per file): 1.17x / 1.12x / 1.19x faster (5,558 /
  5,463 / 4,896 tokens/s). Earlier runs gave 1.1x-1.3x. ``_analyze`` hits
  about 67% of calls, but ``analyze_forward`` hits only 8-19%, because the
  words that reach it are mostly hapaxes. The analysis of rare words, which costs the most, cannot
  be saved within a single file.
* Warm cache (the same file again, memo filled): 9.6x / 9.5x / 8.6x faster
  (45,429 / 46,130 / 35,474 tokens/s). All that remains is the sentence
  Viterbi. That is the steady state of a long-running process or a large
  batch, where word forms repeat across documents; memo sizes were about 1-2.6k ``analyze_forward``
  and 4-7k ``_analyze`` entries per file.
* Each memo alone helps little: warm, ``--cache forward`` gives 1.1-1.7x
  and ``--cache analyze`` 1.4-1.9x. The two costs are about the same size,
  so only memoising both leaves the sentence Viterbi as the whole cost.
"""

from __future__ import annotations

import argparse
import collections
import functools
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Tagged = tuple[str, str, str]  # (word, lemma, HanTa tag) as returned by tag_sent(taglevel=1)
TagSent = Callable[..., list[Tagged]]

DEFAULT_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ud_german"
DEFAULT_FILES = ("de_gsd-ud-dev.conllu", "de_gsd-ud-test.conllu", "de_pud-ud-test.conllu")

# --------------------------------------------------------------------------- tag maps

# fmt: off
#: The plain STTS tag set (TIGER variant, with both PAV and PROAV).
STTS_TAGS = frozenset(
    {
        "$(", "$,", "$.", "ADJA", "ADJD", "ADV", "APPO", "APPR", "APPRART", "APZR", "ART", "CARD",
        "FM", "ITJ", "KOKOM", "KON", "KOUI", "KOUS", "NE", "NN", "PAV", "PROAV", "PDAT", "PDS",
        "PIAT", "PIDAT", "PIS", "PPER", "PPOSAT", "PPOSS", "PRELAT", "PRELS", "PRF", "PTKA",
        "PTKANT", "PTKNEG", "PTKVZ", "PTKZU", "PWAT", "PWAV", "PWS", "TRUNC", "VAFIN", "VAIMP",
        "VAINF", "VAPP", "VMFIN", "VMINF", "VMPP", "VVFIN", "VVIMP", "VVINF", "VVIZU", "VVPP", "XY",
    }
)

#: HanTa output tags that are not plain STTS, and their STTS equivalents.
#: The ``X(Y)`` pattern (``VV(FIN)``, ``ADJ(A)``) is handled generically.
HANTA_SPECIAL = {
    "NNA": "NN",  # nominalised adjective ("der Grüne")
    "NNI": "NN",  # nominalised infinitive ("das Treffen")
    "PAV": "PROAV",
    "UNKNOWN": "XY",
}

#: Gold-side normalisation (GSD writes old-STTS PAV).
GOLD_XPOS_NORMALISE = {"PAV": "PROAV"}

#: Context-free STTS -> UPOS mapping (UD German conventions where they are fixed).
STTS_TO_UPOS = {
    "$(": "PUNCT", "$,": "PUNCT", "$.": "PUNCT",
    "ADJA": "ADJ", "ADJD": "ADJ",
    "ADV": "ADV", "PROAV": "ADV", "PAV": "ADV", "PWAV": "ADV", "PTKA": "ADV",
    "APPR": "ADP", "APPO": "ADP", "APZR": "ADP",
    "APPRART": "ADP+DET",  # fused preposition + article, a UD multiword token
    "ART": "DET", "PDAT": "DET", "PIAT": "DET", "PIDAT": "DET", "PPOSAT": "DET",
    "PWAT": "DET", "PRELAT": "DET",
    "CARD": "NUM",
    "FM": "X", "XY": "X",
    "ITJ": "INTJ",
    "KON": "CCONJ", "KOKOM": "CCONJ",
    "KOUI": "SCONJ", "KOUS": "SCONJ",
    "NE": "PROPN",
    "NN": "NOUN", "TRUNC": "NOUN",  # "Ein- und Ausfuhr": GSD tags TRUNC as NOUN
    "PDS": "PRON", "PIS": "PRON", "PPER": "PRON", "PPOSS": "PRON", "PRELS": "PRON",
    "PRF": "PRON", "PWS": "PRON",
    "PTKANT": "PART", "PTKNEG": "PART", "PTKZU": "PART",
    "PTKVZ": "ADP",  # separable verb particle; UD German mostly uses ADP ("an" in "kündigte ... an")
    "VAFIN": "AUX", "VAIMP": "AUX", "VAINF": "AUX", "VAPP": "AUX",
    "VMFIN": "AUX", "VMINF": "AUX", "VMPP": "AUX",
    "VVFIN": "VERB", "VVIMP": "VERB", "VVINF": "VERB", "VVIZU": "VERB", "VVPP": "VERB",
}
# fmt: on


def hanta_to_stts(tag: str) -> str:
    """Map a HanTa tag to plain STTS: ``VV(FIN)``->``VVFIN``, ``ADJ(A)``->``ADJA``, ``$(`` stays."""
    if tag in HANTA_SPECIAL:
        return HANTA_SPECIAL[tag]
    if tag.startswith("$"):
        return tag
    if tag.endswith(")") and "(" in tag:
        head, _, tail = tag[:-1].partition("(")
        return head + tail
    return tag


def stts_to_upos(tag: str) -> str:
    return STTS_TO_UPOS.get(tag, "X")


# --------------------------------------------------------------------------- CoNLL-U


@dataclass
class GoldToken:
    form: str
    lemma: str
    upos: str
    xpos: str
    mwt: bool = False


@dataclass
class Sentence:
    sent_id: str
    tokens: list[GoldToken] = field(default_factory=list)


def read_conllu(path: Path, limit: int | None = None) -> list[Sentence]:
    """Read surface tokens with gold annotation; multiword tokens are merged (see module doc)."""
    sentences: list[Sentence] = []
    cur = Sentence("")
    pending: list[str] | None = None  # the multiword-token line being collected
    parts: list[list[str]] = []
    span_end = 0

    def flush_mwt() -> None:
        nonlocal pending, parts
        assert pending is not None
        uposes = tuple(p[3] for p in parts)
        if uposes == ("ADP", "DET"):
            xpos, upos, lemma = "APPRART", "ADP+DET", parts[0][2]
        else:  # not seen in these treebanks, kept generic
            xpos = "+".join(p[4] for p in parts)
            upos = "+".join(uposes)
            lemma = "+".join(p[2] for p in parts)
        cur.tokens.append(GoldToken(pending[1], lemma, upos, xpos, mwt=True))
        pending, parts = None, []

    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line:
                if cur.tokens:
                    sentences.append(cur)
                    if limit is not None and len(sentences) >= limit:
                        return sentences
                cur = Sentence("")
                continue
            if line.startswith("#"):
                if line.startswith("# sent_id"):
                    cur.sent_id = line.split("=", 1)[1].strip()
                continue
            cols = line.split("\t")
            tid = cols[0]
            if "." in tid:  # empty node (none in these files)
                continue
            if "-" in tid:
                _start, end = (int(x) for x in tid.split("-"))
                pending, parts, span_end = cols, [], end
                continue
            if pending is not None:
                parts.append(cols)
                if int(tid) == span_end:
                    flush_mwt()
                continue
            xpos = GOLD_XPOS_NORMALISE.get(cols[4], cols[4])
            cur.tokens.append(GoldToken(cols[1], cols[2], cols[3], xpos))
    if cur.tokens:
        sentences.append(cur)
    return sentences


# --------------------------------------------------------------------------- tagger


def load_tagger() -> Any:  # HanTa.HanoverTagger.HanoverTagger (untyped package)
    from HanTa import HanoverTagger as ht

    return ht.HanoverTagger("morphmodel_ger.pgz")


class CachedTagger:
    """Memoise HanTa's per-word analyses on a tagger instance (see module docstring).

    ``which`` is ``"forward"`` (``analyze_forward``: POS candidates of words
    missing from the model cache), ``"analyze"`` (``_analyze``: morpheme
    Viterbi + lemma for the chosen tag) or ``"both"``.
    """

    def __init__(self, tagger: Any, which: str = "both") -> None:
        self.tagger = tagger
        self.which = which
        self._orig_forward = tagger.analyze_forward  # bound methods
        self._orig_analyze = tagger._analyze
        self.forward_memo: Any = None  # functools cache wrappers once installed
        self.analyze_memo: Any = None
        self.install()

    def install(self) -> None:
        t = self.tagger
        if self.which in ("forward", "both"):
            memo = functools.cache(self._orig_forward)

            def analyze_forward(word: str) -> list[tuple[int, float]]:
                return list(memo(word))  # shallow copy: callers must not alter the memo

            self.forward_memo = memo
            t.analyze_forward = analyze_forward
        if self.which in ("analyze", "both"):
            orig = self._orig_analyze

            @functools.cache
            def memo_a(lword: str, pos: int, taglevel: int) -> Any:
                return orig(lword, pos, taglevel)

            def _analyze(word: str, pos: int, taglevel: int = 1) -> Any:
                return memo_a(word.lower(), pos, taglevel)

            self.analyze_memo = memo_a
            t._analyze = _analyze

    def clear(self) -> None:
        for memo in (self.forward_memo, self.analyze_memo):
            if memo is not None:
                memo.cache_clear()

    def uninstall(self) -> None:
        for name in ("analyze_forward", "_analyze"):
            self.tagger.__dict__.pop(name, None)

    def stats(self) -> str:
        out: list[str] = []
        for name, memo in (("forward", self.forward_memo), ("analyze", self.analyze_memo)):
            if memo is not None:
                ci = memo.cache_info()
                calls = ci.hits + ci.misses
                rate = ci.hits / calls if calls else 0.0
                out.append(f"{name}: {ci.currsize} entries, hit rate {rate:.1%} of {calls} calls")
        return "; ".join(out)

    def tag_sent(self, tokens: Sequence[str], taglevel: int = 1) -> list[Tagged]:
        out: list[Tagged] = self.tagger.tag_sent(list(tokens), taglevel=taglevel)
        return out


def run_tagger(
    tag_sent: TagSent,
    sentences: Sequence[Sentence],
    repeat: int = 1,
    before: Callable[[], None] | None = None,
) -> tuple[list[list[Tagged]], float]:
    """Tag all sentences ``repeat`` times; return the last output and the fastest wall time.

    ``before`` (if given) is called before each timed pass, outside the timing
    (used to empty the memo for cold-cache runs).
    """
    best = float("inf")
    out: list[list[Tagged]] = []
    for _ in range(max(1, repeat)):
        if before is not None:
            before()
        token_lists = [[t.form for t in s.tokens] for s in sentences]
        t0 = time.perf_counter()
        out = [tag_sent(toks, taglevel=1) for toks in token_lists]
        best = min(best, time.perf_counter() - t0)
    return out, best


# --------------------------------------------------------------------------- scoring


@dataclass
class Scores:
    tokens: int = 0
    sentences: int = 0
    mwt: int = 0
    xpos_ok: int = 0
    upos_ok: int = 0
    upos_ceiling_ok: int = 0
    lemma_ok: int = 0
    verb_tokens: int = 0
    verb_lemma_ok: int = 0
    stts_gold: bool = True
    xpos_conf: collections.Counter[tuple[str, str]] = field(default_factory=collections.Counter)
    lemma_conf: collections.Counter[tuple[str, str, str]] = field(default_factory=collections.Counter)


def score(sentences: Sequence[Sentence], predicted: Sequence[Sequence[Tagged]]) -> Scores:
    sc = Scores(sentences=len(sentences))
    golds = [t.xpos for s in sentences for t in s.tokens]
    sc.stts_gold = bool(golds) and sum(x in STTS_TAGS for x in golds) / len(golds) >= 0.95
    for sent, pred in zip(sentences, predicted, strict=True):
        for gold, (_word, lemma, tag) in zip(sent.tokens, pred, strict=True):
            stts = hanta_to_stts(tag)
            sc.tokens += 1
            sc.mwt += gold.mwt
            if stts == gold.xpos:
                sc.xpos_ok += 1
            elif sc.stts_gold:
                sc.xpos_conf[(gold.xpos, stts)] += 1
            sc.upos_ok += stts_to_upos(stts) == gold.upos
            sc.upos_ceiling_ok += stts_to_upos(gold.xpos) == gold.upos
            lemma_ok = lemma.casefold() == gold.lemma.casefold()
            sc.lemma_ok += lemma_ok
            if not lemma_ok:
                sc.lemma_conf[(gold.form, gold.lemma, lemma)] += 1
            if gold.upos == "VERB":
                sc.verb_tokens += 1
                sc.verb_lemma_ok += lemma_ok
    return sc


def pct(n: int, d: int) -> str:
    return f"{100.0 * n / d:5.1f}%" if d else "  n/a"


# --------------------------------------------------------------------------- main


def main(argv: Iterable[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="*", type=Path, help=f"CoNLL-U files (default: {DEFAULT_DIR}/...)")
    ap.add_argument("--limit", type=int, default=None, help="only the first N sentences of each file")
    ap.add_argument(
        "--cache",
        nargs="?",
        const="both",
        choices=("forward", "analyze", "both"),
        default=None,
        help="also run with memoised per-word analysis (default when given: both) and compare",
    )
    ap.add_argument(
        "--repeat", type=int, default=1, metavar="R", help="time R passes per run, report the fastest"
    )
    ap.add_argument("--errors", type=int, default=0, metavar="K", help="print the K most frequent errors")
    args = ap.parse_args(list(argv) if argv is not None else None)

    files = args.files or [DEFAULT_DIR / f for f in DEFAULT_FILES]
    missing = [f for f in files if not f.is_file()]
    if missing:
        print("missing: " + ", ".join(map(str, missing)), file=sys.stderr)
        return 2

    t0 = time.perf_counter()
    tagger = load_tagger()
    load_s = time.perf_counter() - t0
    try:
        from importlib.metadata import version

        hv = version("HanTa")
    except Exception:  # pragma: no cover
        hv = "?"
    print(f"HanTa {hv}, model morphmodel_ger.pgz loaded in {load_s:.2f} s; Python {sys.version.split()[0]}")
    if args.repeat > 1:
        print(f"--repeat {args.repeat}: times are the fastest of {args.repeat} passes")
    if args.limit:
        print(f"--limit {args.limit}: first {args.limit} sentences per file")

    cached = None
    if args.cache:
        t0 = time.perf_counter()
        cached_tagger = load_tagger()  # separate instance, so the plain run stays untouched
        cload_s = time.perf_counter() - t0
        cached = CachedTagger(cached_tagger, args.cache)
        print(f"cached tagger ({args.cache}) loaded in {cload_s:.2f} s")

    acc_rows, speed_rows, notes = [], [], []
    for path in files:
        sentences = read_conllu(path, args.limit)
        pred, secs = run_tagger(tagger.tag_sent, sentences, args.repeat)
        sc = score(sentences, pred)
        name = path.name.removesuffix(".conllu")
        acc_rows.append(
            (
                name,
                f"{sc.tokens:,}",
                f"{sc.sentences:,}",
                f"{sc.mwt}",
                pct(sc.xpos_ok, sc.tokens) if sc.stts_gold else "  n/a",
                pct(sc.upos_ok, sc.tokens),
                pct(sc.upos_ceiling_ok, sc.tokens) if sc.stts_gold else "  n/a",
                pct(sc.lemma_ok, sc.tokens),
                pct(sc.verb_lemma_ok, sc.verb_tokens),
            )
        )
        row = [name, f"{secs:6.1f}", f"{sc.tokens / secs:6.0f}", f"{sc.sentences / secs:5.1f}"]
        if cached is not None:
            cpred, csecs = run_tagger(cached.tag_sent, sentences, args.repeat, before=cached.clear)
            same = cpred == pred
            ndiff = sum(
                a != b for ps, cs in zip(pred, cpred, strict=True) for a, b in zip(ps, cs, strict=True)
            )
            notes.append(f"{name}: {cached.stats()}")
            wpred, wsecs = run_tagger(cached.tag_sent, sentences, args.repeat)  # memo kept: warm cache
            same = same and wpred == pred
            row += [
                f"{csecs:6.1f}",
                f"{sc.tokens / csecs:6.0f}",
                f"{sc.sentences / csecs:5.1f}",
                f"{secs / csecs:4.2f}x",
                f"{sc.tokens / wsecs:6.0f}",
                f"{secs / wsecs:4.2f}x",
                "yes" if same else f"NO ({ndiff} tokens differ)",
            ]
        speed_rows.append(row)

        if args.errors:
            print(f"\n[{name}] most frequent errors")
            if sc.stts_gold:
                top = sc.xpos_conf.most_common(args.errors)
                print("  STTS gold->HanTa: " + ", ".join(f"{g}->{p} {n}" for (g, p), n in top))
            print(
                "  lemma form:gold->HanTa: "
                + ", ".join(f"{f}:{g}->{p} {n}" for (f, g, p), n in sc.lemma_conf.most_common(args.errors))
            )

    print()
    acc_head = ("file", "tokens", "sents", "MWT", "STTS", "UPOS", "UPOS ceil", "lemma", "lemma VERB")
    print_table(acc_head, acc_rows)
    print()
    head = ["file", "sec", "tok/s", "sent/s"]
    if cached is not None:
        head += ["sec cache", "tok/s cache", "sent/s cache", "speed-up", "tok/s warm", "warm x", "same"]
    print_table(head, speed_rows)
    for n in notes:
        print("  memo " + n)
    print("STTS: XPOS accuracy after HanTa->STTS mapping (PAV=PROAV; n/a when gold XPOS is not STTS).")
    print("UPOS ceil: UPOS accuracy of the STTS->UPOS table applied to the *gold* STTS tags (mapping limit).")
    if cached is not None:
        print("cache: memo emptied per file (cold); 'warm' reruns the file with the memo filled.")
    print("lemma: case-insensitive; GSD lemmas are automatic with their own conventions (see --errors).")
    return 0


def print_table(head: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows, strict=True)]

    def fmt(r: Sequence[str]) -> str:
        cells = zip(r, widths, strict=True)
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(cells))

    print(fmt(head))
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print(fmt(r))


if __name__ == "__main__":
    sys.exit(main())
