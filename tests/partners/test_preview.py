"""The partner preview is a second preview mode: our HTML pages and the admin's own
preview are unchanged."""

import pytest

from django.test import RequestFactory

from partners.preview import PARTNER_MODE
from tests.factories.catalogue import ToolPageFactory

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
