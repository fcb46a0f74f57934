"""Page routes kept per content generation (cms/page_routing.py) follow every change."""

import pytest

from tests.factories.catalogue import ToolPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    # Routes are what is under test, not whole responses.
    settings.PAGE_CACHE_TIMEOUT = 0


def test_a_renamed_page_moves_to_its_new_address(client, catalogue):
    tool = ToolPageFactory(parent=catalogue, slug="ancien-nom", title="Outil renommé")
    assert client.get("/catalogue/ancien-nom/").status_code == 200

    tool.slug = "nouveau-nom"
    tool.save_revision().publish()

    assert client.get("/catalogue/ancien-nom/").status_code == 404
    assert "Outil renommé" in client.get("/catalogue/nouveau-nom/").content.decode()


def test_a_moved_page_is_served_at_its_new_place(client, catalogue, home_page):
    tool = ToolPageFactory(parent=catalogue, slug="deplace")
    assert client.get("/catalogue/deplace/").status_code == 200

    tool.move(home_page, pos="last-child")

    old = client.get("/catalogue/deplace/")
    assert old.status_code == 301  # Wagtail's automatic redirect, not the old route
    assert old["Location"] == "/deplace/"
    assert client.get("/deplace/").status_code == 200


def test_an_unpublished_page_is_gone_at_once(client, catalogue):
    tool = ToolPageFactory(parent=catalogue, slug="retire")
    assert client.get("/catalogue/retire/").status_code == 200

    tool.unpublish()

    assert client.get("/catalogue/retire/").status_code == 404


def test_a_known_route_loads_only_the_page_it_serves(client, catalogue):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ToolPageFactory(parent=catalogue, slug="route")
    client.get("/catalogue/route/")

    with CaptureQueriesContext(connection) as ctx:
        client.get("/catalogue/route/")

    sql = [query["sql"] for query in ctx.captured_queries]
    assert not any('FROM "wagtailcore_site"' in query for query in sql)
    assert sum('"catalogue_toolpage"' in query.split(" WHERE ")[0] for query in sql) >= 1
    # Neither the catalogue index nor the home page is loaded to reach the offer.
    assert not any('FROM "catalogue_catalogueindexpage"' in query for query in sql)
    assert not any('FROM "home_homepage"' in query for query in sql)
