"""Date expressions of German news resolved from the article's date.

"am Donnerstag Abend", "am Freitag", "gestern", "in der Nacht zum Sonntag", "am 14. Juli",
"14.07.2016", "am vergangenen Montag". A bare weekday is read as the nearest such day to the
article's date; the event coder then prefers the past or the future reading by the clause's tense.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as Date
from datetime import timedelta

from chronik.model import Document, TimeExpr, Token
from chronik.resources import data_path, load_yaml
from chronik.text.normalize import norm

_NUMERIC = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$")


@dataclass(frozen=True, slots=True)
class DateWords:
    weekdays: dict[str, int]
    months: dict[str, int]
    relative_days: dict[str, int | None]
    past_markers: frozenset[str]
    future_markers: frozenset[str]
    dayparts: tuple[str, ...]
    night_words: frozenset[str]

    @classmethod
    def load(cls, lang: str) -> DateWords:
        raw = load_yaml(data_path("time", f"{lang}.yaml"), "time")
        return cls(weekdays={norm(k): v for k, v in raw["weekdays"].items()},
                   months={norm(k): v for k, v in raw["months"].items()},
                   relative_days={norm(k): v for k, v in raw["relative_days"].items()},
                   past_markers=frozenset(norm(x) for x in raw.get("past_markers", [])),
                   future_markers=frozenset(norm(x) for x in raw.get("future_markers", [])),
                   dayparts=tuple(sorted((norm(x) for x in raw.get("dayparts", [])), key=len, reverse=True)),
                   night_words=frozenset(norm(x) for x in raw.get("night_words", [])))


_MEMO_LIMIT = 100_000


class DateFinder:
    name = "dates"
    requires: tuple[str, ...] = ("doc.tokens",)
    assigns: tuple[str, ...] = ("doc.times",)

    def __init__(self, words: DateWords) -> None:
        self.w = words
        self._weekdays: dict[str, int | None] = {}  # word → the weekday it names (memo, bounded)

    def __call__(self, doc: Document) -> Document:
        doc.times = []
        for sent in doc.sentences:
            toks = doc.tokens[sent.tok_start:sent.tok_end]
            k = 0
            while k < len(toks):
                found = self._at(toks, k, doc.date)
                if found is None:
                    k += 1
                    continue
                expr, used = found
                expr.sent = sent.i
                expr.text = doc.text[expr.start:expr.end]
                doc.times.append(expr)
                k += used
        return doc

    def _at(self, toks: list[Token], k: int, base: Date | None) -> tuple[TimeExpr, int] | None:
        t = toks[k]
        key = t.norm
        # relative day words, lower-case only ("Morgen" is the morning)
        if key in self.w.relative_days and t.text[:1].islower():
            off = self.w.relative_days[key]
            if off is None:
                return None
            day = base + timedelta(days=off) if base else None
            return TimeExpr(t.text, t.start, t.end, 0, day, f"relative:{key}", tok_start=t.i), 1
        wd = self._weekday(key)
        if wd is not None:
            prev = toks[k - 1].norm if k > 0 else ""
            prev2 = toks[k - 2].norm if k > 1 else ""
            prev3 = toks[k - 3].norm if k > 2 else ""
            start_tok = t
            used = 1
            # "Donnerstag Abend", "Donnerstagabend"
            if k + 1 < len(toks) and toks[k + 1].norm in self.w.dayparts:
                used = 2
            end_tok = toks[k + used - 1]
            if base is None:
                return TimeExpr("", start_tok.start, end_tok.end, 0, None, "weekday", tok_start=t.i), used
            future = base + timedelta(days=(wd - base.weekday()) % 7)
            past = base - timedelta(days=(base.weekday() - wd) % 7)
            nearest = future if (wd - base.weekday()) % 7 <= 3 else past
            rule = "weekday:nearest"
            if prev in self.w.past_markers:
                nearest, future, rule = past, past, "weekday:past"
            elif prev in self.w.future_markers:
                nearest, past, rule = future, future, "weekday:future"
            elif prev in ("zum", "auf") and (prev2 in self.w.night_words or prev3 in self.w.night_words):
                rule = "weekday:night-to"
            return TimeExpr("", start_tok.start, end_tok.end, 0, nearest, rule, tok_start=t.i,
                            alt_past=past, alt_future=future), used
        # 14. Juli [2016]
        if t.text.endswith(".") and t.text[:-1].isdigit() and k + 1 < len(toks):
            month = self.w.months.get(toks[k + 1].norm.rstrip("."))
            if month is not None:
                day_n = int(t.text[:-1])
                used = 2
                year = None
                if k + 2 < len(toks) and toks[k + 2].text.isdigit() and len(toks[k + 2].text) == 4:
                    year = int(toks[k + 2].text)
                    used = 3
                day = _make_date(year, month, day_n, base)
                end_tok = toks[k + used - 1]
                return TimeExpr("", t.start, end_tok.end, 0, day, "day-month", tok_start=t.i), used
        m = _NUMERIC.match(t.text)
        if m:
            d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
            y = y + 2000 if y < 100 else y
            day = _make_date(y, mo, d, base)
            if day is not None:
                return TimeExpr("", t.start, t.end, 0, day, "numeric", tok_start=t.i), 1
        return None

    def _weekday(self, key: str) -> int | None:
        try:
            return self._weekdays[key]
        except KeyError:
            if len(self._weekdays) >= _MEMO_LIMIT:
                self._weekdays.clear()
            found = self._weekdays[key] = self._find_weekday(key)
            return found

    def _find_weekday(self, key: str) -> int | None:
        if key in self.w.weekdays:
            return self.w.weekdays[key]
        for part in self.w.dayparts:
            if key.endswith(part) and key[: -len(part)] in self.w.weekdays:
                return self.w.weekdays[key[: -len(part)]]
        if key.endswith("s") and key[:-1] in self.w.weekdays:
            return self.w.weekdays[key[:-1]]  # "montags" is habitual, but still that weekday
        return None


def _make_date(year: int | None, month: int, day: int, base: Date | None) -> Date | None:
    try:
        if year is not None:
            return Date(year, month, day)
        if base is None:
            return None
        candidates = [Date(y, month, day) for y in (base.year - 1, base.year, base.year + 1)]
    except ValueError:
        return None
    return min(candidates, key=lambda c: abs((c - base).days))
