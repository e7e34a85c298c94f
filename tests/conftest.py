"""Shared fixtures. The evaluation data in ../shared is read by some tests (never shipped)."""

from __future__ import annotations

from pathlib import Path

import pytest

from chronik import Pipeline
from chronik.actors.dictionary import ActorDictionary, Entry, name_tokens

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


@pytest.fixture(scope="session")
def shipped_actors() -> ActorDictionary:
    """The shipped actor dictionary, read from its files once per test session (no compiled cache)."""
    return ActorDictionary.load(cache=False)


def person_named(d: ActorDictionary, form: str, canonical: str) -> Entry:
    """The person ``form`` names whose canonical name is ``canonical``."""
    entries = [e for e in d.names.get(name_tokens(form), []) if e.kind == "person"]
    found = [e for e in entries if e.name == canonical]
    assert found, f"{form!r} does not name {canonical!r} (found {[e.name for e in entries]})"
    return found[0]
