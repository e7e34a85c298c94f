"""The service under hostile use (issue 8): it binds 127.0.0.1 by default and needs a token anywhere
else, answers only for this machine's names on loopback, limits request size, coding time and queue
length, opens the store read-only, and lets no parameter name a file outside its static folder."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from chronik.errors import ServeConfigError
from chronik.web.app import create_app
from chronik.web.settings import WebSettings, check_bind, is_loopback
from conftest import REPO
from test_web_api import TOKEN, assert_error, local


def test_web_request_body_over_the_limit_is_413() -> None:
    with local(create_app(None, preload=False, max_bytes=2048)) as client:
        big = {"text": "Die Polizei nahm Demonstranten fest. " * 100}
        assert_error(client.post("/v1/code", json=big), 413, "E605")

        def chunks() -> Iterator[bytes]:  # no Content-Length: the streamed body is counted
            yield b'{"text": "'
            for _ in range(100):
                yield b"Die Polizei nahm Demonstranten fest. "
            yield b'"}'

        assert_error(client.post("/v1/code", content=chunks(), headers={"content-type": "application/json"}), 413)
        small = client.post("/v1/code", json={"text": "Die Polizei nahm in Istanbul Demonstranten fest."})
        assert small.status_code == 200

def test_web_coding_over_the_time_limit_is_504() -> None:
    with local(create_app(None, preload=False, timeout=0.001)) as client:
        text = (REPO / "examples" / "de_drohung_nahost.txt").read_text(encoding="utf-8")
        body = assert_error(client.post("/v1/code", json={"text": text}), 504, "E608")
        assert "--timeout" in str(body["hint"])

def test_web_too_many_waiting_requests_is_503() -> None:
    with local(create_app(None, preload=False, max_pending=0)) as client:
        r = client.post("/v1/code", json={"text": "Ein Satz."})
        assert_error(r, 503, "E607")
        assert r.headers["retry-after"]

def test_web_the_store_is_opened_read_only(corpus: TestClient) -> None:
    store = corpus.app.state.corpus.store  # type: ignore[attr-defined]
    assert store.read_only
    with pytest.raises(Exception, match=r"(?i)read.only"):
        store.db.execute("DELETE FROM events")

@pytest.mark.parametrize("path", [
    "/static/../pyproject.toml", "/static/%2e%2e/%2e%2e/%2e%2e/pyproject.toml", "/static/..%2f..%2f..%2fpyproject.toml",
    "/static/%2e%2e%2fapp.py", "/static//etc/passwd", "/static/..\\app.py",
])
def test_web_no_path_traversal_through_static_files(coder: TestClient, path: str) -> None:
    r = coder.get(path)
    assert r.status_code == 404
    assert "[project]" not in r.text and "root:" not in r.text and "create_app" not in r.text

def test_web_token_is_required_when_set() -> None:
    with local(create_app(None, preload=False, token=TOKEN)) as client:
        assert client.get("/v1/health").status_code == 200  # no data: no token
        r = client.get("/v1/events")
        assert_error(r, 401, "E603")
        assert r.headers["www-authenticate"] == "Bearer"
        assert_error(client.get("/v1/events", headers={"Authorization": "Bearer wrong-token-xx"}), 401)
        assert_error(client.post("/v1/code", json={"text": "x"}), 401)
        ok = client.get("/v1/events", headers={"Authorization": f"Bearer {TOKEN}"})
        assert ok.status_code == 200
        assert client.get("/v1/summary", headers={"Authorization": f"Bearer {TOKEN}"}).json()["token_required"]
        spec = client.get("/openapi.json").json()
        assert "HTTPBearer" in spec["components"]["securitySchemes"]

@pytest.mark.parametrize("host, loopback", [
    ("127.0.0.1", True), ("127.0.0.2", True), ("localhost", True), ("::1", True), ("[::1]", True),
    ("0.0.0.0", False), ("::", False), ("192.168.1.5", False), ("example.org", False),
])
def test_web_which_addresses_are_this_machine_only(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback

def test_web_refuses_a_public_address_without_a_token() -> None:
    with pytest.raises(ServeConfigError, match="token"):
        check_bind(WebSettings(host="0.0.0.0"))
    with pytest.raises(ServeConfigError, match="shorter"):
        check_bind(WebSettings(host="0.0.0.0", token="short"))
    check_bind(WebSettings(host="0.0.0.0", token=TOKEN))
    check_bind(WebSettings(host="127.0.0.1"))

def test_web_cli_serve_refuses_a_public_address_without_a_token(monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from chronik.cli.main import cli

    monkeypatch.delenv("CHRONIK_TOKEN", raising=False)
    result = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0", "--port", "0"])
    assert result.exit_code == 6
    assert "--token" in result.output and "E602" in result.output

@pytest.mark.parametrize("host, ok", [
    ("127.0.0.1", True), ("127.0.0.1:8000", True), ("localhost:8000", True), ("[::1]:8000", True), ("[::1]", True),
    ("evil.example:8000", False), ("192.168.1.5", False), ("", False),
])
def test_web_loopback_service_answers_only_for_this_machine(coder: TestClient, host: str, ok: bool) -> None:
    """A page elsewhere cannot read the service through a name it points at 127.0.0.1 (DNS rebinding)."""
    r = coder.get("/v1/summary", headers={"host": host})
    if ok:
        assert r.status_code == 200
    else:
        assert_error(r, 400, "E609")

def test_web_public_service_answers_any_host_with_its_token() -> None:
    with TestClient(create_app(None, preload=False, host="0.0.0.0", token=TOKEN)) as client:  # host: testserver
        assert client.get("/v1/summary", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
