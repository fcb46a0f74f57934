"""In a real browser with every other host cut off, GraphiQL renders from our static files
and runs a query."""

import shutil
from urllib.parse import quote, urlsplit

import pytest

from .browser import ARTIFACTS, REQUIRES_BROWSER, chromium, expect

SCREENSHOTS = ARTIFACTS / "e2e-graphiql"

pytestmark = REQUIRES_BROWSER


@pytest.fixture
def offline_page(monkeypatch, live_server):
    """A page whose requests to any host but the test server are aborted and recorded."""
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

    with chromium(monkeypatch) as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="fr-FR")
        context.route("**/*", route)
        page = context.new_page()
        page.blocked = blocked
        yield page


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
