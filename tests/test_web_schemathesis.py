"""Property-based API tests from the OpenAPI description (schemathesis): whatever a client sends that the
description allows, or almost allows, the service answers without a 5xx, with the status codes, content
types and bodies its description promises. Bounded: a few dozen examples per operation."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

schemathesis = pytest.importorskip("schemathesis")

from chronik.web.app import create_app  # noqa: E402
from conftest import REPO  # noqa: E402

# the service without --db: an in-memory store, filled below with the example articles
APP = create_app(None, preload=False, timeout=30.0)
schema = schemathesis.openapi.from_asgi("/openapi.json", APP, headers={"Host": "127.0.0.1"})


@pytest.fixture(scope="module", autouse=True)
def example_corpus() -> Iterator[None]:
    from chronik.engine import PipelineOptions, run_local
    from chronik.io.sources import read_sources

    store = APP.state.corpus.store
    store.add_documents(read_sources([str(REPO / "examples" / "docs.jsonl")]))
    run_local(store, PipelineOptions(lang="de"), workers=1)
    store.deduplicate()
    yield


@schema.parametrize()
@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
def test_web_api_never_answers_5xx(case: Any) -> None:
    response = case.call(base_url="http://127.0.0.1")  # the service answers for this machine only
    assert response.status_code < 500, (f"{case.method} {case.formatted_path} {case.query} -> "
                                        f"{response.status_code}: {response.text[:500]}")
    case.validate_response(response)
