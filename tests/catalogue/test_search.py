import pytest

from tests.factories.catalogue import ThemeFactory, ToolPageFactory
from tests.filtering import filter_offers

pytestmark = pytest.mark.django_db


def _slugs(qs):
    return [page.slug for page in qs]


def test_search_combines_with_filters(catalogue):
    theme = ThemeFactory(slug="rgpd")
    ToolPageFactory(
        parent=catalogue, slug="registre", title="Registre des traitements", themes=[theme]
    )
    ToolPageFactory(parent=catalogue, slug="registre-adherents", title="Registre des adhérents")

    assert _slugs(filter_offers(q="registre", themes=["rgpd"])) == ["registre"]
    assert sorted(_slugs(filter_offers(q="registre"))) == ["registre", "registre-adherents"]


def test_search_finds_the_provider_name(catalogue):
    ToolPageFactory(parent=catalogue, slug="outil", provider__name="Framasoft")
    assert _slugs(filter_offers(q="framasoft")) == ["outil"]


def test_french_stemming(catalogue):
    ToolPageFactory(parent=catalogue, slug="gestion", title="Gestion des associations sportives")

    assert _slugs(filter_offers(q="association")) == ["gestion"]
    assert _slugs(filter_offers(q="sportive")) == ["gestion"]
