from datetime import datetime, timedelta

import pytest

from django.utils import timezone

from tests.factories.catalogue import AudienceFactory, ThemeFactory, ToolPageFactory
from tests.factories.training import (
    CompetenceFactory,
    TrainingModulePageFactory,
    TrainingPathPageFactory,
    TrainingSessionFactory,
    sequences,
)
from tests.graphql_client import graphql_data, graphql_errors
from training.models import PathModule

pytestmark = pytest.mark.django_db

MODULES = """
query($level: [TrainingLevel!], $themes: [String!], $audiences: [String!], $offer: ID, $search: String, $perPage: Int) {
  trainingModules(level: $level, themes: $themes, audiences: $audiences, offer: $offer, search: $search, perPage: $perPage) {
    items {
      slug level durationHours
      themes { slug } audiences { slug } authors { name }
      competences { code domainName }
      sequences { ... on SequenceBlock { title durationMinutes activityType activityLabel } }
    }
    pagination { total }
  }
}
"""

SESSIONS = """
query($from: DateTime, $to: DateTime, $territory: String) {
  upcomingSessions(from: $from, to: $to, territory: $territory) {
    items { commune online seats start end module { slug } trainer { name } }
    pagination { total }
  }
}
"""


def _slugs(data, root="trainingModules"):
    return [item["slug"] for item in data[root]["items"]]


def test_modules_with_sequence_plan_and_taxonomies(client, training_index):
    CompetenceFactory()
    TrainingModulePageFactory(
        parent=training_index,
        slug="donnees",
        sequences=sequences(30, 90),
        duration_hours=2,
        competences=[CompetenceFactory()],
    )

    item = graphql_data(client, MODULES)["trainingModules"]["items"][0]

    assert item["slug"] == "donnees"
    assert item["durationHours"] == 2.0
    assert item["competences"] == [{"code": "4.2", "domainName": "Protection et sécurité"}]
    assert [s["durationMinutes"] for s in item["sequences"]] == [30, 90]
    assert item["sequences"][0]["activityLabel"] == "Atelier pratique"


def test_module_filters(client, training_index):
    rgpd = ThemeFactory(slug="rgpd")
    volunteers = AudienceFactory(slug="benevoles")
    TrainingModulePageFactory(parent=training_index, slug="a", level="niveau_1", themes=[rgpd])
    TrainingModulePageFactory(
        parent=training_index, slug="b", level="niveau_2", audiences=[volunteers]
    )
    TrainingModulePageFactory(
        parent=training_index, slug="c", level="niveau_2", summary="Gouvernance partagée"
    )

    assert _slugs(graphql_data(client, MODULES, {"level": ["NIVEAU_2"]})) == ["b", "c"]
    assert _slugs(graphql_data(client, MODULES, {"themes": ["rgpd"]})) == ["a"]
    assert _slugs(graphql_data(client, MODULES, {"audiences": ["benevoles"]})) == ["b"]
    assert _slugs(graphql_data(client, MODULES, {"search": "gouvernance"})) == ["c"]


def test_modules_that_use_an_offer(client, catalogue, training_index):
    tool = ToolPageFactory(parent=catalogue)
    TrainingModulePageFactory(parent=training_index, slug="avec", offers=[tool])
    TrainingModulePageFactory(parent=training_index, slug="sans")

    assert _slugs(graphql_data(client, MODULES, {"offer": str(tool.pk)})) == ["avec"]


@pytest.mark.parametrize(
    ("variables", "field"),
    [
        ({"themes": ["inconnue"]}, "themes"),
        ({"offer": "abc"}, "offer"),
        ({"perPage": 1000}, "perPage"),
    ],
)
def test_module_bad_arguments(client, training_index, variables, field):
    errors = graphql_errors(client, MODULES, variables)
    assert errors[0]["extensions"] == {"code": "BAD_USER_INPUT", "field": field}


def test_paths_list_live_modules_in_order(client, training_index):
    first = TrainingModulePageFactory(parent=training_index, slug="premier")
    second = TrainingModulePageFactory(parent=training_index, slug="second")
    draft = TrainingModulePageFactory(parent=training_index, slug="brouillon", live=False)
    path = TrainingPathPageFactory(parent=training_index, slug="niveau-1")
    path.path_modules = [
        PathModule(module=second, sort_order=0),
        PathModule(module=draft, sort_order=1),
        PathModule(module=first, sort_order=2),
    ]
    path.save_revision().publish()

    data = graphql_data(client, "{ trainingPaths { slug levelLabel liveModules { slug } } }")

    assert data["trainingPaths"] == [
        {
            "slug": "niveau-1",
            "levelLabel": "Niveau 1 — acculturation numérique",
            "liveModules": [{"slug": "second"}, {"slug": "premier"}],
        }
    ]


def test_training_module_lookup_hides_drafts(client, training_index):
    TrainingModulePageFactory(parent=training_index, slug="brouillon", live=False)
    errors = graphql_errors(client, '{ trainingModule(slug: "brouillon") { slug } }')
    assert errors[0]["extensions"]["code"] == "NOT_FOUND"


def test_upcoming_sessions_filters(client, training_index):
    module = TrainingModulePageFactory(parent=training_index, slug="m")
    now = timezone.now()
    TrainingSessionFactory(
        module=module, commune="Tours", postcode="37000", start=now + timedelta(days=5)
    )
    TrainingSessionFactory(
        module=module, commune="Blois", postcode="41000", start=now + timedelta(days=40)
    )
    TrainingSessionFactory(
        module=module, online=True, commune="", postcode="", start=now + timedelta(days=60)
    )
    TrainingSessionFactory(module=module, start=now - timedelta(days=5))

    everything = graphql_data(client, SESSIONS)["upcomingSessions"]
    assert [s["commune"] for s in everything["items"]] == ["Tours", "Blois", ""]
    first = everything["items"][0]
    assert datetime.fromisoformat(first["end"]) - datetime.fromisoformat(
        first["start"]
    ) == timedelta(hours=3)
    in_37 = graphql_data(client, SESSIONS, {"territory": "37"})["upcomingSessions"]["items"]
    assert [s["commune"] for s in in_37] == ["Tours"]
    online = graphql_data(client, SESSIONS, {"territory": "en-ligne"})["upcomingSessions"]["items"]
    assert [s["online"] for s in online] == [True]
    window = graphql_data(
        client,
        SESSIONS,
        {
            "from": (now + timedelta(days=30)).isoformat(),
            "to": (now + timedelta(days=50)).isoformat(),
        },
    )
    assert [s["commune"] for s in window["upcomingSessions"]["items"]] == ["Blois"]


@pytest.mark.parametrize(
    "variables",
    [{"territory": "Touraine"}, {"from": "2027-02-01T00:00:00", "to": "2027-01-01T00:00:00"}],
)
def test_session_bad_arguments(client, training_index, variables):
    errors = graphql_errors(client, SESSIONS, variables)
    assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT"


def test_module_list_query_count_is_constant(client, training_index):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    theme = ThemeFactory()
    competence = CompetenceFactory()
    for n in range(100):
        TrainingModulePageFactory(
            parent=training_index, slug=f"m-{n:03d}", themes=[theme], competences=[competence]
        )
    graphql_data(client, MODULES, {"perPage": 1})

    counts = []
    for per_page in (10, 100):
        with CaptureQueriesContext(connection) as ctx:
            data = graphql_data(client, MODULES, {"perPage": per_page})
        assert len(data["trainingModules"]["items"]) == per_page
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts


def test_session_list_query_count_is_constant(client, training_index):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    module = TrainingModulePageFactory(parent=training_index)
    for n in range(100):
        TrainingSessionFactory(module=module, start=timezone.now() + timedelta(days=n + 1))
    query = "query($n: Int) { upcomingSessions(perPage: $n) { items { start commune module { title url } trainer { name } } } }"
    graphql_data(client, query, {"n": 1})

    counts = []
    for per_page in (10, 100):
        with CaptureQueriesContext(connection) as ctx:
            data = graphql_data(client, query, {"n": per_page})
        assert len(data["upcomingSessions"]["items"]) == per_page
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts
