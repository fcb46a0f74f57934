"""`/robots.txt` (cms/robots.py): the sitemap's absolute address, and the private paths."""

import pytest

from wagtail.models import PageViewRestriction

from tests.factories.catalogue import ToolPageFactory

pytestmark = pytest.mark.django_db


def _rules(response) -> list[tuple[str, str]]:
    lines = response.content.decode().splitlines()
    return [tuple(part.strip() for part in line.split(":", 1)) for line in lines if line.strip()]


def test_robots_points_to_the_sitemap_at_site_url(client, settings):
    settings.SITE_URL = "https://reperes.example.org"

    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert ("Sitemap", "https://reperes.example.org/sitemap.xml") in _rules(response)


def test_robots_keeps_crawlers_out_of_the_private_paths(client):
    rules = _rules(client.get("/robots.txt"))

    assert rules[0] == ("User-agent", "*")
    disallowed = {value for key, value in rules if key == "Disallow"}
    assert {"/admin/", "/graphql", "/_util/"} <= disallowed
    assert ("Disallow", "/") not in rules


def test_robots_never_names_a_private_page(client, catalogue):
    private = ToolPageFactory(parent=catalogue, slug="projet-confidentiel")
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    assert "projet-confidentiel" not in client.get("/robots.txt").content.decode()
