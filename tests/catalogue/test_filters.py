"""The offer listing's one filter definition, seen from the HTML page and the API."""

import datetime as dt

import pytest

from django.utils import timezone

from catalogue.filters import OfferFilterSet, SlugsField
from catalogue.models import Theme
from tests.factories.catalogue import (
    AudienceFactory,
    ResourcePageFactory,
    ThemeFactory,
    ToolPageFactory,
)
from tests.graphql_client import graphql_data, graphql_errors

pytestmark = pytest.mark.django_db

OFFERS = """query ($themes: [String!], $since: DateTime, $search: String, $kind: [OfferKind!]) {
  offers(themes: $themes, updatedSince: $since, search: $search, kind: $kind, perPage: 100) {
    items { slug }
  }
}"""


def _api_slugs(client, **variables) -> list[str]:
    return [item["slug"] for item in graphql_data(client, OFFERS, variables)["offers"]["items"]]


def _html_slugs(client, **params) -> list[str]:
    response = client.get("/catalogue/", params)
    assert response.status_code == 200
    return [offer.slug for offer in response.context["offers"]]


def test_a_parent_theme_selects_its_children_in_one_query():
    parent = ThemeFactory(slug="communication")
    child = ThemeFactory(slug="reseaux-sociaux", parent=parent)
    ThemeFactory(slug="autre")
    field = SlugsField(model=Theme, with_children=True, required=False)

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        ids = field.clean(["communication"])

    assert sorted(ids) == sorted([parent.pk, child.pk])
    assert len(queries) == 1


def test_html_and_api_give_the_same_offers(client, catalogue):
    parent = ThemeFactory(slug="communication")
    child = ThemeFactory(slug="reseaux-sociaux", parent=parent)
    ToolPageFactory(parent=catalogue, slug="mastodon", title="Mastodon", themes=[child])
    ToolPageFactory(parent=catalogue, slug="canva", title="Canva", themes=[parent])
    ResourcePageFactory(parent=catalogue, slug="guide", title="Guide", themes=[child])
    ToolPageFactory(parent=catalogue, slug="compta", title="Compta")

    html = _html_slugs(client, themes="communication", kind="outil")
    api = _api_slugs(client, themes=["communication"], kind=["OUTIL"])

    assert html == api == ["canva", "mastodon"]


def test_unknown_value_has_the_same_wording_on_both_surfaces(client, catalogue):
    AudienceFactory(slug="benevoles")

    errors = graphql_errors(client, OFFERS, {"themes": ["inexistante"]})
    html = client.get("/catalogue/", {"themes": "inexistante"}).content.decode()

    assert errors[0]["extensions"] == {"code": "BAD_USER_INPUT", "field": "themes"}
    assert errors[0]["message"] == "themes : Valeur inconnue : inexistante."
    assert "Valeur inconnue : inexistante." in html


def test_updated_since_goes_through_the_filter_definition(client, catalogue):
    old = ToolPageFactory(parent=catalogue, slug="ancienne")
    ToolPageFactory(parent=catalogue, slug="recente")
    old.last_published_at = timezone.now() - dt.timedelta(days=400)
    old.save(update_fields=["last_published_at"])
    since = (timezone.now() - dt.timedelta(days=30)).isoformat()

    assert _api_slugs(client, since=since) == ["recente"]
    assert _html_slugs(client, updated_since=since[:10]) == ["recente"]


def test_every_exposed_filter_is_a_graphql_argument(client):
    data = graphql_data(client, '{ __type(name: "Query") { fields { name args { name } } } }')
    offers = next(field for field in data["__type"]["fields"] if field["name"] == "offers")
    arguments = {argument["name"] for argument in offers["args"]}
    exposed = {
        getattr(filter_.api, "name", None) or name
        for name, filter_ in OfferFilterSet.base_filters.items()
        if getattr(filter_, "api", None)
    }
    camel = {"updated_since": "updatedSince"}
    assert {camel.get(name, name) for name in exposed} | {"page", "perPage"} == arguments


def test_a_nul_byte_is_a_form_error_not_a_server_error(client, catalogue):
    # PostgreSQL refuses NUL in a query string literal; CI runs this on PostgreSQL.
    response = client.get("/catalogue/", {"themes": "a\x00b", "q": "x\x00y"})
    assert response.status_code == 200
    assert response.context["page_obj"] is None

    errors = graphql_errors(client, OFFERS, {"themes": ["a\x00b"]})
    assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT"


def test_the_minimum_quality_score_and_its_order_go_through_the_filter_definition(
    client, catalogue
):
    theme, audience = ThemeFactory(), AudienceFactory()
    ToolPageFactory(parent=catalogue, slug="sans-public", themes=[theme])
    ToolPageFactory(parent=catalogue, slug="classee", themes=[theme], audiences=[audience])
    ToolPageFactory(parent=catalogue, slug="nue")
    query = """query ($min: Int, $order: OfferOrder) {
      offers(minQualityScore: $min, order: $order) { items { slug } }
    }"""

    def api(**variables):
        data = graphql_data(client, query, variables)
        return [item["slug"] for item in data["offers"]["items"]]

    # Short descriptions, fresh, priced, with a website: 5 / 6 = 83, 4 / 6 = 67, 3 / 6 = 50.
    assert api(min=51, order="QUALITE") == ["classee", "sans-public"]
    assert _html_slugs(client, min_quality_score="51", order="qualite") == [
        "classee",
        "sans-public",
    ]
    assert _html_slugs(client, order="qualite") == ["classee", "sans-public", "nue"]


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("-1", "supérieure ou égale à 0"),
        ("101", "inférieure ou égale à 100"),
        ("beaucoup", "Saisissez un nombre entier"),
    ],
)
def test_a_bad_minimum_score_is_a_form_error_on_the_html_listing(client, catalogue, value, words):
    ToolPageFactory(parent=catalogue)

    response = client.get("/catalogue/", {"min_quality_score": value})

    assert response.status_code == 200
    assert response.context["page_obj"] is None
    html = response.content.decode()
    assert words in html
    assert 'href="#id_min_quality_score"' in html and 'id="id_min_quality_score"' in html


def test_once_the_form_has_its_options_slugs_are_checked_without_a_query():
    from django import forms
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    parent = ThemeFactory(slug="communication")
    child = ThemeFactory(slug="reseaux-sociaux", parent=parent)
    ThemeFactory(slug="autre")
    field = OfferFilterSet({"themes": ["communication"]}).load_choices().form.fields["themes"]

    with CaptureQueriesContext(connection) as queries:
        ids = field.clean(["communication"])
        with pytest.raises(forms.ValidationError, match="inexistante"):
            field.clean(["autre", "inexistante"])

    assert sorted(ids) == sorted([parent.pk, child.pk])
    assert len(queries) == 0


def test_a_taxonomy_change_shows_at_once_in_the_filters(client, catalogue):
    theme = ThemeFactory(slug="communication", name="Communication")
    audience = AudienceFactory(slug="benevoles", name="Bénévoles")
    assert "Communication" in client.get("/catalogue/").content.decode()

    theme.name = "Communication externe"
    theme.save()
    audience.name = "Bénévoles actifs"
    audience.save()
    ThemeFactory(slug="gouvernance", parent=theme)

    html = client.get("/catalogue/").content.decode()
    assert "Communication externe" in html and "Bénévoles actifs" in html
    assert client.get("/catalogue/", {"themes": "gouvernance"}).context["page_obj"] is not None
