"""Quotation attribution scored the way the German Wikinews quotation dataset scores it.

The dataset (Petersen-Frey and Biemann 2024, LREC-COLING) annotates every quote with its type
(Direct, Indirect, FreeIndirect, IndirectFreeIndirect, Reported), medium, and the spans of its
speaker, cue, frame and addressee. Its evaluation works on the source tokens:

1. every span is turned into the sorted, de-duplicated ids of the tokens it covers;
2. in each document, predicted and gold quotes are paired one to one by a maximising assignment
   on the token-overlap F1 of their quotes (+0.01 for the same type, +0.001 for the same medium,
   both only when the quotes overlap); min(#gold, #predicted) pairs are formed;
3. inside a pair, token true/false positives and misses are counted for the quote and for each role;
   an unpaired prediction's tokens are all false positives, an unpaired gold quote's all misses;
4. the headline figures are macro averages over the pairs: per pair precision and recall (skipped
   where undefined, 0/0), averaged, F1 from the averaged P and R. "Messages" is the quote, "Roles"
   pools speaker, cue, frame and addressee, "Joint" pools all five; here also each role alone.
5. type ("Form") and medium ("STWR") are exact label matches per pair, micro-averaged.

Scores by type restrict gold and prediction to the quotes of that type and score them alike.
"""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chronik.errors import InputError

ROLES: tuple[str, ...] = ("quote", "addressee", "cue", "frame", "speaker")
TYPES: tuple[str, ...] = ("Direct", "Indirect", "FreeIndirect", "IndirectFreeIndirect", "Reported")
MEDIA: tuple[str, ...] = ("Speech", "Thought", "Writing", "ST", "SW", "TW", "none")
SPLITS: tuple[str, ...] = ("train", "dev", "test")


@dataclass(slots=True)
class Group:
    """One quote with the token ids of its parts."""

    parts: dict[str, list[int]]
    type: str | None = None
    medium: str | None = None


@dataclass(slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: Sequence[int], pred: Sequence[int]) -> None:
        g, p = set(gold), set(pred)
        self.tp += len(g & p)
        self.fp += len(p - g)
        self.fn += len(g - p)


@dataclass(slots=True)
class PRF:
    p: float
    r: float

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0


@dataclass(slots=True)
class QuoteScores:
    n_gold: int = 0
    n_pred: int = 0
    pairs: list[dict[str, Counts]] = field(default_factory=list)
    form: Counts = field(default_factory=Counts)
    medium: Counts = field(default_factory=Counts)

    def macro(self, roles: Iterable[str]) -> PRF:
        precisions: list[float] = []
        recalls: list[float] = []
        roles = tuple(roles)
        for pair in self.pairs:
            for role in roles:
                c = pair[role]
                if c.tp + c.fp:
                    precisions.append(c.tp / (c.tp + c.fp))
                if c.tp + c.fn:
                    recalls.append(c.tp / (c.tp + c.fn))
        return PRF(sum(precisions) / len(precisions) if precisions else 0.0,
                   sum(recalls) / len(recalls) if recalls else 0.0)

    @property
    def quote(self) -> PRF:
        return self.macro(("quote",))

    @property
    def speaker(self) -> PRF:
        return self.macro(("speaker",))

    @property
    def roles(self) -> PRF:
        return self.macro(ROLES[1:])

    @property
    def joint(self) -> PRF:
        return self.macro(ROLES)

    @staticmethod
    def micro(c: Counts) -> PRF:
        return PRF(c.tp / (c.tp + c.fp) if c.tp + c.fp else 0.0, c.tp / (c.tp + c.fn) if c.tp + c.fn else 0.0)


def overlap_f1(gold: Sequence[int], pred: Sequence[int]) -> float:
    both = len(set(gold) & set(pred))
    if not both:
        return 0.0
    p, r = both / len(set(pred)), both / len(set(gold))
    return 2 * p * r / (p + r)


def _pair(gold: list[Group], pred: list[Group]) -> list[tuple[int, int]]:
    if not gold or not pred:
        return []
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    scores = np.zeros((len(gold), len(pred)))
    for i, g in enumerate(gold):
        for j, s in enumerate(pred):
            o = overlap_f1(g.parts["quote"], s.parts["quote"])
            if o > 0.0:
                o += (0.01 if g.type == s.type else 0.0) + (0.001 if g.medium == s.medium else 0.0)
            scores[i, j] = o
    rows, cols = linear_sum_assignment(scores, maximize=True)
    return [(int(i), int(j)) for i, j in zip(rows, cols, strict=True)]


def _label(c: Counts, gold: str | None, pred: str | None) -> None:
    if gold == pred:
        c.tp += 1
        return
    if pred is not None:
        c.fp += 1
    if gold is not None:
        c.fn += 1


def score(gold: Mapping[str, list[Group]], pred: Mapping[str, list[Group]], qtype: str | None = None) -> QuoteScores:
    """Score predicted quotes against gold, document by document (documents missing from ``pred``
    count as predicting nothing). With ``qtype``, only quotes of that type on either side."""
    result = QuoteScores()
    empty = Group({r: [] for r in ROLES})
    for doc_id in sorted(gold):
        g = [q for q in gold[doc_id] if qtype is None or q.type == qtype]
        s = [q for q in pred.get(doc_id, []) if qtype is None or q.type == qtype]
        result.n_gold += len(g)
        result.n_pred += len(s)
        pairs = _pair(g, s)
        done_g = {i for i, _ in pairs}
        done_s = {j for _, j in pairs}
        matched = [(g[i], s[j]) for i, j in pairs]
        matched += [(empty, s[j]) for j in range(len(s)) if j not in done_s]
        matched += [(g[i], empty) for i in range(len(g)) if i not in done_g]
        for gq, sq in matched:
            counts = {r: Counts() for r in ROLES}
            for r in ROLES:
                counts[r].add(gq.parts.get(r, []), sq.parts.get(r, []))
            result.pairs.append(counts)
            _label(result.form, gq.type, sq.type)
            _label(result.medium, gq.medium, sq.medium)
    return result


# ---- the dataset's files --------------------------------------------------------------------------
@dataclass(slots=True)
class Dataset:
    """The converted Wikinews quotation dataset: articles, gold quotes and source tokens."""

    articles: dict[str, dict[str, Any]]
    quotes: dict[str, list[dict[str, Any]]]
    tokens: dict[str, list[tuple[int, int]]]

    @classmethod
    def load(cls, folder: Path, split: str | None = None) -> Dataset:
        if split is not None and split not in SPLITS:
            raise InputError(f"unknown split {split!r}", hint=f"choose one of {', '.join(SPLITS)}")
        files = {name: folder / f"{name}.jsonl" for name in ("articles", "quotes", "tokens")}
        for name, path in files.items():
            if not path.is_file():
                raise InputError(f"{folder} has no {name}.jsonl",
                                 hint="give the folder of the converted German Wikinews quotation dataset "
                                      "(articles.jsonl, quotes.jsonl, tokens.jsonl)")
        articles = {a["doc_id"]: a for a in _read_jsonl(files["articles"])
                    if split is None or a.get("split") == split}
        quotes = {q["doc_id"]: q["quotes"] for q in _read_jsonl(files["quotes"]) if q["doc_id"] in articles}
        tokens = {t["doc_id"]: [(int(a), int(b)) for a, b in t["tokens"]] for t in _read_jsonl(files["tokens"])
                  if t["doc_id"] in articles}
        return cls(articles, quotes, tokens)

    def gold_groups(self) -> dict[str, list[Group]]:
        out: dict[str, list[Group]] = {}
        for doc_id in self.articles:
            groups = []
            for q in self.quotes.get(doc_id, []):
                parts = {"quote": sorted(set(q["quote"]["token_ids"]))}
                for role in ROLES[1:]:
                    value = q.get(role)
                    if isinstance(value, list):  # addressee: a list of spans
                        parts[role] = sorted({t for v in value for t in v["token_ids"]})
                    else:
                        parts[role] = sorted(set(value["token_ids"])) if value else []
                groups.append(Group(parts, q.get("type"), q.get("medium")))
            out[doc_id] = groups
        return out

    def groups_from_spans(self, predicted: Mapping[str, Iterable[Mapping[str, Any]]]) -> dict[str, list[Group]]:
        """Predicted quotes with character spans (``chronik quotes --format jsonl`` records) as token ids."""
        out: dict[str, list[Group]] = {}
        for doc_id, records in predicted.items():
            toks = self.tokens.get(doc_id)
            if toks is None:
                continue
            out[doc_id] = [Group({r: token_ids(_spans(rec.get(r)), toks) for r in ROLES},
                                 rec.get("type"), rec.get("medium")) for rec in records]
        return out


def _spans(value: Any) -> list[tuple[int, int]]:
    if not value:
        return []
    if isinstance(value, list):
        return [sp for v in value for sp in _spans(v)]
    return [(int(a), int(b)) for a, b in value.get("spans", [])]


def token_ids(spans: Iterable[tuple[int, int]], tokens: Sequence[tuple[int, int]]) -> list[int]:
    """The ids of the tokens a set of character spans overlaps (tokens sorted by offset)."""
    starts = [a for a, _ in tokens]
    ends = [b for _, b in tokens]
    ids: set[int] = set()
    for a, b in spans:
        first = bisect_right(ends, a)
        last = bisect_left(starts, b)
        ids.update(range(first, last))
    return sorted(ids)


def _read_jsonl(path: Path) -> Iterable[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{n}: not JSON ({exc.msg})", hint="one JSON object a line") from exc


def read_predictions(path: Path) -> dict[str, list[dict[str, Any]]]:
    """Quote records as ``chronik quotes --format jsonl`` writes them, grouped by ``doc_id``."""
    out: dict[str, list[dict[str, Any]]] = {}
    for rec in _read_jsonl(path):
        if "doc_id" not in rec or "quote" not in rec:
            raise InputError(f"{path}: a record without doc_id or quote",
                             hint="give the output of `chronik quotes FILE --format jsonl`")
        out.setdefault(rec["doc_id"], []).append(rec)
    return out


@dataclass(slots=True)
class Report:
    overall: QuoteScores
    by_type: dict[str, QuoteScores]

    def rows(self) -> list[tuple[str, QuoteScores]]:
        return [("all", self.overall)] + [(t, s) for t, s in self.by_type.items()]

    def last_line(self) -> str:
        d = self.by_type["Direct"]
        return (f"quote F1={self.overall.quote.f1:.3f} speaker F1={self.overall.speaker.f1:.3f} "
                f"direct quote F1={d.quote.f1:.3f} direct speaker F1={d.speaker.f1:.3f}")


def report(gold: Mapping[str, list[Group]], pred: Mapping[str, list[Group]]) -> Report:
    return Report(score(gold, pred), {t: score(gold, pred, t) for t in TYPES})


def predict(data: Dataset, out: Path | None = None) -> dict[str, list[dict[str, Any]]]:
    """Run chronik's quotation finder over the dataset's articles; optionally write the predictions."""
    from chronik.io.readers import document_from
    from chronik.pipeline import Pipeline, quote_components

    nlp = Pipeline("de", components_=quote_components())
    docs = (document_from(a) for a in data.articles.values())
    predicted: dict[str, list[dict[str, Any]]] = {}
    sink = out.open("w", encoding="utf-8") if out else None
    try:
        for doc in nlp.pipe(docs):
            records = [{"doc_id": doc.doc_id, **q.to_dict()} for q in doc.quotes]
            predicted[doc.doc_id] = records
            if sink is not None:
                for rec in records:
                    sink.write(json.dumps(rec, ensure_ascii=False) + "\n")
    finally:
        if sink is not None:
            sink.close()
    return predicted
