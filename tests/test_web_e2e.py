"""The pages in a real browser: Debian's headless Chromium driven by Playwright, against the service run
by uvicorn on a free local port. Paste the seed article and see the Kerry–Putin meeting listed and its
words highlighted; open the corpus page and see the timeline, the network and the map; follow a link to
an article. Screenshots go to test-artifacts/ (or $CHRONIK_ARTIFACTS).

Locally the tests skip when Chromium or Playwright is missing; in CI ($CI set) that is a failure."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO, shared_file

CHROMIUM = os.environ.get("CHRONIK_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(os.environ.get("CHRONIK_ARTIFACTS", REPO / "test-artifacts"))
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions"]


def _missing(what: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{what} is needed for the end-to-end tests in CI (.ci/run installs it)")
    pytest.skip(f"{what} is not installed")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright (pip install -e '.[dev]')")
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        _missing(f"Chromium ({CHROMIUM}; apt-get install chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(app: Any) -> Iterator[str]:
    """uvicorn with the app on 127.0.0.1 and a free port, in a thread."""
    import uvicorn

    port = free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 120
    while not srv.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def server(web_corpus_db: str) -> Iterator[str]:
    """As ``chronik serve --db …``: the example corpus with the seed article."""
    from chronik.web.app import create_app

    shared_file("data", "dev", "seed.txt")  # the corpus must hold the seed article
    yield from serve(create_app(web_corpus_db))


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    """A fresh page that records failed requests, requests to other hosts and script errors."""
    context = browser.new_context(viewport={"width": 1360, "height": 1000})
    pg = context.new_page()
    pg.problems = []
    pg.on("pageerror", lambda e: pg.problems.append(f"script error: {e}"))
    pg.on("request", lambda r: None if r.url.startswith((server, "data:", "blob:"))
          else pg.problems.append(f"request to another host: {r.url}"))
    pg.on("requestfailed", lambda r: pg.problems.append(f"failed: {r.url}"))
    pg.on("console", lambda m: pg.problems.append(f"console error: {m.text}") if m.type == "error" else None)
    yield pg
    context.close()


def expect(locator: Any) -> Any:
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_e2e_code_page_highlights_the_seed_article(page: Any, server: str) -> None:
    seed = shared_file("data", "dev", "seed.txt").read_text(encoding="utf-8")
    page.goto(server + "/")
    page.fill("#text", seed)
    page.fill("#date", "2015-03-05")
    page.select_option("#lang", "de")
    page.click("#code-button")
    page.wait_for_selector("#events tbody tr td.rule", timeout=60_000)
    shot(page, "code-seed")
    rows = page.locator("#events tbody tr").all_inner_texts()
    meeting = [r for r in rows if "USAGOV" in r and "RUSGOV" in r and "Treffen" in r and "040" in r]
    assert meeting, rows
    # the trigger word is highlighted, and hovering it tells the code, the actors and the rule
    trigger = page.locator("#doc-text .hl-trigger", has_text="Treffen").first
    title = trigger.get_attribute("title") or ""
    assert "040" in title and "USAGOV" in title and "RUSGOV" in title and "rule:" in title, title
    putin = page.locator("#doc-text .hl-actor", has_text="Wladimir Putin").first
    assert "RUSGOV" in (putin.get_attribute("title") or "")
    assert page.locator("#doc-text .hl-place", has_text="Moskau").count() >= 1
    assert page.locator("#doc-text .hl-time", has_text="Freitag").count() >= 1
    assert page.locator("#doc-text .hl-quote").count() >= 1
    # hovering an event row marks its words in the text
    page.locator("#events tbody tr", has_text="Treffen").first.hover()
    assert page.locator("#doc-text .focus").count() >= 1
    # the legend hides a kind of highlight
    page.uncheck("#legend input[data-kind=actor]")
    assert "hide-actor" in (page.get_attribute("#doc-text", "class") or "")
    assert not page.problems, page.problems


def test_e2e_code_page_says_what_is_wrong(page: Any, server: str) -> None:
    page.goto(server + "/")
    page.fill("#text", "   ")
    page.click("#code-button")
    assert "paste a text" in page.inner_text("#status")
    assert "error" in (page.get_attribute("#status", "class") or "")


def test_e2e_corpus_page_draws_timeline_network_and_map(page: Any, server: str) -> None:
    page.goto(server + "/corpus")
    page.wait_for_selector("#timeline svg .bar", timeout=30_000)
    page.wait_for_selector("#network svg .node")
    page.wait_for_selector("#events tbody tr a.article")
    assert page.locator("#timeline svg .bar").count() >= 3
    assert page.locator("#network svg .node").count() >= 3
    assert page.locator("#network svg path.edge").count() >= 2
    assert page.locator("#map svg .land").count() == 1
    assert page.locator("#map svg .place").count() >= 2
    assert "sda" in page.inner_text("#outlet")
    shot(page, "corpus")
    total = int(page.inner_text("#event-count").strip("()"))
    # a node narrows the table to that actor's events
    page.locator("#network svg .node[data-id=RUS]").first.click()
    page.wait_for_url("**/corpus?actor=RUS")
    expect(page.locator("#status")).to_contain_text("match")
    narrowed = int(page.inner_text("#event-count").strip("()"))
    assert 0 < narrowed < total
    assert all("RUS" in row for row in page.locator("#events tbody tr").all_inner_texts())
    shot(page, "corpus-rus")
    assert not page.problems, page.problems


def test_e2e_filters_timeline_and_map_lead_to_the_articles(page: Any, server: str) -> None:
    page.goto(server + "/corpus?since=2015-03-01&until=2015-03-31&root=04")
    page.wait_for_selector("#events tbody tr a.article", timeout=30_000)
    assert page.input_value("#root") == "04"
    rows = page.locator("#events tbody tr").all_inner_texts()
    assert rows and all("2015-03" in r and "\t04" in r for r in rows), rows
    # a bar of the timeline narrows to its day
    day = page.locator("#timeline svg .bar").first.get_attribute("data-period")
    page.locator("#timeline svg .bar").first.click()
    page.wait_for_url(f"**until={day}*")
    expect(page.locator("#status")).to_contain_text("match")
    assert all(r.startswith(day) for r in page.locator("#events tbody tr").all_inner_texts())
    # a place on the map narrows to its events
    page.goto(server + "/corpus")
    page.wait_for_selector("#map svg .place", timeout=30_000)
    name = page.locator("#map svg .place").first.get_attribute("data-name")
    page.locator("#map svg .place").first.dispatch_event("click")
    page.wait_for_url("**place=*")
    expect(page.locator("#status")).to_contain_text("match")
    assert all(name in r for r in page.locator("#events tbody tr").all_inner_texts())
    # and every row links to its article, shown with its highlights
    page.locator("#events tbody tr a.article").first.click()
    page.wait_for_selector("#doc-text .hl-trigger", timeout=30_000)
    assert page.locator("#events tbody tr").count() >= 1
    shot(page, "article")
    assert not page.problems, page.problems


def test_e2e_api_docs_render_from_local_files(page: Any, server: str) -> None:
    page.goto(server + "/docs")
    page.wait_for_selector(".opblock-summary-path", timeout=30_000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert any("/v1/code" in p for p in paths) and any("/v1/events" in p for p in paths)
    shot(page, "docs")
    assert not [p for p in page.problems if "another host" in p], page.problems


def test_e2e_pages_ask_for_the_token_once(browser: Any, web_corpus_db: str) -> None:
    from chronik.web.app import create_app

    token = "e2e-token-0123456789"
    for base in serve(create_app(web_corpus_db, preload=False, token=token)):
        context = browser.new_context()
        page = context.new_page()
        page.goto(base + "/corpus")
        page.wait_for_selector("#token-box:not([hidden])", timeout=30_000)
        page.fill("#token", token)
        page.click("#token-box button")
        page.wait_for_selector("#events tbody tr a.article", timeout=30_000)
        assert page.locator("#token-box").is_hidden()
        page.goto(base + "/")  # the tab keeps the token
        page.fill("#text", "Die Polizei nahm am Montag in Istanbul zwölf Demonstranten fest.")
        page.click("#code-button")
        page.wait_for_selector("#events tbody tr td.rule", timeout=60_000)
        assert page.locator("#token-box").is_hidden()
        context.close()
