"""The data-quality score in the API: `qualityScore` and `qualityMissing` on every offer,
the `minQualityScore` filter and the order by quality, defined once in `OfferFilterSet`
and shared with the HTML listing."""

import json

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.rich_text import RichText

from catalogue.choices import OfferFormat
from catalogue.models import OFFER_MODELS, OfferQuality
from catalogue.services import offer_quality_refresh
from tests.factories.catalogue import AudienceFactory, ThemeFactory, offer_factory
from tests.graphql_client import graphql_data, graphql_errors, post_graphql

pytestmark = pytest.mark.django_db

OFFERS = """
query Offers($min: Int, $order: OfferOrder, $perPage: Int) {
  offers(minQualityScore: $min, order: $order, perPage: $perPage) {
    items { slug qualityScore qualityMissing }
    pagination { total }
  }
}
"""
OFFER = """
query Offer($slug: String) { offer(slug: $slug) { slug qualityScore qualityMissing } }
"""
WITHOUT_QUALITY = "query($perPage: Int) { offers(perPage: $perPage) { items { slug title } } }"
WITH_QUALITY = (
    "query($perPage: Int) { offers(perPage: $perPage) { items { slug title qualityScore "
    "qualityMissing } } }"
)


def _offers(catalogue):
    """Three offers of known scores: 100; 83 (no audience: 5 / 6); 50 (no theme, no
    audience, on site with a provider without a commune: 3 / 6)."""
    theme, audience = ThemeFactory(), AudienceFactory()
    body = [("paragraph", RichText("<p>" + "Une présentation détaillée. " * 16 + "</p>"))]
    factory = offer_factory(OFFER_MODELS[0])
    complete = factory(
        parent=catalogue, slug="complete", body=body, themes=[theme], audiences=[audience]
    )
    partial = factory(parent=catalogue, slug="partielle", body=body, themes=[theme])
    poor = factory(
        parent=catalogue,
        slug="pauvre",
        body=body,
        format=OfferFormat.ONSITE,
        provider__commune="",
    )
    return complete, partial, poor


def _items(data):
    return [(item["slug"], item["qualityScore"]) for item in data["offers"]["items"]]


def test_every_offer_has_its_score_and_what_it_misses_in_french(client, catalogue):
    _offers(catalogue)

    data = graphql_data(client, OFFERS)

    items = {item["slug"]: item for item in data["offers"]["items"]}
    assert items["complete"] == {"slug": "complete", "qualityScore": 100, "qualityMissing": []}
    assert items["partielle"]["qualityScore"] == 83
    assert items["partielle"]["qualityMissing"] == ["Aucun public"]
    assert items["pauvre"]["qualityScore"] == 50
    assert items["pauvre"]["qualityMissing"] == [
        "Aucune thématique",
        "Aucun public",
        "Offre en présentiel sans commune : renseignez celle de la structure qui la propose",
    ]


def test_a_single_offer_reads_its_score_too(client, catalogue):
    _offers(catalogue)

    data = graphql_data(client, OFFER, {"slug": "partielle"})

    assert data["offer"] == {
        "slug": "partielle",
        "qualityScore": 83,
        "qualityMissing": ["Aucun public"],
    }


def test_an_offer_not_scored_yet_has_a_null_score(client, catalogue):
    complete, _partial, _poor = _offers(catalogue)
    OfferQuality.objects.filter(offer=complete).delete()

    list_item = graphql_data(client, OFFERS)["offers"]["items"][0]
    single = graphql_data(client, OFFER, {"slug": "complete"})["offer"]

    assert list_item == single == {"slug": "complete", "qualityScore": None, "qualityMissing": []}


@pytest.mark.parametrize(
    ("minimum", "slugs"),
    [
        (0, ["complete", "partielle", "pauvre"]),
        (50, ["complete", "partielle", "pauvre"]),
        (51, ["complete", "partielle"]),
        (83, ["complete", "partielle"]),
        (84, ["complete"]),
        (100, ["complete"]),
    ],
)
def test_filters_on_a_minimum_score(client, catalogue, minimum, slugs):
    _offers(catalogue)

    data = graphql_data(client, OFFERS, {"min": minimum})

    assert [slug for slug, _score in _items(data)] == slugs
    assert data["offers"]["pagination"]["total"] == len(slugs)


def test_orders_by_quality_best_first_unscored_last(client, catalogue):
    complete, _partial, _poor = _offers(catalogue)

    assert _items(graphql_data(client, OFFERS, {"order": "QUALITE"})) == [
        ("complete", 100),
        ("partielle", 83),
        ("pauvre", 50),
    ]

    OfferQuality.objects.filter(offer=complete).delete()
    assert _items(graphql_data(client, OFFERS, {"order": "QUALITE"})) == [
        ("partielle", 83),
        ("pauvre", 50),
        ("complete", None),
    ]


def test_filter_and_order_combine(client, catalogue):
    _offers(catalogue)

    data = graphql_data(client, OFFERS, {"min": 70, "order": "QUALITE"})

    assert _items(data) == [("complete", 100), ("partielle", 83)]


@pytest.mark.parametrize("minimum", [-1, 101, 5000])
def test_a_score_out_of_range_is_a_clear_error(client, catalogue, minimum):
    _offers(catalogue)

    errors = graphql_errors(client, OFFERS, {"min": minimum})

    assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert errors[0]["extensions"]["field"] == "minQualityScore"
    expected = "inférieure ou égale à 100" if minimum > 100 else "supérieure ou égale à 0"
    assert expected in errors[0]["message"]


@pytest.mark.parametrize(
    "body",
    [
        {"query": OFFERS, "variables": {"min": "beaucoup"}},
        {"query": OFFERS, "variables": {"min": 50.5}},
        {"query": OFFERS, "variables": {"min": 10**20}},
        {"query": '{ offers(minQualityScore: "50") { items { slug } } }'},
        {"query": "{ offers(order: MEILLEUR) { items { slug } } }"},
    ],
)
def test_a_wrong_type_is_a_clear_error(client, catalogue, body):
    response = client.post("/graphql/", data=json.dumps(body), content_type="application/json")

    assert response.status_code in (200, 400), response.content
    errors = response.json()["errors"]
    assert {error["extensions"]["code"] for error in errors} == {"BAD_USER_INPUT"}
    assert "Traceback" not in json.dumps(errors)


def _count(client, query, per_page) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = post_graphql(client, query, {"perPage": per_page})
    items = response.json()["data"]["offers"]["items"]
    assert len(items) == per_page
    return len(captured)


def test_the_quality_fields_cost_no_query_at_10_and_100_items(client, catalogue):
    factories = [offer_factory(model) for model in OFFER_MODELS]
    for n in range(100):
        factories[n % len(factories)](parent=catalogue)
    graphql_data(client, WITH_QUALITY, {"perPage": 1})  # warm the per-process caches

    plain = _count(client, WITHOUT_QUALITY, 10)

    assert _count(client, WITH_QUALITY, 10) == plain
    assert _count(client, WITH_QUALITY, 100) == plain


def test_a_changed_score_is_not_served_from_the_response_cache(client, catalogue):
    complete, _partial, _poor = _offers(catalogue)
    params = {"query": OFFER, "variables": json.dumps({"slug": "complete"})}
    assert client.get("/graphql/", params).json()["data"]["offer"]["qualityScore"] == 100

    offer_quality_refresh(offer_ids=[complete.pk], broken_links={complete.pk: 1})

    assert client.get("/graphql/", params).json()["data"]["offer"]["qualityScore"] == 90
