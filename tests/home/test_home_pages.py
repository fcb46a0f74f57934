import pytest

from home.models import FeaturedCollection, StandardPage
from tests.factories.catalogue import ThematicCollectionPageFactory, ToolPageFactory

pytestmark = pytest.mark.django_db


def test_home_shows_featured_collections_and_latest_offers(client, home_page, catalogue):
    collection = ThematicCollectionPageFactory(parent=catalogue, title="Bien démarrer")
    draft = ThematicCollectionPageFactory(
        parent=catalogue, title="Collection brouillon", live=False
    )
    ToolPageFactory(parent=catalogue, title="Dernier outil")
    home_page.featured_collections = [
        FeaturedCollection(collection=collection, sort_order=0),
        FeaturedCollection(collection=draft, sort_order=1),
    ]
    home_page.save_revision().publish()

    html = client.get("/").content.decode()

    assert "Bien démarrer" in html
    assert "Collection brouillon" not in html
    assert "Dernier outil" in html


def test_standard_page(client, home_page):
    page = StandardPage(title="À propos", slug="a-propos", intro="Qui sommes-nous ?")
    home_page.add_child(instance=page)
    page.save_revision().publish()

    response = client.get("/a-propos/")

    assert response.status_code == 200
    assert "Qui sommes-nous ?" in response.content.decode()
