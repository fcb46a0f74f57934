"""The training module listing's one filter definition: the training page and the API."""

import pytest

from tests.factories.catalogue import ThemeFactory
from tests.factories.training import TrainingModulePageFactory
from tests.graphql_client import graphql_data, graphql_errors

pytestmark = pytest.mark.django_db

MODULES = """query ($themes: [String!], $level: [TrainingLevel!], $search: String) {
  trainingModules(themes: $themes, level: $level, search: $search, perPage: 100) {
    items { slug }
  }
}"""


def _api_slugs(client, **variables) -> list[str]:
    data = graphql_data(client, MODULES, variables)
    return [item["slug"] for item in data["trainingModules"]["items"]]


def _html_slugs(client, index, **params) -> list[str]:
    response = client.get(index.url, params)
    assert response.status_code == 200
    return [module.slug for module in response.context["modules"]]


@pytest.fixture
def modules(training_index):
    parent = ThemeFactory(slug="communication")
    child = ThemeFactory(slug="reseaux-sociaux", parent=parent)
    TrainingModulePageFactory(
        parent=training_index,
        slug="reseaux",
        title="Animer ses réseaux",
        level="niveau_1",
        themes=[child],
    )
    TrainingModulePageFactory(
        parent=training_index,
        slug="strategie",
        title="Stratégie de communication",
        level="niveau_2",
        themes=[parent],
    )
    TrainingModulePageFactory(parent=training_index, slug="compta", level="niveau_1")
    return training_index


def test_html_and_api_give_the_same_modules(client, modules):
    assert _html_slugs(client, modules, themes="communication") == ["reseaux", "strategie"]
    assert _api_slugs(client, themes=["communication"]) == ["reseaux", "strategie"]
    assert _html_slugs(client, modules, level="niveau_2") == ["strategie"]
    assert _api_slugs(client, level=["NIVEAU_2"]) == ["strategie"]


def test_the_training_page_lists_and_filters_modules(client, modules):
    html = client.get(modules.url, {"themes": "reseaux-sociaux"}).content.decode()
    assert "Animer ses réseaux" in html
    assert "Stratégie de communication" not in html
    assert "1 module" in html


def test_unknown_theme_has_the_same_wording_on_both_surfaces(client, modules):
    errors = graphql_errors(client, MODULES, {"themes": ["nope"]})
    html = client.get(modules.url, {"themes": "nope"}).content.decode()

    assert errors[0]["message"] == "themes : Valeur inconnue : nope."
    assert "Valeur inconnue : nope." in html
