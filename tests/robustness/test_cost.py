"""Bounded cost: coding time grows linearly with a document's length (measured as a ratio in one run,
not as a time), and no regular expression backtracks catastrophically on adversarial input."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from chronik import Pipeline
from conftest import REPO


def best_of(fn: Callable[[], object], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def base_text() -> str:
    """About 1,200 words of varied German news: the example articles."""
    return "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((REPO / "examples").glob("de_*.txt")))


@pytest.mark.parametrize("kind", ["articles", "run-on"])
def test_ten_times_the_text_in_at_most_fifteen_times_the_time(nlp: Pipeline, kind: str) -> None:
    base = base_text()
    if kind == "run-on":  # no sentence ends at all: the segmenter must still cut it into pieces
        base = re.sub(r"[.!?\n]+", " ", base)
    one, ten = base * 3, "\n\n".join([base * 3] * 10)
    nlp(one, date="2015-03-05")  # warm the caches first: both sizes then see the same vocabulary
    t1 = best_of(lambda: nlp(one, date="2015-03-05"), runs=5)
    t10 = best_of(lambda: nlp(ten, date="2015-03-05"), runs=3)
    assert t10 <= 15 * t1, f"10× the text took {t10 / t1:.1f}× the time"


def all_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """Every compiled regular expression at module level in chronik."""
    import importlib
    import pkgutil

    import chronik

    found = []
    for info in pkgutil.walk_packages(chronik.__path__, "chronik."):
        if info.name.startswith("chronik.web") or info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern):
                found.append((f"{info.name}.{name}", value))
    return found


ADVERSARIAL = [
    "a" * 5000, "a" * 5000 + "!", " " * 5000 + "x", "." * 5000, "-" * 5000, "A." * 2500, "1" * 5000 + "x",
    "<" * 3000 + ">" * 3000, "„" * 3000, "\n" * 5000 + "x", "a-" * 2500, "Aa " * 2000, "(" * 3000,
    "ab" * 2500 + "\x00", "1." * 2500, "&" * 3000, "é" * 5000, "@" * 3000, "'" * 3000, "a." * 2500 + "a",
]


def test_no_regular_expression_backtracks_catastrophically() -> None:
    patterns = all_patterns()
    assert len(patterns) > 10
    for name, pattern in patterns:
        for text in ADVERSARIAL:
            t0 = time.perf_counter()
            pattern.search(text)
            pattern.findall(text)
            elapsed = time.perf_counter() - t0
            assert elapsed < 0.5, f"{name} took {elapsed:.2f} s on {text[:20]!r}… ({len(text)} characters)"


def test_memory_per_document_is_bounded(nlp: Pipeline, tmp_path: Path) -> None:
    """Coding one large document does not keep its weight: the pipeline's own state stays small."""
    import gc
    import tracemalloc

    text = base_text() * 5
    nlp(text, date="2015-03-05")
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    for _ in range(3):
        nlp(text, date="2015-03-05")
    gc.collect()
    kept = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    assert kept < 20_000_000, f"{kept / 1e6:.1f} MB kept after coding three large documents"
