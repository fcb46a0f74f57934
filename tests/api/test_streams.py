"""Block fields show only what the public may see, and no raw value."""

import pytest

from wagtail.models import Collection, CollectionViewRestriction

from tests.factories.catalogue import ToolPageFactory
from tests.factories.documents import DocumentFactory
from tests.factories.images import ImageFactory
from tests.graphql_client import graphql_data, graphql_errors

pytestmark = pytest.mark.django_db

BODY = """
{
  offer(slug: "avec-blocs") {
    body {
      ... on CallToActionBlock {
        href
        blocks { field ... on PageChooserBlock { page { slug } } ... on TextBlock { value } }
      }
      ... on OfferLinksBlock {
        liveOffers { slug }
        blocks { ... on ListBlock { items { ... on PageChooserBlock { page { slug } } } } }
      }
      ... on DocumentBlock {
        document { title }
        blocks { ... on DocumentChooserBlock { document { title } } }
      }
      ... on ImageBlock { image { title } blocks { ... on ImageChooserBlock { image { title } } } }
    }
  }
}
"""


@pytest.fixture
def private_collection():
    collection = Collection.get_first_root_node().add_child(name="Interne")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    return collection


def _body(page, document, image):
    return [
        # No `text`: stored before the child existed, it reads as an empty text.
        {
            "type": "call_to_action",
            "value": {"title": "Voir", "link_text": "Voir", "page": page.pk},
        },
        {"type": "offer_links", "value": {"heading": "Aussi", "offers": [page.pk]}},
        {"type": "document", "value": {"document": document.pk, "title": "Guide"}},
        {"type": "image", "value": {"image": image.pk, "alt_text": "", "caption": ""}},
    ]


def _chosen(body):
    cta, links, document, image = body
    return {
        "href": cta["href"],
        "cta page": next(b["page"] for b in cta["blocks"] if b["field"] == "page"),
        "cta text": next(b["value"] for b in cta["blocks"] if b["field"] == "text"),
        "offer links": links["liveOffers"],
        "list items": links["blocks"][1]["items"],
        "document": document["document"],
        "chosen document": document["blocks"][0]["document"],
        "image": image["image"],
        "chosen image": image["blocks"][0]["image"],
    }


def test_blocks_hide_drafts_and_private_media(client, catalogue, private_collection):
    draft = ToolPageFactory(parent=catalogue, slug="brouillon", live=False)
    document = DocumentFactory(title="Interne", collection=private_collection)
    image = ImageFactory(title="Interne", collection=private_collection)
    ToolPageFactory(parent=catalogue, slug="avec-blocs", body=_body(draft, document, image))

    chosen = _chosen(graphql_data(client, BODY)["offer"]["body"])

    assert chosen == {
        "href": None,
        "cta page": None,
        "cta text": "",
        "offer links": [],
        "list items": [{"page": None}],
        "document": None,
        "chosen document": None,
        "image": None,
        "chosen image": None,
    }


def test_blocks_show_live_pages_and_public_media(client, catalogue):
    live = ToolPageFactory(parent=catalogue, slug="publiee")
    document = DocumentFactory(title="Public")
    image = ImageFactory(title="Publique")
    ToolPageFactory(parent=catalogue, slug="avec-blocs", body=_body(live, document, image))

    chosen = _chosen(graphql_data(client, BODY)["offer"]["body"])

    assert chosen["cta page"] == {"slug": "publiee"}
    assert chosen["list items"] == [{"page": {"slug": "publiee"}}]
    assert chosen["chosen document"] == chosen["document"] == {"title": "Public"}
    assert chosen["chosen image"] == chosen["image"] == {"title": "Publique"}


@pytest.mark.parametrize(
    "field", ["rawValue", "... on VideoBlock { blocks { ... on EmbedBlock { rawEmbed } } }"]
)
def test_raw_fields_are_not_in_the_schema(client, catalogue, field):
    ToolPageFactory(parent=catalogue, slug="avec-blocs")

    errors = graphql_errors(client, f'{{ offer(slug: "avec-blocs") {{ body {{ {field} }} }} }}')

    assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT"
