"""What a page tells search engines and link previews (cms/seo.py, cms/templatetags/seo_tags.py
and the head of templates/base.html): its title, description, canonical address, Open
Graph tags and favicon."""

from html.parser import HTMLParser
from pathlib import Path

import pytest

from django.conf import settings as django_settings

from wagtail.models import Collection, CollectionViewRestriction

from tests.factories.catalogue import ResourcePageFactory, ToolPageFactory
from tests.factories.images import ImageFactory
from tests.factories.training import TrainingModulePageFactory

from .conftest import SITE_URL

pytestmark = pytest.mark.django_db


class _Head(HTMLParser):
    """The title, the `<meta>` tags by name or property, and the `<link>`s by rel."""

    def __init__(self):
        super().__init__()
        self.title, self.meta, self.links, self._in_title = "", {}, {}, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "title":
            self._in_title = True
        elif tag == "meta" and ("property" in attrs or "name" in attrs):
            key = attrs.get("property") or attrs["name"]
            assert key not in self.meta, f"{key} given twice"
            self.meta[key] = attrs["content"]
        elif tag == "link":
            self.links.setdefault(attrs["rel"], []).append(attrs)

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def head(client, url) -> _Head:
    response = client.get(url)
    assert response.status_code == 200
    parser = _Head()
    parser.feed(response.content.decode())
    return parser


@pytest.fixture
def private_collection():
    collection = Collection.get_first_root_node().add_child(name="Interne")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    return collection


def test_home_title_names_the_site_once(client, home_page):
    title = head(client, "/").title

    assert title == "Repères — le numérique au service des associations"
    assert title.count("Repères") == 1


def test_page_title_then_site_name(client, catalogue):
    ToolPageFactory(parent=catalogue, slug="framadate", title="Framadate")

    assert head(client, "/catalogue/framadate/").title == "Framadate — Repères"


def test_seo_title_replaces_the_title(client, catalogue):
    ToolPageFactory(parent=catalogue, slug="outil", title="Outil", seo_title="Un outil de sondage")
    page = head(client, "/catalogue/outil/")

    assert page.title == "Un outil de sondage — Repères"
    assert page.meta["og:title"] == "Un outil de sondage"


def test_an_seo_title_naming_the_site_is_kept_whole(client, home_page):
    home_page.seo_title = "Repères, le numérique associatif en région"
    home_page.save_revision().publish()

    assert head(client, "/").title == "Repères, le numérique associatif en région"


def test_canonical_and_open_graph_from_site_url(client, public_site, catalogue):
    ToolPageFactory(
        parent=catalogue,
        slug="framadate",
        title="Framadate",
        summary="Trouver une date de réunion.",
    )

    page = head(client, "/catalogue/framadate/?utm_source=lettre")

    canonical = f"{SITE_URL}/catalogue/framadate/"
    assert [link["href"] for link in page.links["canonical"]] == [canonical]
    assert page.meta["og:url"] == canonical
    assert page.meta["og:title"] == "Framadate"
    assert page.meta["og:description"] == "Trouver une date de réunion."
    assert page.meta["description"] == "Trouver une date de réunion."
    assert page.meta["og:site_name"] == "Repères"
    assert page.meta["og:locale"] == "fr_FR"
    assert page.meta["og:type"] == "website"
    assert page.meta["twitter:card"] == "summary"


def test_canonical_of_a_listing_leaves_filters_and_pages_out(client, public_site, catalogue):
    page = head(client, "/catalogue/?kind=outil&page=1")

    assert [link["href"] for link in page.links["canonical"]] == [f"{SITE_URL}/catalogue/"]


def test_search_description_comes_first(client, catalogue):
    ToolPageFactory(
        parent=catalogue,
        slug="outil",
        summary="Le résumé.",
        search_description="Ce que voient les moteurs de recherche.",
    )

    page = head(client, "/catalogue/outil/")

    assert page.meta["og:description"] == "Ce que voient les moteurs de recherche."
    assert page.meta["description"] == "Ce que voient les moteurs de recherche."


def test_a_training_module_describes_itself(client, public_site, training_index):
    TrainingModulePageFactory(
        parent=training_index, slug="rgpd", title="Le RGPD", summary="Protéger les données."
    )

    page = head(client, "/formations/rgpd/")

    assert page.title == "Le RGPD — Repères"
    assert page.meta["og:description"] == "Protéger les données."
    assert page.meta["og:url"] == f"{SITE_URL}/formations/rgpd/"


def test_open_graph_image_is_an_absolute_rendition_of_the_logo(client, public_site, catalogue):
    logo = ImageFactory(file__width=400, file__height=300)
    ToolPageFactory(parent=catalogue, slug="outil", logo=logo)

    page = head(client, "/catalogue/outil/")

    rendition = logo.get_rendition("max-1200x1200")
    assert page.meta["og:image"] == f"{SITE_URL}{rendition.url}"
    assert (page.meta["og:image:width"], page.meta["og:image:height"]) == ("400", "300")


def test_no_open_graph_image_without_a_logo(client, catalogue):
    ToolPageFactory(parent=catalogue, slug="outil", logo=None)

    assert "og:image" not in head(client, "/catalogue/outil/").meta


def test_a_private_logo_is_never_shown_nor_previewed(client, catalogue, private_collection):
    logo = ImageFactory(collection=private_collection)
    ResourcePageFactory(parent=catalogue, slug="guide", logo=logo)

    html = client.get("/catalogue/guide/").content.decode()

    assert "og:image" not in html
    assert "offer__logo" not in html
    assert "/media/images/" not in html


def test_favicon_is_linked_and_served(client, home_page):
    icons = head(client, "/").links["icon"]

    assert [(icon["href"], icon["type"]) for icon in icons] == [
        ("/static/favicon.svg", "image/svg+xml")
    ]
    svg = Path(django_settings.BASE_DIR, "static", "favicon.svg").read_text()
    assert svg.startswith("<svg") and 'viewBox="0 0 32 32"' in svg
