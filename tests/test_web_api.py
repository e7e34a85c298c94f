"""The web API in process (FastAPI's TestClient): coding, the corpus endpoints on a real store, errors as
JSON with a message and a hint, the limits, the token, read-only access, no way out of the static folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from chronik.web.app import STATIC, create_app
from conftest import REPO, local_client, shared_file

TOKEN = "s3cret-token-for-tests"


def local(app: object, **kwargs: object) -> TestClient:
    """A test client that calls the service as this machine (the service refuses other host names)."""
    client: TestClient = local_client(app, **kwargs)
    return client


def assert_error(response: object, status: int, code: str | None = None) -> dict[str, object]:
    assert response.status_code == status, response.text  # type: ignore[attr-defined]
    assert response.headers["content-type"].startswith("application/json")  # type: ignore[attr-defined]
    body: dict[str, object] = response.json()  # type: ignore[attr-defined]
    assert body["status"] == status and body["message"] and body["hint"], body
    if code:
        assert body["code"] == code, body
    return body


# --- coding ---------------------------------------------------------------------------------------
def test_web_code_returns_events_mentions_and_quotes_with_offsets(coder: TestClient) -> None:
    text = (REPO / "examples" / "de_treffen_genf.txt").read_text(encoding="utf-8")
    r = coder.post("/v1/code", json={"text": text, "date": "2025-03-11", "doc_id": "genf"})
    assert r.status_code == 200, r.text
    doc = r.json()
    assert doc["doc_id"] == "genf" and doc["language"] == "de" and doc["date"] == "2025-03-11"
    assert doc["text"] == text and doc["elapsed_ms"] > 0
    assert doc["events"] and doc["mentions"] and doc["quotes"] and doc["places"] and doc["times"]
    for e in doc["events"]:
        assert text[e["trigger"]["start"]:e["trigger"]["end"]] == e["trigger"]["text"]
        assert e["rule"] and e["cameo_name"]
    for m in doc["mentions"]:
        assert text[m["start"]:m["end"]] == m["text"]
    assert any(m["rule"] for m in doc["mentions"]), "mentions say which entry or rule resolved them"
    for q in doc["quotes"]:
        assert text[q["start"]:q["end"]] == q["text"]


def test_web_code_seed_lists_the_kerry_putin_meeting(coder: TestClient) -> None:
    text = shared_file("data", "dev", "seed.txt").read_text(encoding="utf-8")
    doc = coder.post("/v1/code", json={"text": text, "date": "2015-03-05"}).json()
    meetings = [e for e in doc["events"] if e["cameo"].startswith("04") and e["source"]["code"] == "USAGOV"
                and (e["target"] or {}).get("code") == "RUSGOV" and e["trigger"]["text"] == "Treffen"]
    assert meetings, [(e["cameo"], e["trigger"]["text"]) for e in doc["events"]]


def test_web_code_a_document_in_english(coder: TestClient) -> None:
    text = (REPO / "examples" / "en_talks_geneva.txt").read_text(encoding="utf-8")
    r = coder.post("/v1/code", json={"doc_id": "talks", "text": text, "date": "2025-03-11", "language": "en",
                                     "title": "Talks in Geneva", "source": "Wire", "url": "https://example.org/a"})
    assert r.status_code == 200, r.text
    doc = r.json()
    assert doc["language"] == "en" and doc["title"] == "Talks in Geneva" and doc["events"]


def test_web_code_detects_the_language(coder: TestClient) -> None:
    text = (REPO / "examples" / "en_arrests_istanbul.txt").read_text(encoding="utf-8")
    assert coder.post("/v1/code", json={"text": text}).json()["language"] == "en"


@pytest.mark.parametrize("body, word", [
    ({}, "text"),
    ({"text": ""}, "text"),
    ({"text": "Ein Satz.", "date": "5.3.2015"}, "date"),
    ({"text": "Ein Satz.", "language": "fr"}, "language"),
    ({"text": "Ein Satz.", "colour": "blue"}, "colour"),
])
def test_web_code_rejects_a_bad_body_with_what_to_fix(coder: TestClient, body: dict[str, str], word: str) -> None:
    error = assert_error(coder.post("/v1/code", json=body), 422, "E606")
    assert word in str(error["message"])


def test_web_code_rejects_a_body_that_is_not_json(coder: TestClient) -> None:
    r = coder.post("/v1/code", content=b"not json", headers={"content-type": "application/json"})
    assert_error(r, 422, "E606")


def test_web_a_bug_is_a_500_json_error_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    app = create_app(None, preload=False)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(app.state.coder, "code_sync", broken)
    with local(app, raise_server_exceptions=False) as client:
        body = assert_error(client.post("/v1/code", json={"text": "Ein Satz."}), 500, "E600")
        assert "boom" not in json.dumps(body)


# --- the corpus -----------------------------------------------------------------------------------
def all_events(client: TestClient, query: str = "") -> list[dict[str, object]]:
    page = client.get(f"/v1/events?limit=1000&{query}").json()
    assert page["total"] == len(page["events"])
    events: list[dict[str, object]] = page["events"]
    return events


def test_web_summary_of_the_store(corpus: TestClient, web_corpus_db: str) -> None:
    s = corpus.get("/v1/summary").json()
    assert s["db"] == web_corpus_db and s["documents"] >= 6 and s["events"] > 10
    assert {"Blatt A", "Blatt B", "Wire"} <= set(s["outlets"]) and not s["token_required"]
    assert s["first_date"] <= s["last_date"]


def test_web_events_paginated(corpus: TestClient) -> None:
    every = all_events(corpus)
    first = corpus.get("/v1/events?limit=3").json()
    second = corpus.get("/v1/events?limit=3&offset=3").json()
    assert first["total"] == second["total"] == len(every) > 6
    assert (first["limit"], first["offset"], second["offset"]) == (3, 0, 3)
    assert [e["event_id"] for e in first["events"] + second["events"]] == [e["event_id"] for e in every[:6]]
    assert corpus.get(f"/v1/events?offset={len(every)}").json()["events"] == []


@pytest.mark.parametrize("query, check", [
    ("actor=RUS", lambda e: str(e["source_code"]).startswith("RUS") or str(e["target_code"]).startswith("RUS")),
    ("source=TUR", lambda e: str(e["source_code"]).startswith("TUR")),
    ("target=RUS", lambda e: str(e["target_code"]).startswith("RUS")),
    ("root=17&root=14", lambda e: e["root"] in ("17", "14")),
    ("cameo=04", lambda e: str(e["cameo"]).startswith("04")),
    ("quad=4", lambda e: e["quad_class"] == 4),
    ("quad=1&quad=2", lambda e: e["quad_class"] in (1, 2)),
    ("mode=asserted", lambda e: e["mode"] == "asserted"),
    ("since=2025-03-01&until=2025-04-30", lambda e: "2025-03-01" <= str(e["date"]) <= "2025-04-30"),
    ("outlet=Wire", lambda e: e["outlet"] == "Wire"),
    ("place=Istanbul", lambda e: e["location_name"] == "Istanbul"),
])
def test_web_events_filters(corpus: TestClient, query: str, check: object) -> None:
    events = all_events(corpus, query)
    assert events, f"{query} should match some events of the example corpus"
    assert all(check(e) for e in events)  # type: ignore[operator]
    assert len(events) < len(all_events(corpus))


def test_web_events_link_to_their_article(corpus: TestClient) -> None:
    e = all_events(corpus)[0]
    doc = corpus.get(f"/v1/documents/{e['doc_id']}").json()
    assert e["event_id"] in [x["event_id"] for x in doc["events"]]


def test_web_dyads_as_the_cli_counts_them(corpus: TestClient) -> None:
    page = corpus.get("/v1/dyads?by=month&level=country").json()
    assert page["dyads"]
    for d in page["dyads"]:
        assert d["quad1"] + d["quad2"] + d["quad3"] + d["quad4"] <= d["events"] and d["articles"] >= 1
    by_code = corpus.get("/v1/dyads?by=year&level=code&actor=RUS").json()["dyads"]
    assert by_code and all("RUS" in (d["source"] + d["target"]) for d in by_code)


def test_web_timeline_counts_every_dated_event(corpus: TestClient) -> None:
    dated = [e for e in all_events(corpus) if e["date"]]
    points = corpus.get("/v1/timeline").json()["points"]
    assert sum(p["events"] for p in points) == len(dated)
    assert [p["period"] for p in points] == sorted(p["period"] for p in points)
    months = corpus.get("/v1/timeline?by=month").json()["points"]
    assert all(p["period"].endswith("-01") for p in months)


def test_web_network_nodes_and_edges(corpus: TestClient) -> None:
    net = corpus.get("/v1/network").json()
    ids = {n["id"] for n in net["nodes"]}
    assert net["edges"] and all(e["source"] in ids and e["target"] in ids for e in net["edges"])
    assert all(e["source"] != e["target"] for e in net["edges"])
    assert sum(n["events"] for n in net["nodes"]) == 2 * sum(e["events"] for e in net["edges"])
    codes = corpus.get("/v1/network?level=code&max_edges=3").json()
    assert len(codes["edges"]) <= 3 and any(n["name"] for n in codes["nodes"]) in (True, False)


def test_web_places_have_coordinates(corpus: TestClient) -> None:
    places = corpus.get("/v1/places").json()["places"]
    assert places and all(-90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180 for p in places)
    assert "Istanbul" in {p["name"] for p in places}


def test_web_document_by_id_and_by_its_own_id(corpus: TestClient) -> None:
    doc = corpus.get("/v1/documents/de_festnahmen_istanbul").json()
    assert doc["external_id"] == "de_festnahmen_istanbul" and doc["outlet"] == "Blatt B"
    assert corpus.get(f"/v1/documents/{doc['id']}").json()["text"] == doc["text"]
    text = doc["text"]
    assert doc["events"] and doc["mentions"] and doc["quotes"]
    for e in doc["events"]:
        assert text[e["trigger"]["start"]:e["trigger"]["end"]] == e["trigger"]["text"]
    for m in doc["mentions"]:
        assert text[m["start"]:m["end"]] == m["text"]


def test_web_unknown_document_is_404_json(corpus: TestClient) -> None:
    body = assert_error(corpus.get("/v1/documents/no-such-article"), 404, "E604")
    assert "no-such-article" in str(body["message"])


@pytest.mark.parametrize("query, word", [
    ("root=21", "root"), ("quad=5", "quad"), ("since=yesterday", "since"), ("limit=0", "limit"),
    ("limit=100000", "limit"), ("offset=-1", "offset"), ("actor=R%27US", "actor"), ("cameo=abc", "cameo"),
    ("mode=maybe", "mode"),
])
def test_web_bad_filters_are_422_with_the_parameter_named(corpus: TestClient, query: str, word: str) -> None:
    body = assert_error(corpus.get(f"/v1/events?{query}"), 422, "E606")
    assert word in str(body["message"])


def test_web_empty_store_without_db(coder: TestClient) -> None:
    assert coder.get("/v1/summary").json()["documents"] == 0
    assert coder.get("/v1/events").json() == {"total": 0, "limit": 100, "offset": 0, "events": []}
    assert coder.get("/v1/network").json()["edges"] == []


def test_web_a_missing_database_fails_at_start(tmp_path: Path) -> None:
    from chronik.errors import StoreError

    with pytest.raises(StoreError, match="no database"):
        create_app(str(tmp_path / "nothing.duckdb"))


# --- errors, pages, files ---------------------------------------------------------------------------
def test_web_unknown_path_and_method_are_json(coder: TestClient) -> None:
    assert_error(coder.get("/v2/nothing"), 404, "E604")
    assert_error(coder.delete("/v1/events"), 405)


def test_web_document_ids_are_never_file_names(corpus: TestClient) -> None:
    for doc_id in ("..%2F..%2Fpyproject.toml", "%2Fetc%2Fpasswd", "....//....//etc//passwd"):
        r = corpus.get(f"/v1/documents/{doc_id}")
        assert r.status_code == 404 and "root:" not in r.text


@pytest.mark.parametrize("path", ["/", "/corpus", "/document", "/docs"])
def test_web_pages_are_served_with_a_strict_policy(coder: TestClient, path: str) -> None:
    r = coder.get(path)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    policy = r.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert r.headers["x-content-type-options"] == "nosniff"


def test_web_assets_are_local() -> None:
    """Our pages and scripts name no other host: nothing is fetched from a CDN or a tile server."""
    for f in Path(str(STATIC)).iterdir():
        if f.suffix in (".html", ".js", ".css"):
            text = f.read_text(encoding="utf-8")
            text = text.replace("http://www.w3.org/2000/svg", "").replace("/^https?:\\/\\//", "")
            assert "http://" not in text and "https://" not in text, f.name
    world = json.loads((Path(str(STATIC)) / "world-110m.geojson").read_text(encoding="utf-8"))
    assert len(world["features"]) > 150
    assert (Path(str(STATIC)) / "vendor" / "swagger-ui" / "swagger-ui-bundle.js").exists()


def test_web_openapi_describes_every_endpoint(coder: TestClient) -> None:
    spec = coder.get("/openapi.json").json()
    for path in ("/v1/code", "/v1/events", "/v1/dyads", "/v1/documents/{doc_id}", "/v1/timeline", "/v1/network",
                 "/v1/places", "/v1/summary"):
        assert path in spec["paths"], path
    assert "413" in spec["paths"]["/v1/code"]["post"]["responses"]


# --- the token and the address ----------------------------------------------------------------------
def test_web_coding_processes_give_the_same_answer(coder: TestClient) -> None:
    """--workers 2: two spawned coding processes, one queue; the answers are those of the thread."""
    text = (REPO / "examples" / "de_sanktionen_bruessel.txt").read_text(encoding="utf-8")
    body = {"text": text, "date": "2025-05-19"}
    expected = coder.post("/v1/code", json=body).json()
    with local(create_app(None, workers=2)) as client:
        answers = [client.post("/v1/code", json=body).json() for _ in range(3)]
        slow = client.app.state.coder  # type: ignore[attr-defined]
        slow.timeout = 0.0001
        assert_error(client.post("/v1/code", json=body), 504, "E608")
    for got in answers:
        assert got["events"] == expected["events"] and got["mentions"] == expected["mentions"]


def test_web_cli_serve_runs_and_stops(tmp_path: Path) -> None:
    """The real command: uvicorn on a free port of 127.0.0.1, the API and a page, then SIGTERM ends it."""
    import http.client
    import socket
    import subprocess
    import sys
    import time

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "chronik", "serve", "--port", str(port), "--timeout", "30"],
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while True:
            assert proc.poll() is None, proc.communicate()
            try:
                con = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                con.request("GET", "/v1/health")
                if con.getresponse().status == 200:
                    break
            except OSError:
                assert time.monotonic() < deadline, "chronik serve did not answer"
                time.sleep(0.2)
        con = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        con.request("POST", "/v1/code", json.dumps({"text": "Die Polizei nahm in Istanbul Demonstranten fest."}),
                    {"Content-Type": "application/json"})
        response = con.getresponse()
        assert response.status == 200 and json.loads(response.read())["events"]
        con.request("GET", "/")
        assert con.getresponse().read().startswith(b"<!doctype html>")
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=30)
    assert proc.returncode in (0, -15), err  # uvicorn shuts down, then re-raises SIGTERM
    assert "Traceback" not in err and "127.0.0.1" in err and "empty in-memory store" in err
