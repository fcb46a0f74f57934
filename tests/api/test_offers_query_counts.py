"""`offers` costs a constant number of SQL queries, whatever the page size."""

import pytest

from catalogue.models import OFFER_MODELS
from catalogue.models import ReperesImage as Image
from tests.factories.catalogue import (
    ActorFactory,
    AudienceFactory,
    ThemeFactory,
    offer_factory,
)
from tests.factories.images import ImageFactory
from tests.graphql_client import graphql_data

pytestmark = pytest.mark.django_db

QUERY = """
query($perPage: Int) {
  offers(perPage: $perPage) {
    items {
      title url kind
      provider { name logo { url } }
      themes { slug name parentSlug }
      audiences { slug }
      logo { rendition(fill: "160x160") { url width } }
      qualityScore qualityMissing
      ... on ToolPage { hostingLocation }
    }
    pagination { total }
  }
}
"""


# Every kind, so that the count cannot depend on how many kinds a page holds.
FACTORIES = [offer_factory(model) for model in OFFER_MODELS]


def _make_offers(catalogue, count):
    themes = [ThemeFactory(), ThemeFactory()]
    audience = AudienceFactory()
    actor = ActorFactory(logo=ImageFactory())
    for n in range(count):
        factory = FACTORIES[n % len(FACTORIES)]
        logo = ImageFactory()
        logo.get_rendition("fill-160x160")
        factory(parent=catalogue, provider=actor, logo=logo, themes=themes, audiences=[audience])


def _count_queries(client, django_assert_max_num_queries, per_page):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        data = graphql_data(client, QUERY, {"perPage": per_page})
    assert len(data["offers"]["items"]) == per_page
    assert all(item["qualityScore"] is not None for item in data["offers"]["items"])
    assert all(
        "fill-160x160" in item["logo"]["rendition"]["url"] for item in data["offers"]["items"]
    )
    return len(ctx.captured_queries)


def test_query_count_is_the_same_for_10_and_100_items(
    client, catalogue, django_assert_max_num_queries
):
    _make_offers(catalogue, 100)
    assert Image.objects.count() > 100

    # Warm the per-process caches (content types, site root paths) first.
    graphql_data(client, QUERY, {"perPage": 1})
    small = _count_queries(client, django_assert_max_num_queries, 10)
    large = _count_queries(client, django_assert_max_num_queries, 100)

    assert small == large
    with django_assert_max_num_queries(6):
        graphql_data(client, QUERY, {"perPage": 100})


SCORECARDS = """
query($perPage: Int) {
  offers(perPage: $perPage, order: SCORE, criteria: [{slug: "besoin", answer: OUI}]) {
    items {
      title
      scorecard {
        evaluationCount score groups { name yesOrPartialShare } criteria { slug majority }
      }
      evaluations {
        actor { name logo { url } } approvedAt summary
        answers { criterionSlug criterionName answer comment criterion { name group { name } } }
      }
    }
  }
}
"""


def _count_scorecard_queries(client, per_page):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        data = graphql_data(client, SCORECARDS, {"perPage": per_page})
    items = data["offers"]["items"]
    assert len(items) == per_page
    assert all(item["scorecard"]["evaluationCount"] == 2 for item in items)
    assert all(len(item["evaluations"]) == 2 for item in items)
    return len(ctx.captured_queries)


def test_scorecards_and_evaluations_cost_the_same_for_10_and_100_items(
    client, catalogue, django_assert_max_num_queries, settings
):
    from tests.factories.evaluations import EvaluationCriterionFactory, EvaluationFactory

    settings.GRAPHQL_RESPONSE_CACHE_TIMEOUT = 0
    # Nested lists of 100 offers cost more than a partner's query may: not the point here.
    settings.GRAPHQL_MAX_COST = 10**6
    besoin = EvaluationCriterionFactory(slug="besoin")
    support = EvaluationCriterionFactory(slug="support", group=besoin.group)
    actors = [ActorFactory(logo=ImageFactory()), ActorFactory(logo=ImageFactory())]
    for n in range(100):
        offer = FACTORIES[n % len(FACTORIES)](parent=catalogue)
        for actor in actors:
            EvaluationFactory(
                offer=offer, actor=actor, answers={besoin: "oui", support: ("partiel", "Bof.", "")}
            )

    graphql_data(client, SCORECARDS, {"perPage": 1})
    small = _count_scorecard_queries(client, 10)
    large = _count_scorecard_queries(client, 100)

    assert small == large
    # The criterion's slug, the page's ids, the offers, their scorecards, their
    # evaluations (with the actors), the answers (with criteria and groups), the logos.
    with django_assert_max_num_queries(7):
        graphql_data(client, SCORECARDS, {"perPage": 100})
