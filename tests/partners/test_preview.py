"""The partner preview is a second preview mode: our HTML pages and the admin's own
preview are unchanged."""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

from django.test import RequestFactory
from django.urls import reverse

from wagtail.test.utils.form_data import nested_form_data

from catalogue.models import ToolPage
from partners.preview import PARTNER_MODE
from tests.catalogue.test_admin_offers import _common, _kind_data
from tests.factories.catalogue import ActorFactory, ToolPageFactory
from tests.graphql_client import graphql_data

pytestmark = pytest.mark.django_db


def test_without_a_partner_front_end_only_our_preview_is_offered(catalogue, settings):
    settings.HEADLESS_PREVIEW_URL = ""
    offer = ToolPageFactory(parent=catalogue)
    assert [mode for mode, _label in offer.preview_modes] == [""]
    response = offer.serve_preview(RequestFactory().get("/"), PARTNER_MODE)
    assert b"<iframe" not in response.render().content


def test_the_partner_mode_is_added_beside_ours(catalogue, settings):
    settings.HEADLESS_PREVIEW_URL = "https://partenaire.example.org/apercu"
    offer = ToolPageFactory(parent=catalogue, title="Outil visible")
    assert [mode for mode, _label in offer.preview_modes] == ["", PARTNER_MODE]
    own = offer.serve_preview(RequestFactory().get("/", SERVER_NAME="testserver"), "")
    html = own.render().content.decode()
    assert '<html lang="fr"' in html
    assert "Outil visible" in html


def test_pages_are_still_served_as_html(client, catalogue, settings):
    settings.HEADLESS_PREVIEW_URL = "https://partenaire.example.org/apercu"
    offer = ToolPageFactory(parent=catalogue, slug="framadate")
    response = client.get(offer.url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")


def test_the_admin_partner_preview_hands_the_unsaved_draft_to_the_partner(
    client, catalogue, admin_user, settings
):
    """The whole flow: an editor types in the edit form, picks « Site partenaire »; the
    partner's page gets a token, and `preview(token:)` answers what the editor typed."""
    settings.HEADLESS_PREVIEW_URL = "https://partenaire.example.org/apercu"
    settings.WAGTAIL_HEADLESS_PREVIEW = {
        "CLIENT_URLS": {"default": settings.HEADLESS_PREVIEW_URL},
        "ENFORCE_TRAILING_SLASH": False,
    }
    offer = ToolPageFactory(parent=catalogue, slug="framadate", title="Titre publié")
    client.force_login(admin_user)
    data = nested_form_data(
        {**_common(ActorFactory(), None, None, "framadate"), **_kind_data(ToolPage)}
    )
    data["title"] = "Titre tapé dans l'éditeur"
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[offer.pk])
    assert client.post(url, data).json()["is_valid"]
    framed = client.get(url, {"mode": PARTNER_MODE}).content.decode()
    src = unescape(re.search(r'<iframe src="([^"]+)"', framed)[1])
    assert src.startswith("https://partenaire.example.org/apercu?")
    token = parse_qs(urlsplit(src).query)["token"][0]

    query = "query($t: String!) { preview(token: $t) { title } }"
    assert graphql_data(client, query, {"t": token}) == {
        "preview": {"title": "Titre tapé dans l'éditeur"}
    }
    offer.refresh_from_db()
    assert offer.title == "Titre publié"
