"""Event scoring against gold documents in the gold format of the evaluation data.

A prediction matches a gold event when its CAMEO root is among the gold roots and its source and
target codes start with one of the accepted prefixes (either direction for symmetric events; an
empty gold target accepts any target). Predictions and gold events are paired one to one, required
gold events first, as many pairs as possible. precision = matched predictions / predictions;
recall = matched required gold events / required gold events.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any


def _code(actor: Any) -> str | None:
    if not isinstance(actor, dict):
        return None
    return (actor.get("code") or actor.get("country") or "").upper() or None


def _accepts(accepted: Sequence[str] | None, code: str | None) -> bool:
    if not accepted:
        return True
    if code is None:
        return False
    return any(code.startswith(a.upper()) for a in accepted)


def matches(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> bool:
    if str(pred.get("cameo") or "")[:2] not in gold.get("cameo_root", []):
        return False
    src, tgt = _code(pred.get("source")), _code(pred.get("target"))
    gsrc, gtgt = gold.get("source") or [], gold.get("target") or []
    if src is not None and _accepts(gsrc, src) and _accepts(gtgt, tgt):
        return True
    if gold.get("symmetric") and gtgt and tgt is not None:
        return _accepts(gtgt, src) and _accepts(gsrc, tgt)
    return False


def agreement(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> int:
    """How well a matching prediction agrees beyond the match: place, date, trigger in the evidence."""
    score = 0
    if gold.get("location") and _place_ok(gold["location"], pred.get("location")):
        score += 1
    if gold.get("event_date") and pred.get("date") == gold["event_date"]:
        score += 1
    trigger = str((pred.get("trigger") or {}).get("text") or "").casefold()
    if len(trigger) >= 3 and trigger in str(gold.get("evidence") or "").casefold():
        score += 1
    return score


def max_matching(golds: Sequence[Mapping[str, Any]], preds: Sequence[Mapping[str, Any]],
                 taken: set[int]) -> dict[int, int]:
    """One-to-one pairing gold → prediction, skipping taken predictions: as many pairs as possible,
    and among those the pairs that agree best on place, date and trigger (as score_events.py)."""
    free = [p for p in range(len(preds)) if p not in taken]
    if not golds or not free:
        return {}
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    big = 1000
    weight = np.zeros((len(golds), len(free)))
    for g, gold in enumerate(golds):
        for j, p in enumerate(free):
            if matches(gold, preds[p]):
                weight[g, j] = big + agreement(gold, preds[p])
    rows, cols = linear_sum_assignment(weight, maximize=True)
    return {int(g): free[int(j)] for g, j in zip(rows, cols, strict=True) if weight[g, j] > 0}


@dataclass
class EventScore:
    predictions: int = 0
    matched_predictions: int = 0
    required: int = 0
    matched_required: int = 0
    location: list[int] = field(default_factory=lambda: [0, 0])
    date: list[int] = field(default_factory=lambda: [0, 0])
    per_root: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    confusion: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))
    misses: list[tuple[str, Mapping[str, Any]]] = field(default_factory=list)
    extras: list[tuple[str, Mapping[str, Any]]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched_predictions / self.predictions if self.predictions else 0.0

    @property
    def recall(self) -> float:
        return self.matched_required / self.required if self.required else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def summary(self) -> str:
        loc = str(round(self.location[0] / self.location[1], 4)) if self.location[1] else "None"
        day = str(round(self.date[0] / self.date[1], 4)) if self.date[1] else "None"
        return (f"location accuracy {loc} (n={self.location[1]}), date accuracy {day} (n={self.date[1]})\n"
                f"F1={self.f1:.3f} P={self.precision:.3f} R={self.recall:.3f} "
                f"(predictions={self.predictions}, required gold={self.required})")


def _place_ok(gold_loc: str, pred_loc: Any) -> bool:
    if not isinstance(pred_loc, dict):
        return False
    want = gold_loc.casefold()
    for key in ("name", "text"):
        have = (pred_loc.get(key) or "").casefold()
        if have and (have == want or want in have or have in want):
            return True
    return False


def score_documents(gold_docs: Iterable[Mapping[str, Any]],
                    preds_by_doc: Mapping[str, Sequence[Mapping[str, Any]]]) -> EventScore:
    s = EventScore()
    for doc in gold_docs:
        doc_id = str(doc["doc_id"])
        preds = list(preds_by_doc.get(doc_id, []))
        required = [g for g in doc.get("events", []) if g.get("required", True)]
        optional = [g for g in doc.get("events", []) if not g.get("required", True)]
        req = max_matching(required, preds, set())
        opt = max_matching(optional, preds, set(req.values()))
        s.predictions += len(preds)
        s.required += len(required)
        s.matched_required += len(req)
        s.matched_predictions += len(req) + len(opt)
        for i, g in enumerate(required):
            root = g["cameo_root"][0]
            s.per_root[root][1] += 1
            if i in req:
                s.per_root[root][0] += 1
            else:
                s.misses.append((doc_id, g))
        used = set(req.values()) | set(opt.values())
        s.extras += [(doc_id, p) for j, p in enumerate(preds) if j not in used]
        for golds, pairing in ((required, req), (optional, opt)):
            for gi, pi in pairing.items():
                g, p = golds[gi], preds[pi]
                s.confusion[(g["cameo_root"][0], str(p.get("cameo"))[:2])] += 1
                if g.get("location"):
                    s.location[1] += 1
                    s.location[0] += _place_ok(g["location"], p.get("location"))
                if g.get("event_date"):
                    s.date[1] += 1
                    s.date[0] += p.get("date") == g["event_date"]
    return s


def root_confusion(gold_docs: Iterable[Mapping[str, Any]],
                   preds_by_doc: Mapping[str, Sequence[Mapping[str, Any]]]) -> dict[tuple[str, str], int]:
    """Gold root × predicted root: for each required gold event, the root of the prediction that
    matches it, else of a prediction in the same document with the right actors but another root
    ("-" when there is none)."""
    table: dict[tuple[str, str], int] = defaultdict(int)
    for doc in gold_docs:
        preds = list(preds_by_doc.get(str(doc["doc_id"]), []))
        required = [g for g in doc.get("events", []) if g.get("required", True)]
        pairing = max_matching(required, preds, set())
        for i, g in enumerate(required):
            root = g["cameo_root"][0]
            if i in pairing:
                table[(root, root)] += 1
                continue
            other = next((str(p.get("cameo"))[:2] for p in preds
                          if matches({**g, "cameo_root": [str(p.get("cameo"))[:2]]}, p)), "-")
            table[(root, other)] += 1
    return table


def read_gold(path: Any) -> list[dict[str, Any]]:
    """A gold file in the format of spec/gold-format.md: one document a line."""
    import json
    from pathlib import Path

    from chronik.errors import InputError

    docs = []
    with Path(path).open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{n}: not JSON ({exc.msg})", hint="one gold document a line") from exc
            if "text" not in obj or "events" not in obj:
                raise InputError(f"{path}:{n}: a gold document needs text and events",
                                 hint="see the gold format (doc_id, date, text, events)")
            docs.append(obj)
    return docs
