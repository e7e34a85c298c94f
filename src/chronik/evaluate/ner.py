"""Name tagging scored on GermEval 2014 NER files: outer spans, exact match, classes PER, LOC, ORG.

A GermEval file has one token a line (``n<TAB>token<TAB>outer<TAB>nested``), a comment line
(``#<TAB>source…``) before each sentence and a blank line after it. Only the plain classes count:
the deriv and part variants and OTH are treated as O, in gold and in predictions. Precision, recall
and F1 per class and overall (micro-averaged over the three classes).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from chronik.errors import InputError
from chronik.model import Document
from chronik.text.ner import LABELS, document_from_tokens, spans


@dataclass(slots=True)
class TsvSentence:
    lines: list[str]  # the sentence's lines as read (comment and token lines), without line ends
    token_lines: list[int]  # which of them are token lines
    words: list[str]
    gold: list[str]  # outer BIO labels, only PER/LOC/ORG (other classes → O)


def plain_label(tag: str) -> str:
    """B-PER stays; B-LOCderiv, I-ORGpart, B-OTH and anything else become O."""
    if tag[:2] in ("B-", "I-") and tag[2:] in LABELS:
        return tag
    return "O"


def read_germeval(path: Path) -> list[TsvSentence]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {path}: {exc}", hint="give a GermEval 2014 TSV file (UTF-8)") from exc
    return parse_germeval(text.split("\n"), str(path))


def parse_germeval(lines: Iterable[str], where: str = "<input>") -> list[TsvSentence]:
    out: list[TsvSentence] = []
    cur = TsvSentence([], [], [], [])
    for n, raw in enumerate(lines, 1):
        line = raw.rstrip("\r")
        if not line.strip():
            if cur.words:
                out.append(cur)
            cur = TsvSentence([], [], [], [])
            continue
        if line.startswith("#\t") or line == "#":
            cur.lines.append(line)
            continue
        cols = line.split("\t")
        if len(cols) < 3:
            raise InputError(f"{where}:{n}: a token line needs at least 3 tab-separated columns",
                             hint="GermEval format: index, token, outer tag, nested tag")
        cur.token_lines.append(len(cur.lines))
        cur.lines.append(line)
        cur.words.append(cols[1])
        cur.gold.append(plain_label(cols[2]))
    if cur.words:
        out.append(cur)
    return out


@dataclass(slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class Score:
    per_class: dict[str, Counts] = field(default_factory=lambda: {c: Counts() for c in LABELS})

    @property
    def overall(self) -> Counts:
        c = Counts()
        for k in self.per_class.values():
            c.tp += k.tp
            c.fp += k.fp
            c.fn += k.fn
        return c

    def add(self, gold: Sequence[str], pred: Sequence[str]) -> None:
        g = {s for s in spans([plain_label(x) for x in gold])}
        p = {s for s in spans([plain_label(x) for x in pred])}
        for s in g & p:
            self.per_class[s[2]].tp += 1
        for s in p - g:
            self.per_class[s[2]].fp += 1
        for s in g - p:
            self.per_class[s[2]].fn += 1

    def rows(self) -> list[tuple[str, int, int, int, float, float, float]]:
        out = []
        for name, c in [*self.per_class.items(), ("all", self.overall)]:
            out.append((name, c.tp + c.fn, c.tp + c.fp, c.tp, c.precision, c.recall, c.f1))
        return out


def score(gold: Iterable[Sequence[str]], pred: Iterable[Sequence[str]]) -> Score:
    s = Score()
    for g, p in zip(gold, pred, strict=True):
        s.add(g, p)
    return s


def name_pipeline(lang: str = "de") -> Callable[[Document], Document]:
    """The tagger and the name tagger of one :class:`~chronik.pipeline.Resources`, for given tokens."""
    from chronik.pipeline import Resources, components

    res = Resources(lang)
    steps = [components.get(name)(res, {}) for name in ("tagger", "names")]

    def run(doc: Document) -> Document:
        for step in steps:
            doc = step(doc)
        return doc

    return run


def predict(sentences: Sequence[TsvSentence], pipeline: Callable[[Document], Document],
            batch: int = 200) -> list[list[str]]:
    """Outer BIO labels for each sentence from chronik's tagger and name components."""
    out: list[list[str]] = []
    for b in range(0, len(sentences), batch):
        chunk = sentences[b:b + batch]
        doc = document_from_tokens([s.words for s in chunk], doc_id=f"germeval-{b}")
        doc = pipeline(doc)
        labels = ["O"] * len(doc.tokens)
        for name in doc.names:
            labels[name.tok_start] = "B-" + name.label
            for i in range(name.tok_start + 1, name.tok_end):
                labels[i] = "I-" + name.label
        for sent in doc.sentences:
            out.append(labels[sent.tok_start:sent.tok_end])
    return out


def write_predictions(sentences: Sequence[TsvSentence], pred: Sequence[Sequence[str]], out: TextIO) -> None:
    """The input's lines with column 3 replaced by the predicted outer tag and column 4 set to O."""
    for sent, labels in zip(sentences, pred, strict=True):
        tok = 0
        for k, line in enumerate(sent.lines):
            if tok < len(sent.token_lines) and sent.token_lines[tok] == k:
                cols = line.split("\t")
                out.write(f"{cols[0]}\t{cols[1]}\t{labels[tok]}\tO\n")
                tok += 1
            else:
                out.write(line + "\n")
        out.write("\n")


def evaluate_file(path: Path, pipeline: Callable[[Document], Document],
                  out: TextIO | None = None) -> Score:
    sentences = read_germeval(path)
    pred = predict(sentences, pipeline)
    if out is not None:
        write_predictions(sentences, pred, out)
    return score([s.gold for s in sentences], pred)
