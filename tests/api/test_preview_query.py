"""`preview(token:)`: a partner's front end reads the draft an editor previews, with the
token of wagtail-headless-preview; anything else gets null."""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

from django.core import signing
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from home.models import HomePage
from partners.preview import PARTNER_MODE, PartnerPreviewMixin
from tests.factories.catalogue import ToolPageFactory
from tests.graphql_client import graphql_data, post_graphql

pytestmark = pytest.mark.django_db

PREVIEW = """
query($token: String!) {
  preview(token: $token) { id title ... on ToolPage { summary } }
}
"""


@pytest.fixture
def partner_front(settings):
    settings.HEADLESS_PREVIEW_URL = "https://partenaire.example.org/apercu"
    settings.WAGTAIL_HEADLESS_PREVIEW = {
        "CLIENT_URLS": {"default": settings.HEADLESS_PREVIEW_URL},
        "ENFORCE_TRAILING_SLASH": False,
    }
    return settings.HEADLESS_PREVIEW_URL


@pytest.fixture
def draft(catalogue):
    offer = ToolPageFactory(parent=catalogue, title="Titre publié", summary="Publié.")
    offer.title = "Titre du brouillon"
    offer.summary = "Résumé en cours de rédaction."
    offer.save_revision()
    return offer.get_latest_revision_as_object()


def _partner_preview_token(page, front_url) -> str:
    """What the admin does in the « Site partenaire » mode: the page it answers frames
    the partner's front end, with the token in the address."""
    request = RequestFactory().get("/admin/pages/preview/", SERVER_NAME="testserver")
    response = page.serve_preview(request, PARTNER_MODE)
    src = unescape(re.search(r'<iframe src="([^"]+)"', response.content.decode())[1])
    assert src.startswith(front_url + "?")
    query = parse_qs(urlsplit(src).query)
    assert query["content_type"] == ["catalogue.toolpage"]
    return query["token"][0]


def test_the_partner_reads_the_draft(client, draft, partner_front):
    token = _partner_preview_token(draft, partner_front)
    page = graphql_data(client, PREVIEW, {"token": token})["preview"]
    assert page == {
        "id": str(draft.pk),
        "title": "Titre du brouillon",
        "summary": "Résumé en cours de rédaction.",
    }


def test_the_live_api_still_shows_the_published_version(client, draft, partner_front):
    _partner_preview_token(draft, partner_front)
    query = "query($id: ID) { offer(id: $id) { title } }"
    assert graphql_data(client, query, {"id": str(draft.pk)})["offer"]["title"] == "Titre publié"


@pytest.mark.parametrize(
    "token",
    [
        "id=1:forged",
        "id=1:1vPQkR:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "",
        "x" * 5000,
        "page_type=catalogue.toolpage;parent_id=1",
    ],
)
def test_a_forged_token_gets_null(client, draft, partner_front, token):
    _partner_preview_token(draft, partner_front)  # a real preview exists meanwhile
    assert graphql_data(client, PREVIEW, {"token": token}) == {"preview": None}


def test_a_token_with_a_nul_byte_is_refused_before_it_is_read(client, draft, partner_front):
    body = post_graphql(client, PREVIEW, {"token": "a\u0000b"}).json()
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert body.get("data") is None


def test_a_token_for_another_page_id_is_refused(client, draft, partner_front):
    token = _partner_preview_token(draft, partner_front)
    value, timestamp, signature = token.rsplit(":", 2)
    tampered = f"id={draft.pk + 1}:{timestamp}:{signature}"
    assert graphql_data(client, PREVIEW, {"token": tampered}) == {"preview": None}


def test_an_expired_token_gets_null(client, draft, partner_front, monkeypatch):
    real_time = signing.time.time
    monkeypatch.setattr(signing.time, "time", lambda: real_time() - 2 * 24 * 3600)
    token = _partner_preview_token(draft, partner_front)
    monkeypatch.setattr(signing.time, "time", real_time)
    assert graphql_data(client, PREVIEW, {"token": token}) == {"preview": None}


def test_a_signed_token_of_a_page_type_without_partner_preview_gets_null(
    client, home_page, partner_front
):
    assert not issubclass(HomePage, PartnerPreviewMixin)
    token = PartnerPreviewMixin.get_preview_signer().sign(f"id={home_page.pk}")
    assert graphql_data(client, PREVIEW, {"token": token}) == {"preview": None}


def test_a_preview_answer_is_never_cached(client, draft, partner_front):
    token = _partner_preview_token(draft, partner_front)
    params = {"query": PREVIEW, "variables": f'{{"token": "{token}"}}'}
    response = client.get("/graphql/", params)
    assert response.json()["data"]["preview"]["title"] == "Titre du brouillon"
    assert "no-store" in response["Cache-Control"] and "ETag" not in response

    # Asked again, it is read afresh: the server's response cache kept nothing.
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/graphql/", params).json() == response.json()
    assert len(queries) > 0
