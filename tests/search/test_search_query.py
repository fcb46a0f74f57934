import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogue.models import SearchTerm
from catalogue.search.query import synonym_sets
from tests.factories.catalogue import ToolPageFactory
from tests.factories.training import TrainingModulePageFactory
from tests.graphql_client import graphql_data, graphql_errors

pytestmark = pytest.mark.django_db

SEARCH = """
query($query: String!, $page: Int, $perPage: Int) {
  search(query: $query, page: $page, perPage: $perPage) {
    items {
      __typename
      ... on Offer { slug kind themes { slug } provider { name } }
      ... on TrainingModulePage { slug level }
    }
    pagination { total currentPage totalPages }
  }
}
"""


def test_search_returns_offers_and_modules_best_first(client, catalogue, training_index):
    ToolPageFactory(parent=catalogue, slug="jitsi", title="Jitsi", summary="Visioconférence.")
    TrainingModulePageFactory(parent=training_index, slug="animer", title="Animer une visio")
    ToolPageFactory(parent=catalogue, slug="brouillon", title="Visio", live=False)

    data = graphql_data(client, SEARCH, {"query": "visio"})["search"]

    assert [(item["__typename"], item["slug"]) for item in data["items"]] == [
        ("TrainingModulePage", "animer"),
        ("ToolPage", "jitsi"),
    ]
    assert data["pagination"] == {"total": 2, "currentPage": 1, "totalPages": 1}


@pytest.mark.parametrize(
    ("variables", "field"),
    [
        ({"query": " ? de la "}, "query"),
        ({"query": "visio", "perPage": 0}, "perPage"),
        ({"query": "visio", "page": 0}, "page"),
    ],
)
def test_bad_input_is_refused(client, home_page, variables, field):
    errors = graphql_errors(client, SEARCH, variables)
    assert errors[0]["extensions"] == {"code": "BAD_USER_INPUT", "field": field}


def test_search_costs_the_same_queries_for_10_and_100_items(client, catalogue, training_index):
    counts = []
    for total in (10, 100):
        while _indexed() < total:
            n = _indexed()
            ToolPageFactory(parent=catalogue, title=f"Sondage {n}", themes=[])
            TrainingModulePageFactory(parent=training_index, title=f"Sondage module {n}")
        synonym_sets()  # kept until a synonym changes: known before both measures alike
        with CaptureQueriesContext(connection) as queries:
            data = graphql_data(client, SEARCH, {"query": "sondage", "perPage": 100})
        assert len(data["search"]["items"]) == total
        counts.append(len(queries))
    assert counts[0] == counts[1]


def _indexed() -> int:
    return SearchTerm.objects.values("page").distinct().count()
