import pytest

from catalogue.models import MODEL_BY_KIND, OFFER_MODELS
from tests.factories.catalogue import (
    AudienceFactory,
    ResourcePageFactory,
    ThemeFactory,
    ToolPageFactory,
    offer_factory,
)
from tests.graphql_client import graphql_data, graphql_errors

pytestmark = pytest.mark.django_db

OFFERS = """
query Offers($kind: [OfferKind!], $themes: [String!], $audiences: [String!],
             $pricing: [Pricing!], $territory: [Territory!], $search: String,
             $order: OfferOrder, $page: Int, $perPage: Int) {
  offers(kind: $kind, themes: $themes, audiences: $audiences, pricing: $pricing,
         territory: $territory, search: $search, order: $order, page: $page, perPage: $perPage) {
    items {
      title slug kind kindLabel url
      provider { name }
      themes { slug }
      ... on ToolPage { hostingLocation }
      ... on ResourcePage { resourceType }
    }
    pagination { total count perPage currentPage totalPages nextPage prevPage }
  }
}
"""


def _slugs(data):
    return [item["slug"] for item in data["offers"]["items"]]


def _one_offer_per_kind(catalogue):
    for model in OFFER_MODELS:
        offer_factory(model)(parent=catalogue, slug=f"offre-{model.kind}")


def test_lists_every_kind_through_the_common_interface(client, catalogue):
    _one_offer_per_kind(catalogue)

    data = graphql_data(client, OFFERS)

    items = {item["slug"]: item for item in data["offers"]["items"]}
    assert list(items) == sorted(items)
    assert {item["kind"] for item in items.values()} == set(MODEL_BY_KIND)
    assert items["offre-outil"]["hostingLocation"] == "ue"
    assert items["offre-ressource"]["resourceType"] == "guide"
    assert items["offre-outil"]["url"] == "http://testserver/catalogue/offre-outil/"
    assert data["offers"]["pagination"]["total"] == len(OFFER_MODELS)


@pytest.mark.parametrize("model", OFFER_MODELS, ids=lambda model: model.__name__)
def test_filters_on_each_kind_by_its_enum_value(client, catalogue, model):
    _one_offer_per_kind(catalogue)

    data = graphql_data(client, OFFERS, {"kind": [model.kind.upper()]})

    assert [
        (item["slug"], item["kind"], item["kindLabel"]) for item in data["offers"]["items"]
    ] == [(f"offre-{model.kind}", model.kind, str(model.kind_label))]


def test_filters_by_kind_theme_audience_pricing_and_territory(client, catalogue):
    parent = ThemeFactory(slug="gestion", name="Gestion")
    child = ThemeFactory(slug="collecte-dons", name="Collecte", parent=parent)
    other = ThemeFactory(slug="rgpd", name="RGPD")
    volunteers = AudienceFactory(slug="benevoles")
    ToolPageFactory(
        parent=catalogue,
        slug="dons",
        themes=[child],
        audiences=[volunteers],
        pricing_model="freemium",
    )
    ToolPageFactory(parent=catalogue, slug="cnil", themes=[other], territory="regional")
    ResourcePageFactory(parent=catalogue, slug="guide-dons", themes=[child])

    assert _slugs(graphql_data(client, OFFERS, {"kind": ["OUTIL"]})) == ["cnil", "dons"]
    # A parent theme selects the offers of its sub-themes.
    assert _slugs(graphql_data(client, OFFERS, {"themes": ["gestion"]})) == ["dons", "guide-dons"]
    assert _slugs(graphql_data(client, OFFERS, {"audiences": ["benevoles"]})) == ["dons"]
    assert _slugs(graphql_data(client, OFFERS, {"pricing": ["FREEMIUM"]})) == ["dons"]
    assert _slugs(graphql_data(client, OFFERS, {"territory": ["REGIONAL"]})) == ["cnil"]
    assert _slugs(
        graphql_data(client, OFFERS, {"kind": ["OUTIL"], "themes": ["collecte-dons"]})
    ) == ["dons"]


def test_paginates(client, catalogue):
    for n in range(5):
        ToolPageFactory(parent=catalogue, title=f"Outil {n}", slug=f"outil-{n}")

    data = graphql_data(client, OFFERS, {"page": 2, "perPage": 2})

    assert _slugs(data) == ["outil-2", "outil-3"]
    assert data["offers"]["pagination"] == {
        "total": 5,
        "count": 2,
        "perPage": 2,
        "currentPage": 2,
        "totalPages": 3,
        "nextPage": 3,
        "prevPage": 1,
    }


def test_orders_from_the_allowlist(client, catalogue):
    ToolPageFactory(parent=catalogue, title="Zèbre", slug="zebre")
    ToolPageFactory(parent=catalogue, title="Abeille", slug="abeille")

    assert _slugs(graphql_data(client, OFFERS, {"order": "RECENT"})) == ["abeille", "zebre"]
    assert _slugs(graphql_data(client, OFFERS, {"order": "TITRE"})) == ["abeille", "zebre"]
    assert _slugs(graphql_data(client, OFFERS, {"order": "ANCIEN"})) == ["zebre", "abeille"]


def test_searches_full_text(client, catalogue):
    ToolPageFactory(
        parent=catalogue,
        slug="agenda",
        title="Agenda partagé",
        summary="Planifier les réunions du bureau.",
    )
    ToolPageFactory(
        parent=catalogue, slug="compta", title="Comptabilité", summary="Tenir les comptes."
    )

    assert _slugs(graphql_data(client, OFFERS, {"search": "réunions"})) == ["agenda"]


@pytest.mark.parametrize(
    ("variables", "field"),
    [
        ({"themes": ["inexistante"]}, "themes"),
        ({"audiences": ["personne"]}, "audiences"),
        ({"perPage": 500}, "perPage"),
        ({"perPage": 0}, "perPage"),
        ({"page": 0}, "page"),
        ({"page": 9}, "page"),
    ],
)
def test_bad_arguments_get_a_clear_error(client, catalogue, variables, field):
    ToolPageFactory(parent=catalogue)

    errors = graphql_errors(client, OFFERS, variables)

    assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert errors[0]["extensions"]["field"] == field
    assert "Traceback" not in errors[0]["message"]


def test_unknown_enum_value_is_rejected_without_suggestions(client, catalogue):
    errors = graphql_errors(
        client, OFFERS.replace("$kind: [OfferKind!]", "$kind: [OfferKind!] = [OUTILS]")
    )

    assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "Did you mean" not in errors[0]["message"]
