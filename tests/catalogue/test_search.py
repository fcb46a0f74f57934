import pytest

from django.db import connection

from catalogue.filters import OfferFilterSet
from tests.factories.catalogue import ThemeFactory, ToolPageFactory

pytestmark = pytest.mark.django_db


def _slugs(qs):
    return [page.slug for page in qs]


def filter_offers(*, search, themes=()):
    filterset = OfferFilterSet({"q": search, "themes": list(themes)})
    assert filterset.is_valid(), filterset.errors
    return filterset.qs


def test_search_combines_with_filters(catalogue):
    theme = ThemeFactory(slug="rgpd")
    ToolPageFactory(
        parent=catalogue, slug="registre", title="Registre des traitements", themes=[theme]
    )
    ToolPageFactory(parent=catalogue, slug="registre-adherents", title="Registre des adhérents")

    assert _slugs(filter_offers(search="registre", themes=["rgpd"])) == ["registre"]
    assert sorted(_slugs(filter_offers(search="registre"))) == ["registre", "registre-adherents"]


def test_search_finds_the_provider_name(catalogue):
    ToolPageFactory(parent=catalogue, slug="outil", provider__name="Framasoft")
    assert _slugs(filter_offers(search="framasoft")) == ["outil"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="French stemming needs PostgreSQL")
def test_french_stemming_on_postgresql(catalogue):
    ToolPageFactory(parent=catalogue, slug="gestion", title="Gestion des associations sportives")

    assert _slugs(filter_offers(search="association")) == ["gestion"]
    assert _slugs(filter_offers(search="sportive")) == ["gestion"]
