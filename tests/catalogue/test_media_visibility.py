"""Images and documents of a private collection never show on the public pages."""

import pytest

from wagtail.models import Collection, CollectionViewRestriction

from cms.visibility import media_is_visible
from tests.factories.catalogue import ActorFactory, ResourcePageFactory
from tests.factories.documents import DocumentFactory
from tests.factories.images import ImageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_collection():
    collection = Collection.get_first_root_node().add_child(name="Interne")
    sub = collection.add_child(name="Interne › Bureau")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    return sub


def test_a_sub_collection_of_a_private_one_is_private(private_collection):
    assert not media_is_visible(DocumentFactory(collection=private_collection))
    assert media_is_visible(DocumentFactory())


def test_resource_page_hides_a_private_document(client, catalogue, private_collection):
    document = DocumentFactory(title="Compte rendu interne", collection=private_collection)
    page = ResourcePageFactory(parent=catalogue, document=document, resource_url="")
    html = client.get(page.url).content.decode()
    assert "Compte rendu interne" not in html
    assert document.url not in html


def test_resource_page_shows_a_public_document(client, catalogue):
    document = DocumentFactory(title="Guide public")
    page = ResourcePageFactory(parent=catalogue, document=document, resource_url="")
    assert document.url in client.get(page.url).content.decode()


def test_offer_page_hides_private_blocks_and_logo(client, catalogue, private_collection):
    document = DocumentFactory(title="Budget confidentiel", collection=private_collection)
    image = ImageFactory(collection=private_collection)
    provider = ActorFactory(logo=ImageFactory(collection=private_collection))
    page = ResourcePageFactory(
        parent=catalogue,
        provider=provider,
        body=[
            ("document", {"document": document, "title": "Budget"}),
            ("image", {"image": image, "alt_text": "Photo", "caption": "Légende privée"}),
        ],
    )
    html = client.get(page.url).content.decode()
    assert document.url not in html
    assert "Légende privée" not in html
    assert "provider__logo" not in html


def test_listings_hide_private_logos_in_the_same_queries(client, catalogue, private_collection):
    from tests.graphql_client import graphql_data

    private = ImageFactory(collection=private_collection)
    public = ImageFactory()
    ResourcePageFactory(
        parent=catalogue, title="A privé", logo=private, provider=ActorFactory(logo=private)
    )
    ResourcePageFactory(parent=catalogue, title="B public", logo=public)

    offers = client.get("/catalogue/").context["offers"]
    assert [(offer.title, offer.logo) for offer in offers] == [
        ("A privé", None),
        ("B public", public),
    ]
    assert offers[0].provider.logo is None

    data = graphql_data(client, "{ offers { items { title logo { id } } } }")
    assert data["offers"]["items"] == [
        {"title": "A privé", "logo": None},
        {"title": "B public", "logo": {"id": str(public.pk)}},
    ]
