"""Shared fixtures. The evaluation data in ../shared is read by some tests (never shipped)."""

from __future__ import annotations

from pathlib import Path

import pytest

from chronik import Pipeline

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DATA = Path(__file__).resolve().parent / "data"


def shared_file(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available (the evaluation data lies beside the repository)")
    return path


@pytest.fixture(scope="session")
def nlp() -> Pipeline:
    return Pipeline("de")


@pytest.fixture(scope="session")
def nlp_all_modes() -> Pipeline:
    modes = ["asserted", "negated", "intended", "planned", "hypothetical", "reported_claim"]
    return Pipeline("de", config={"events": {"keep_modes": modes}})
