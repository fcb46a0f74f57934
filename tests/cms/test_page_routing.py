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


def test_after_a_change_one_query_finds_the_page_and_its_breadcrumbs(client, catalogue):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cms import content_version

    ToolPageFactory(parent=catalogue, slug="outil", title="Un outil")
    client.get("/catalogue/outil/")
    content_version.bump()  # as a publish does: routes and breadcrumbs forgotten

    with CaptureQueriesContext(connection) as ctx:
        html = client.get("/catalogue/outil/").content.decode()

    tree = [q["sql"] for q in ctx.captured_queries if 'FROM "wagtailcore_page"' in q["sql"]]
    # The route by url_path; the navigation's links are the only other read of the tree.
    assert sum('"url_path" IN' in query for query in tree) == 1
    assert len(tree) == 2, tree
    breadcrumbs = html[html.index('class="breadcrumbs"') :]
    assert '<a href="/catalogue/">Catalogue</a>' in breadcrumbs


def test_a_page_whose_url_path_disagrees_with_the_tree_is_routed_by_wagtail(client, catalogue):
    from wagtail.models import Page

    tool = ToolPageFactory(parent=catalogue, slug="outil", title="Outil mal rangé")
    Page.objects.filter(pk=tool.pk).update(url_path="/accueil/catalogue/ailleurs/")

    assert "Outil mal rangé" in client.get("/catalogue/outil/").content.decode()
    assert client.get("/catalogue/ailleurs/").status_code == 404


def test_a_child_of_an_unpublished_page_is_served_as_wagtail_serves_it(client, catalogue):
    ToolPageFactory(parent=catalogue, slug="outil", title="Toujours là")
    catalogue.unpublish()

    assert client.get("/catalogue/").status_code == 404
    assert "Toujours là" in client.get("/catalogue/outil/").content.decode()


def test_a_publish_leaves_the_site_known_and_a_site_change_is_followed(client, catalogue):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from wagtail.models import Site

    tool = ToolPageFactory(parent=catalogue, slug="outil", title="Un outil")
    client.get("/catalogue/outil/")
    tool.title = "Un outil renommé"
    tool.save_revision().publish()

    with CaptureQueriesContext(connection) as ctx:
        html = client.get("/catalogue/outil/").content.decode()

    assert "Un outil renommé" in html
    assert not any('FROM "wagtailcore_site"' in q["sql"] for q in ctx.captured_queries)

    # The site now roots at the catalogue: its pages move up one level at once.
    site = Site.objects.get(is_default_site=True)
    site.root_page = catalogue
    site.save()
    assert client.get("/catalogue/outil/").status_code == 404
    assert "Un outil renommé" in client.get("/outil/").content.decode()
