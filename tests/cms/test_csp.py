"""The Content-Security-Policy: strict on the site and the API, nonces for GraphiQL's inline
blocks, the Wagtail admin's relaxations under /admin/ only, and the report-only rollout."""

import re
from html.parser import HTMLParser

import pytest

from .test_settings import _production, _settings

pytestmark = pytest.mark.django_db

HEADER = "Content-Security-Policy"
REPORT_ONLY_HEADER = "Content-Security-Policy-Report-Only"


def policy(response, header: str = HEADER) -> dict[str, list[str]]:
    """The policy as {directive: [sources]}, failing when the header is missing."""
    assert header in response, f"no {header} header"
    directives = {}
    for part in response[header].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def test_a_public_page_gets_the_strict_policy(client, catalogue):
    first = client.get("/catalogue/")
    again = client.get("/catalogue/")

    assert again["X-Page-Cache"] == "hit"  # a page served from the store has it too
    for response in (first, again):
        csp = policy(response)
        assert csp["default-src"] == ["'self'"]
        # No nonce: the page cache and a CDN keep public pages with their header.
        assert csp["script-src"] == ["'self'"]
        assert csp["style-src"] == ["'self'"]
        assert csp["object-src"] == ["'none'"]
        assert csp["base-uri"] == ["'self'"]
        assert csp["frame-ancestors"] == ["'self'"]
        assert csp["form-action"] == ["'self'"]
        assert csp["img-src"] == ["'self'", "data:"]
        assert REPORT_ONLY_HEADER not in response


def test_api_answers_and_error_pages_get_it(client, home_page):
    api = client.get(
        "/graphql/", {"query": "{ __typename }"}, headers={"accept": "application/json"}
    )
    missing = client.get("/nulle-part/")

    assert api.status_code == 200 and missing.status_code == 404
    for response in (api, missing):
        assert policy(response)["script-src"] == ["'self'"]


class _InlineBlocks(HTMLParser):
    """The nonce of each inline <script> and <style>; None when it has none."""

    def __init__(self):
        super().__init__()
        self.nonces: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "style" or (tag == "script" and "src" not in attributes):
            self.nonces.append((tag, attributes.get("nonce")))


def test_graphiql_inline_blocks_carry_the_nonce_of_the_policy(client):
    response = client.get("/graphql/", headers={"accept": "text/html"})

    csp = policy(response)
    nonce_sources = [source for source in csp["script-src"] if source.startswith("'nonce-")]
    assert len(nonce_sources) == 1
    nonce = re.fullmatch(r"'nonce-(.+)'", nonce_sources[0]).group(1)
    assert nonce_sources[0] in csp["style-src"]
    assert "'unsafe-inline'" not in csp["script-src"]
    blocks = _InlineBlocks()
    blocks.feed(response.content.decode())
    assert {tag for tag, _ in blocks.nonces} == {"script", "style"}
    assert all(found == nonce for _, found in blocks.nonces), blocks.nonces
    # A fresh nonce per request.
    assert (
        policy(client.get("/graphql/", headers={"accept": "text/html"}))["script-src"]
        != (csp["script-src"])
    )


def test_the_admin_gets_its_relaxations_only(client, admin_user, home_page):
    client.force_login(admin_user)

    admin = policy(client.get(f"/admin/pages/{home_page.pk}/edit/"))
    public = policy(client.get("/"))

    assert admin["script-src"] == ["'self'", "'unsafe-inline'"]
    assert admin["style-src"] == ["'self'", "'unsafe-inline'"]
    assert admin["img-src"] == ["'self'", "data:", "blob:"]
    # The rest of the site's policy stays.
    assert admin["object-src"] == ["'none'"] and admin["frame-ancestors"] == ["'self'"]
    assert public["script-src"] == ["'self'"]


def test_report_only_mode_sends_the_same_policy_without_enforcing_it(
    client, settings, admin_user, home_page
):
    # What CSP_REPORT_ONLY=true sets (checked in the next test).
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = settings.CONTENT_SECURITY_POLICY
    settings.CONTENT_SECURITY_POLICY = None

    public = client.get("/")
    client.force_login(admin_user)
    admin = client.get("/admin/")

    assert HEADER not in public and HEADER not in admin
    assert policy(public, REPORT_ONLY_HEADER)["script-src"] == ["'self'"]
    assert policy(admin, REPORT_ONLY_HEADER)["script-src"] == ["'self'", "'unsafe-inline'"]


def test_csp_report_only_and_report_uri_come_from_the_environment():
    names = ("CONTENT_SECURITY_POLICY", "CONTENT_SECURITY_POLICY_REPORT_ONLY")
    enforced = _production(*names)
    rollout = _production(
        *names, CSP_REPORT_ONLY="true", CSP_REPORT_URI="https://rapports.example.org/csp"
    )

    assert enforced["CONTENT_SECURITY_POLICY_REPORT_ONLY"] is None
    assert "report-uri" not in enforced["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]
    assert rollout["CONTENT_SECURITY_POLICY"] is None
    directives = rollout["CONTENT_SECURITY_POLICY_REPORT_ONLY"]["DIRECTIVES"]
    assert directives["report-uri"] == ["https://rapports.example.org/csp"]
    assert (
        directives["script-src"] == enforced["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["script-src"]
    )


def test_media_and_headless_preview_on_other_hosts_are_admitted():
    values = _settings(
        "cms.settings.dev",
        "CONTENT_SECURITY_POLICY",
        "ADMIN_CSP_DIRECTIVES",
        MEDIA_URL="https://medias.example.net/reperes/",
        HEADLESS_PREVIEW_URL="http://localhost:3000/apercu",
    )
    directives = values["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]

    assert directives["img-src"] == ["'self'", "data:", "https://medias.example.net"]
    assert values["ADMIN_CSP_DIRECTIVES"]["img-src"][-2:] == ["https://medias.example.net", "blob:"]
    assert "http://localhost:3000" in directives["frame-src"]
