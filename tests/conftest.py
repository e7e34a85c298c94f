"""Shared fixtures. The evaluation data in ../shared is read by some tests (never shipped)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

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


@pytest.fixture(scope="session")
def web_corpus_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A small DuckDB store for the web tests: the example articles (two outlets, dates in 2024-2025) and,
    when the evaluation data is there, the seed article (2015-03-05, outlet sda); coded and deduplicated."""
    import json

    from chronik.engine import PipelineOptions, run_local
    from chronik.io.sources import read_sources
    from chronik.store import Store

    folder = tmp_path_factory.mktemp("web")
    corpus = folder / "corpus.jsonl"
    examples = REPO / "examples"
    with corpus.open("w", encoding="utf-8") as f:
        for i, line in enumerate((examples / "docs.jsonl").read_text(encoding="utf-8").splitlines()):
            doc = json.loads(line)
            doc["source"] = "Blatt A" if i % 2 == 0 else "Blatt B"
            f.write(json.dumps(doc, ensure_ascii=False) + "\n")
        for name, day in (("en_arrests_istanbul", "2024-05-08"), ("en_talks_geneva", "2025-03-11")):
            text = (examples / f"{name}.txt").read_text(encoding="utf-8")
            f.write(json.dumps({"doc_id": name, "text": text, "date": day, "language": "en", "source": "Wire"}) + "\n")
        seed = SHARED / "data" / "dev" / "seed.txt"
        if seed.exists():
            f.write(json.dumps({"doc_id": "seed", "text": seed.read_text(encoding="utf-8"), "date": "2015-03-05",
                                "language": "de", "source": "sda", "title": "Kerry trifft Putin in Moskau"},
                               ensure_ascii=False) + "\n")
    db = str(folder / "web.duckdb")
    with Store.open(db) as store:
        store.add_documents(read_sources([str(corpus)]))
        run_local(store, PipelineOptions(), workers=1)
        store.deduplicate()
    return db


def local_client(app: object, **kwargs: object) -> Any:
    """A test client that calls the web service as this machine (the service refuses other host names)."""
    from fastapi.testclient import TestClient

    return TestClient(app, base_url="http://127.0.0.1", **kwargs)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def coder() -> Iterator[Any]:
    """The web service without a store (as `chronik serve` without --db); pipelines load on first use."""
    from chronik.web.app import create_app

    with local_client(create_app(None, preload=False)) as client:
        yield client


@pytest.fixture(scope="module")
def corpus(web_corpus_db: str) -> Iterator[Any]:
    """The web service on the small example store."""
    from chronik.web.app import create_app

    with local_client(create_app(web_corpus_db, preload=False)) as client:
        yield client
