import pytest

from tests.factories.catalogue import (
    ActorFactory,
    AudienceFactory,
    CollectionItemFactory,
    ResourcePageFactory,
    ThematicCollectionPageFactory,
    ThemeFactory,
    ToolPageFactory,
)
from tests.graphql_client import graphql_data

pytestmark = pytest.mark.django_db


def test_themes_and_audiences(client):
    parent = ThemeFactory(slug="gestion", name="Gestion")
    ThemeFactory(slug="dons", name="Dons", parent=parent)
    AudienceFactory(slug="benevoles", name="Bénévoles")

    data = graphql_data(client, "{ themes { slug parentSlug } audiences { slug name } }")

    assert data["themes"] == [
        {"slug": "gestion", "parentSlug": None},
        {"slug": "dons", "parentSlug": "gestion"},
    ]
    assert data["audiences"] == [{"slug": "benevoles", "name": "Bénévoles"}]


def test_actors_never_expose_user_accounts(client, django_user_model):
    actor = ActorFactory(name="Tiers-lieu de Tours")
    actor.users.add(
        django_user_model.objects.create_user("membre", "membre@personnel.example", "x")
    )

    data = graphql_data(
        client, '{ actors(search: "tours") { items { name contactEmail } pagination { total } } }'
    )

    assert data["actors"]["items"] == [
        {"name": "Tiers-lieu de Tours", "contactEmail": actor.contact_email}
    ]
    response = client.post(
        "/graphql/",
        {"query": "{ actors { items { users { email } } } }"},
        content_type="application/json",
    )
    assert "membre@personnel.example" not in response.content.decode()


def test_facets_count_filtered_results(client, catalogue):
    theme = ThemeFactory(slug="rgpd")
    ToolPageFactory(parent=catalogue, themes=[theme], pricing_model="gratuit")
    ToolPageFactory(parent=catalogue, pricing_model="payant")
    ResourcePageFactory(parent=catalogue, themes=[theme], pricing_model="gratuit")

    data = graphql_data(
        client,
        "{ offers(pricing: [GRATUIT]) { facets { kind { value count } themes { value count } pricing { value count } } } }",
    )

    facets = data["offers"]["facets"]
    assert facets["kind"] == [{"value": "outil", "count": 1}, {"value": "ressource", "count": 1}]
    assert facets["themes"] == [{"value": "rgpd", "count": 2}]
    assert facets["pricing"] == [{"value": "gratuit", "count": 2}]


def test_collections_list_and_include_theme_offers(client, catalogue):
    theme = ThemeFactory(slug="rgpd")
    curated = ToolPageFactory(parent=catalogue, slug="curated", themes=[theme])
    ResourcePageFactory(parent=catalogue, slug="same-theme", themes=[theme])
    ToolPageFactory(parent=catalogue, slug="other-theme")
    collection = ThematicCollectionPageFactory(
        parent=catalogue, slug="rgpd-essentiel", themes=[theme]
    )
    CollectionItemFactory(collection=collection, offer=curated, note="Indispensable.")
    collection.include_theme_offers = True
    collection.save_revision().publish()

    data = graphql_data(
        client,
        "{ collections { items { slug visibleItems { note offer { slug } } allOffers { slug } } pagination { total } } }",
    )

    assert data["collections"]["pagination"]["total"] == 1
    item = data["collections"]["items"][0]
    assert item["visibleItems"] == [{"note": "Indispensable.", "offer": {"slug": "curated"}}]
    assert [o["slug"] for o in item["allOffers"]] == ["curated", "same-theme"]
