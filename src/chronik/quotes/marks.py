"""Quotation marks paired into spans, on the characters of a text.

German news quote with „…“ (also closed by ” or "), Swiss and French style «…», book style »…«,
English “…”, plain "…", and ‚…‘ or ‹…› inside a quotation. "»" opens in a text whose first
guillemet is "»" and closes otherwise. A quotation left open at the end of a paragraph ends there
(a quote running over several paragraphs opens each of them anew).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

_SPACE_BEFORE = frozenset(" \t\n([{/–—-")


@dataclass(slots=True)
class MarkSpan:
    start: int  # the opening mark
    end: int  # one past the closing mark (or the end of the paragraph when left open)
    depth: int  # 0 for a top-level quotation
    closed: bool = True


def _book_style(text: str) -> bool:
    """Whether »…« (German book style) is used: the first guillemet in the text is »."""
    for ch in text:
        if ch == "»":
            return True
        if ch == "«":
            return False
    return False


def find_marks(text: str, marks: Mapping[str, frozenset[str]]) -> list[MarkSpan]:
    """Every quotation in ``text``, nested ones included, sorted by start."""
    book = _book_style(text)
    opening = dict(marks)
    if book:
        opening.pop("«", None)
    else:
        opening.pop("»", None)
    closing = {c for cs in opening.values() for c in cs}
    stack: list[tuple[str, int]] = []
    out: list[MarkSpan] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\n":
            _close_open(text, i, stack, out)
        elif stack and ch in opening.get(stack[-1][0], ()) and _may_close(text, i, ch, stack[-1][0]):
            _mark, start = stack.pop()
            out.append(MarkSpan(start, i + 1, len(stack)))
        elif ch in opening and _may_open(text, i, ch, closing):
            stack.append((ch, i))
        elif ch in closing and stack:
            # a closing mark of an outer quotation: the inner ones were never closed
            for k in range(len(stack) - 1, -1, -1):
                if ch in opening[stack[k][0]]:
                    while len(stack) > k + 1:
                        stack.pop()
                    _mark, start = stack.pop()
                    out.append(MarkSpan(start, i + 1, len(stack)))
                    break
        i += 1
    _close_open(text, n, stack, out)
    out.sort(key=lambda m: (m.start, -m.end))
    return out


def _may_open(text: str, i: int, ch: str, closing: set[str]) -> bool:
    if ch in closing or ch in "‚'":  # symmetric marks and the low single quote: only before a word
        before = text[i - 1] if i > 0 else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        return (before in _SPACE_BEFORE or before in "„«»\"") and not after.isspace()
    return True


def _may_close(text: str, i: int, ch: str, opener: str) -> bool:
    # an apostrophe inside a word closes nothing
    return not (ch in "‘’" and i + 1 < len(text) and text[i + 1].isalpha() and i > 0 and text[i - 1].isalpha())


def _close_open(text: str, i: int, stack: list[tuple[str, int]], out: list[MarkSpan]) -> None:
    end = i
    while end > 0 and text[end - 1].isspace():
        end -= 1
    while stack:
        mark, start = stack.pop()
        if end - start > 1 and mark not in "‚'\"":
            out.append(MarkSpan(start, end, len(stack), closed=False))
