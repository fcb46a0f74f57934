"""`/sitemap.xml` (cms/sitemap.py): every visible page, and only those, at an absolute
address built from SITE_URL."""

import xml.etree.ElementTree as ET

import pytest

from wagtail.models import PageViewRestriction

from tests.factories.catalogue import ResourcePageFactory, ToolPageFactory
from tests.factories.training import TrainingModulePageFactory

from .conftest import SITE_URL

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def _entries(client) -> dict[str, ET.Element]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314  (our own response)
    return {url.findtext("s:loc", namespaces=NS): url for url in root.findall("s:url", NS)}


def test_sitemap_lists_visible_pages_at_site_url(client, public_site, catalogue, training_index):
    ToolPageFactory(parent=catalogue, slug="outil")
    TrainingModulePageFactory(parent=training_index, slug="rgpd")

    entries = _entries(client)

    assert set(entries) == {
        f"{SITE_URL}/",
        f"{SITE_URL}/catalogue/",
        f"{SITE_URL}/catalogue/outil/",
        f"{SITE_URL}/formations/",
        f"{SITE_URL}/formations/rgpd/",
    }
    assert entries[f"{SITE_URL}/catalogue/outil/"].findtext("s:lastmod", namespaces=NS)


def test_sitemap_leaves_out_drafts_and_everything_under_a_restriction(
    client, public_site, catalogue, training_index
):
    ToolPageFactory(parent=catalogue, slug="brouillon", live=False)
    ResourcePageFactory(parent=catalogue, slug="publique")
    PageViewRestriction.objects.create(
        page=training_index, restriction_type="password", password="secret"
    )
    TrainingModulePageFactory(parent=training_index, slug="sous-une-restriction")

    assert set(_entries(client)) == {
        f"{SITE_URL}/",
        f"{SITE_URL}/catalogue/",
        f"{SITE_URL}/catalogue/publique/",
    }


def test_sitemap_follows_an_unpublished_page(client, public_site, catalogue):
    page = ToolPageFactory(parent=catalogue, slug="retiree")
    assert f"{SITE_URL}/catalogue/retiree/" in _entries(client)

    page.unpublish()

    assert f"{SITE_URL}/catalogue/retiree/" not in _entries(client)


def test_sitemap_reads_pages_as_plain_rows_whatever_their_types(
    client, public_site, catalogue, training_index, settings
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cms import content_version

    settings.PAGE_CACHE_TIMEOUT = 0
    ToolPageFactory(parent=catalogue, slug="outil")
    ResourcePageFactory(parent=catalogue, slug="guide")
    TrainingModulePageFactory(parent=training_index, slug="rgpd")

    def lastmods():
        return {
            loc: url.findtext("s:lastmod", namespaces=NS) for loc, url in _entries(client).items()
        }

    entries = lastmods()
    content_version.bump()  # as a publish does

    with CaptureQueriesContext(connection) as ctx:
        assert lastmods() == entries
    # The site, the count of pages and their rows: no query per page type.
    assert len(ctx.captured_queries) <= 3, [q["sql"][:120] for q in ctx.captured_queries]
    assert len(entries) == 6 and all(entries.values())
