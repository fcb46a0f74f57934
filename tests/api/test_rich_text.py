"""Rich text in a list costs the same SQL whatever the number of items: the pages,
documents and images that all the items' texts link are loaded together."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogue.models import ReperesRendition
from cms.api.loaders import peers_of
from tests.factories.catalogue import ThematicCollectionPageFactory, ToolPageFactory
from tests.factories.documents import DocumentFactory
from tests.factories.images import ImageFactory
from tests.graphql_client import graphql_data

pytestmark = pytest.mark.django_db

OFFERS = "{ offers(perPage: 100) { items { body { ... on ParagraphBlock { value } } } } }"
COLLECTIONS = "{ collections(perPage: 100) { items { intro } } }"


def _rich_text(n: int, linked) -> str:
    return (
        f'<p><a linktype="page" id="{linked.pk}">Offre {n}</a> '
        f'<a linktype="document" id="{DocumentFactory().pk}">guide {n}</a></p>'
        f'<embed embedtype="image" id="{ImageFactory().pk}" format="left" alt="{n}"/>'
    )


def _queries(client, query) -> tuple[int, dict]:
    # The first run creates the image renditions, and warms the per-process caches
    # (content types, site root paths); the second one is measured.
    graphql_data(client, query)
    with CaptureQueriesContext(connection) as context:
        data = graphql_data(client, query)
    return len(context.captured_queries), data


def test_offers_rich_text_costs_the_same_for_2_and_8_items(client, catalogue):
    linked = ToolPageFactory(parent=catalogue, slug="liee")

    def add(count):
        for n in range(count):
            body = [{"type": "paragraph", "value": _rich_text(n, linked)}]
            ToolPageFactory(parent=catalogue, body=body)

    add(2)
    small, _ = _queries(client, OFFERS)
    add(6)
    large, data = _queries(client, OFFERS)

    assert large == small
    linking = [item for item in data["offers"]["items"] if item["body"]]
    assert len(linking) == 8
    assert all("/catalogue/liee/" in item["body"][0]["value"] for item in linking)


def test_rich_text_fields_cost_the_same_for_2_and_8_items(client, catalogue):
    linked = ToolPageFactory(parent=catalogue, slug="liee")

    def add(count):
        for n in range(count):
            collection = ThematicCollectionPageFactory(
                parent=catalogue, intro=_rich_text(n, linked)
            )
            collection.save_revision().publish()

    add(2)
    small, _ = _queries(client, COLLECTIONS)
    add(6)
    large, data = _queries(client, COLLECTIONS)

    assert large == small
    assert all("/catalogue/liee/" in item["intro"] for item in data["collections"]["items"])


def test_a_cached_rendition_holds_its_image_without_the_images_loaded_with_it(client, catalogue):
    # Wagtail caches the rendition of an embedded image with the image; the images of a
    # list are loaded together, and each knows the others (its peers) for batching.
    linked = ToolPageFactory(parent=catalogue, slug="liee")
    for n in range(3):
        ToolPageFactory(
            parent=catalogue, body=[{"type": "paragraph", "value": _rich_text(n, linked)}]
        )
    graphql_data(client, OFFERS)

    renditions = ReperesRendition.objects.all()
    assert len(renditions) == 3
    for rendition in renditions:
        cached = ReperesRendition.cache_backend.get(rendition.get_cache_key())
        assert cached.image.pk == rendition.image_id
        assert peers_of(cached.image) == [cached.image]
