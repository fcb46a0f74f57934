"""In a real browser with every other host cut off, GraphiQL renders from our static files
and runs a query."""

import os
import shutil
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / ".ci-artifacts" / "e2e-graphiql"

try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = None

pytestmark = [
    pytest.mark.skipif(sync_playwright is None, reason="Playwright n'est pas installé"),
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM),
        reason=f"Chromium est absent ({CHROMIUM}) : apt-get install chromium",
    ),
]


@pytest.fixture
def offline_page(monkeypatch, live_server):
    """A page whose requests to any host but the test server are aborted and recorded."""
    # Playwright's sync API runs an event loop in this thread.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    SCREENSHOTS.mkdir(parents=True)
    ours = urlsplit(live_server.url).netloc
    blocked: list[str] = []

    def route(request_route):
        if urlsplit(request_route.request.url).netloc == ours:
            request_route.continue_()
        else:
            blocked.append(request_route.request.url)
            request_route.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="fr-FR")
        context.route("**/*", route)
        page = context.new_page()
        page.blocked = blocked
        yield page
        browser.close()


@pytest.mark.django_db
def test_graphiql_renders_and_runs_a_query_offline(offline_page, live_server):
    page = offline_page
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    # graphene-django's start-up script reads the query from the address's fragment.
    page.goto(f"{live_server.url}/graphql/#query={quote('{ __typename }')}")

    expect(page.locator(".graphiql-container")).to_be_visible(timeout=15_000)
    expect(page.locator(".graphiql-query-editor .CodeMirror")).to_contain_text("__typename")
    page.locator(".graphiql-execute-button").click()
    result = page.locator(".result-window")
    expect(result).to_contain_text('"__typename": "Query"', timeout=15_000)
    page.screenshot(path=str(SCREENSHOTS / "graphiql-hors-ligne.png"))

    assert page.blocked == []
    assert errors == []
