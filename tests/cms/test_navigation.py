"""The header and footer links and the breadcrumbs (cms/templatetags/navigation_tags.py)."""

import pytest

from home.models import StandardPage
from tests.factories.catalogue import ToolPageFactory

pytestmark = pytest.mark.django_db


def _main_nav(html: str) -> str:
    start = html.index('class="main-nav"')
    return html[start : html.index("</ul>", start)]


def test_the_navigation_links_only_visible_pages(client, catalogue, home_page):
    about = home_page.add_child(
        instance=StandardPage(title="À propos", slug="a-propos", live=False)
    )

    nav = _main_nav(client.get("/catalogue/").content.decode())
    assert 'href="/catalogue/"' in nav
    assert "/a-propos/" not in nav

    about.save_revision().publish()

    assert 'href="/a-propos/"' in _main_nav(client.get("/catalogue/").content.decode())


def test_the_navigation_costs_no_query_once_known(client, catalogue, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_TIMEOUT = 0
    client.get("/catalogue/")
    with CaptureQueriesContext(connection) as ctx:
        client.get("/catalogue/")

    assert not any('"wagtailcore_page"."slug" IN' in q["sql"] for q in ctx.captured_queries)


def test_breadcrumbs_follow_a_renamed_ancestor(client, catalogue):
    ToolPageFactory(parent=catalogue, slug="outil")
    assert ">Catalogue</a>" in client.get("/catalogue/outil/").content.decode()

    catalogue.title = "Toutes les offres"
    catalogue.save_revision().publish()

    html = client.get("/catalogue/outil/").content.decode()
    breadcrumbs = html[html.index('class="breadcrumbs"') :]
    assert ">Toutes les offres</a>" in breadcrumbs
