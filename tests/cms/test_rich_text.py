"""Rich text links nothing the public may not see, in the HTML pages and in the API."""

import pytest

from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from tests.factories.catalogue import ThematicCollectionPageFactory, ToolPageFactory
from tests.factories.documents import DocumentFactory
from tests.factories.images import ImageFactory
from tests.graphql_client import graphql_data

pytestmark = pytest.mark.django_db

API = """
query($slug: String) {
  offer(slug: $slug) { body { ... on ParagraphBlock { value } } }
  collection(slug: "selection") { intro }
}
"""


@pytest.fixture
def linked(catalogue):
    private = Collection.get_first_root_node().add_child(name="Interne")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    restricted = ToolPageFactory(parent=catalogue, slug="restreinte")
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    return {
        "live": ToolPageFactory(parent=catalogue, slug="publiee"),
        "draft": ToolPageFactory(parent=catalogue, slug="brouillon", live=False),
        "restricted": restricted,
        "public_document": DocumentFactory(title="Public", file__filename="public.pdf"),
        "private_document": DocumentFactory(collection=private, file__filename="interne.pdf"),
        "public_image": ImageFactory(file__filename="publique.png"),
        "private_image": ImageFactory(collection=private, file__filename="privee.png"),
    }


def _rich_text(linked) -> str:
    return (
        f'<p><a linktype="page" id="{linked["live"].pk}">vers la publiée</a>, '
        f'<a linktype="page" id="{linked["draft"].pk}">vers le brouillon</a>, '
        f'<a linktype="page" id="{linked["restricted"].pk}">vers la restreinte</a>, '
        f'<a linktype="page" id="abc">vers nulle part</a>, '
        f'<a linktype="document" id="{linked["public_document"].pk}">guide public</a>, '
        f'<a linktype="document" id="{linked["private_document"].pk}">guide interne</a>.</p>'
        f'<embed embedtype="image" id="{linked["public_image"].pk}" format="left" alt="A"/>'
        f'<embed embedtype="image" id="{linked["private_image"].pk}" format="left" alt="B"/>'
    )


def _assert_only_visible_links(html: str, linked) -> None:
    assert 'href="/catalogue/publiee/"' in html or "/catalogue/publiee/" in html
    for text in ("vers le brouillon", "vers la restreinte", "vers nulle part", "guide interne"):
        assert f"<a>{text}</a>" in html, text
    assert "brouillon/" not in html
    assert "restreinte/" not in html
    assert linked["public_document"].url in html
    assert "interne.pdf" not in html
    assert "publique" in html
    assert "privee" not in html


def test_html_pages_link_only_visible_pages_and_media(client, catalogue, linked):
    page = ToolPageFactory(
        parent=catalogue,
        slug="avec-liens",
        body=[{"type": "paragraph", "value": _rich_text(linked)}],
    )

    html = client.get(page.url).content.decode()

    _assert_only_visible_links(html, linked)


def test_api_rich_text_links_only_visible_pages_and_media(client, catalogue, linked):
    ToolPageFactory(
        parent=catalogue,
        slug="avec-liens",
        body=[{"type": "paragraph", "value": _rich_text(linked)}],
    )
    collection = ThematicCollectionPageFactory(
        parent=catalogue, slug="selection", intro=_rich_text(linked)
    )
    collection.save_revision().publish()

    data = graphql_data(client, API, {"slug": "avec-liens"})

    _assert_only_visible_links(data["offer"]["body"][0]["value"], linked)
    _assert_only_visible_links(data["collection"]["intro"], linked)
