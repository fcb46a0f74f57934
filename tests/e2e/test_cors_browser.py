"""In a real browser: a partner's page, on another origin, reads the API with `fetch`
when its origin is allowed (by its key, or by the environment), and is refused otherwise."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.factories.catalogue import ThemeFactory
from tests.factories.partners import ApiKeyFactory

from .browser import REQUIRES_BROWSER, chromium

pytestmark = REQUIRES_BROWSER

PARTNER_PAGE = """<!doctype html><html lang="fr"><meta charset="utf-8">
<title>Site partenaire</title><h1>Nos ressources numériques</h1></html>""".encode()

# What a partner's script does: a JSON POST with its key, so the browser sends a preflight.
FETCH = """async ({url, token}) => {
  try {
    const headers = {"Content-Type": "application/json"};
    if (token) headers["Authorization"] = "Bearer " + token;
    const response = await fetch(url, {
      method: "POST", headers, body: JSON.stringify({query: "{ themes { name } }"}),
    });
    return {status: response.status, body: await response.json()};
  } catch (error) {
    return {error: error.name};
  }
}"""


class PartnerPage(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(PARTNER_PAGE)

    def log_message(self, *args):
        pass


@pytest.fixture
def partner_origins():
    """Two partner websites on loopback, each its own origin (port 0: any free port)."""
    servers = [ThreadingHTTPServer(("127.0.0.1", 0), PartnerPage) for _ in range(2)]
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    yield [f"http://127.0.0.1:{server.server_address[1]}" for server in servers]
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def page(monkeypatch):
    with chromium(monkeypatch) as browser:
        yield browser.new_page()


def test_a_partner_page_calls_the_api_with_its_key(
    transactional_db, live_server, partner_origins, page
):
    allowed, refused = partner_origins
    key = ApiKeyFactory(allowed_origins=allowed)
    ThemeFactory(name="Données personnelles")
    api = f"{live_server.url}/graphql/"

    page.goto(allowed)
    result = page.evaluate(FETCH, {"url": api, "token": key.token})
    assert result == {
        "status": 200,
        "body": {"data": {"themes": [{"name": "Données personnelles"}]}},
    }

    page.goto(refused)
    assert page.evaluate(FETCH, {"url": api, "token": key.token}) == {"error": "TypeError"}
    assert page.evaluate(FETCH, {"url": api, "token": None}) == {"error": "TypeError"}


def test_an_origin_of_the_environment_calls_the_api_anonymously(
    transactional_db, live_server, partner_origins, page, settings
):
    allowed, refused = partner_origins
    settings.CORS_ALLOWED_ORIGINS = [allowed]
    api = f"{live_server.url}/graphql/"

    page.goto(allowed)
    assert page.evaluate(FETCH, {"url": api, "token": None}) == {
        "status": 200,
        "body": {"data": {"themes": []}},
    }
    # A revoked key is a 401 the page can read, not a silent anonymous answer.
    result = page.evaluate(FETCH, {"url": api, "token": "rp_revoked"})
    assert result["status"] == 401
    assert result["body"]["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"

    page.goto(refused)
    assert page.evaluate(FETCH, {"url": api, "token": None}) == {"error": "TypeError"}
