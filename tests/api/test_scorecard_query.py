"""Scorecards and evaluations in GraphQL: `scorecard` and `evaluations` on every offer,
the `criteria` root, and the `offers` filter on criteria and order by score."""

from datetime import UTC, datetime

import pytest

from django.utils import timezone

from catalogue.models import Evaluation
from catalogue.services import scorecard_refresh
from cms.api.errors import BAD_USER_INPUT
from tests.factories.catalogue import ActorFactory, ResourcePageFactory, ToolPageFactory
from tests.factories.evaluations import (
    DRAFT,
    MODERATION,
    WITHDRAWN,
    EvaluationCriterionFactory,
    EvaluationFactory,
    run_on_commit,
    supersede,
)
from tests.graphql_client import graphql_data, graphql_errors

pytestmark = pytest.mark.django_db

OFFER = """query ($slug: String!) {
  offer(slug: $slug) {
    scorecard {
      evaluationCount organisationCount lastApprovedAt score yesOrPartialShare
      groups { slug name yes partial no notApplicable answered yesOrPartialShare score criteria }
      criteria { slug name group yes partial no notApplicable majority }
    }
    evaluations {
      actor { name } approvedAt summary
      answers {
        criterionSlug criterionName answer comment source
        criterion { name active kinds group { slug name } }
      }
    }
  }
}"""

FILTERED = """query ($criteria: [CriterionAnswerInput!], $order: OfferOrder) {
  offers(criteria: $criteria, order: $order, perPage: 100) {
    items { slug scorecard { score } }
    pagination { total }
  }
}"""

CRITERIA = """query ($kind: OfferKind) {
  criteria(kind: $kind) { slug name helpText active kinds group { slug name } }
}"""


@pytest.fixture
def grid():
    usage = {"group__slug": "usage", "group__name": "Usage", "group__sort_order": 0}
    donnees = {"group__slug": "donnees", "group__name": "Données", "group__sort_order": 1}
    return {
        "besoin": EvaluationCriterionFactory(slug="besoin", name="Besoin", sort_order=0, **usage),
        "support": EvaluationCriterionFactory(
            slug="support", name="Support", sort_order=1, **usage
        ),
        "hebergement-ue": EvaluationCriterionFactory(
            slug="hebergement-ue",
            name="Hébergement UE",
            help_text="Où sont les serveurs ?",
            applies_to=["outil"],
            **donnees,
        ),
        "licence-libre": EvaluationCriterionFactory(
            slug="licence-libre", name="Licence libre", sort_order=5, **donnees
        ),
    }


@pytest.fixture
def tool(catalogue):
    return ToolPageFactory(parent=catalogue, slug="outil", title="Outil")


def _offer(client, slug="outil"):
    return graphql_data(client, OFFER, {"slug": slug})["offer"]


def test_the_scorecard_adds_up_the_approved_evaluations(client, tool, grid):
    EvaluationFactory(
        offer=tool,
        approved_at=datetime(2026, 3, 1, tzinfo=UTC),
        answers={grid["besoin"]: "oui", grid["support"]: "partiel", grid["hebergement-ue"]: "na"},
    )
    EvaluationFactory(
        offer=tool,
        approved_at=datetime(2026, 4, 1, tzinfo=UTC),
        answers={grid["besoin"]: "non", grid["support"]: "partiel", grid["hebergement-ue"]: "oui"},
    )

    scorecard = _offer(client)["scorecard"]

    assert scorecard["evaluationCount"] == scorecard["organisationCount"] == 2
    assert scorecard["lastApprovedAt"].startswith("2026-04-01")
    # Scored: oui, non, partiel, partiel, oui → 4 of 5; 2 + 0 + 1 + 1 + 2 = 6 of 10.
    assert scorecard["yesOrPartialShare"] == 0.8
    assert scorecard["score"] == 0.6
    assert scorecard["groups"] == [
        {
            "slug": "usage",
            "name": "Usage",
            "yes": 1,
            "partial": 2,
            "no": 1,
            "notApplicable": 0,
            "answered": 4,
            "yesOrPartialShare": 0.75,
            "score": 0.5,
            "criteria": ["besoin", "support"],
        },
        {
            "slug": "donnees",
            "name": "Données",
            "yes": 1,
            "partial": 0,
            "no": 0,
            "notApplicable": 1,
            "answered": 1,
            "yesOrPartialShare": 1.0,
            "score": 1.0,
            "criteria": ["hebergement-ue"],
        },
    ]
    assert [(c["slug"], c["majority"]) for c in scorecard["criteria"]] == [
        ("besoin", None),
        ("support", "PARTIEL"),
        ("hebergement-ue", None),
    ]


def test_an_offer_not_evaluated_has_no_scorecard(client, tool, grid):
    EvaluationFactory(offer=tool, state=DRAFT, answers={grid["besoin"]: "oui"})

    offer = _offer(client)

    assert offer["scorecard"] is None
    assert offer["evaluations"] == []


def test_evaluations_show_the_current_approved_ones_with_their_answers(client, tool, grid):
    actor = ActorFactory(name="Ligue")
    old = EvaluationFactory(
        offer=tool,
        actor=actor,
        approved_at=datetime(2026, 1, 1, tzinfo=UTC),
        answers={grid["besoin"]: "non"},
    )
    new = EvaluationFactory(
        offer=tool,
        actor=actor,
        summary="Bien.",
        approved_at=datetime(2026, 2, 1, tzinfo=UTC),
        answers={
            grid["besoin"]: ("oui", "Répond au besoin.", "https://example.org/preuve"),
            grid["support"]: "na",
        },
    )
    supersede(old, new)
    EvaluationFactory(
        offer=tool,
        actor=ActorFactory(name="Autre"),
        approved_at=datetime(2026, 3, 1, tzinfo=UTC),
        answers={grid["besoin"]: "partiel"},
    )
    # Renamed after the answers: an answer keeps the wording it answered.
    grid["besoin"].name = "Répond à un besoin identifié"
    run_on_commit(grid["besoin"].save)

    evaluations = _offer(client)["evaluations"]

    assert [e["actor"]["name"] for e in evaluations] == ["Autre", "Ligue"]
    ligue = evaluations[1]
    assert ligue["summary"] == "Bien."
    assert ligue["approvedAt"].startswith("2026-02-01")
    besoin, support = ligue["answers"]
    assert besoin == {
        "criterionSlug": "besoin",
        "criterionName": "Besoin",
        "answer": "OUI",
        "comment": "Répond au besoin.",
        "source": "https://example.org/preuve",
        "criterion": {
            "name": "Répond à un besoin identifié",
            "active": True,
            "kinds": ["OUTIL", "RESSOURCE", "FORMATION", "ACCOMPAGNEMENT"],
            "group": {"slug": "usage", "name": "Usage"},
        },
    }
    assert (support["answer"], support["comment"], support["source"]) == ("NA", "", None)


def test_an_answer_to_a_retired_criterion_stays_in_its_evaluation_only(client, tool, grid):
    EvaluationFactory(offer=tool, answers={grid["besoin"]: "oui", grid["support"]: "non"})
    grid["support"].active = False
    run_on_commit(grid["support"].save)

    offer = _offer(client)

    assert [c["slug"] for c in offer["scorecard"]["criteria"]] == ["besoin"]
    assert offer["scorecard"]["score"] == 1.0
    answers = offer["evaluations"][0]["answers"]
    assert [(a["criterionSlug"], a["criterion"]["active"]) for a in answers] == [
        ("besoin", True),
        ("support", False),
    ]


@pytest.mark.parametrize("state", [DRAFT, MODERATION, WITHDRAWN, "superseded"])
def test_unapproved_evaluations_never_show(client, tool, grid, state):
    EvaluationFactory(offer=tool, answers={grid["besoin"]: "oui"})
    word = f"zorglub{state}"
    hidden = {
        "summary": f"Synthèse {word}.",
        "answers": {grid["besoin"]: ("non", f"Commentaire {word}.", f"https://{word}.org/")},
    }
    if state == "superseded":
        old = EvaluationFactory(offer=tool, approved_at=datetime(2025, 1, 1, tzinfo=UTC), **hidden)
        supersede(old, EvaluationFactory(offer=tool, actor=old.actor))
        scorecard_refresh(offer_ids=[tool.pk])
    else:
        EvaluationFactory(offer=tool, state=state, **hidden)

    offer = _offer(client)

    assert word not in str(offer)
    assert all(c["no"] == 0 for c in offer["scorecard"]["criteria"])


def test_the_criteria_root_lists_the_grid_in_use(client, grid):
    grid["licence-libre"].active = False
    grid["licence-libre"].save()

    everything = graphql_data(client, CRITERIA)["criteria"]
    for_training = graphql_data(client, CRITERIA, {"kind": "FORMATION"})["criteria"]

    assert [c["slug"] for c in everything] == ["besoin", "support", "hebergement-ue"]
    assert everything[2] == {
        "slug": "hebergement-ue",
        "name": "Hébergement UE",
        "helpText": "Où sont les serveurs ?",
        "active": True,
        "kinds": ["OUTIL"],
        "group": {"slug": "donnees", "name": "Données"},
    }
    assert [c["slug"] for c in for_training] == ["besoin", "support"]


# The `offers` filter and order


@pytest.fixture
def offers(catalogue, grid):
    tools = {slug: ToolPageFactory(parent=catalogue, slug=slug) for slug in ("a", "b", "c")}
    ResourcePageFactory(parent=catalogue, slug="d")
    licence, hosting = grid["licence-libre"], grid["hebergement-ue"]
    for slug, evaluations in {
        "a": [{licence: "oui", hosting: "oui"}, {licence: "oui", hosting: "na"}],
        "b": [{licence: "non", hosting: "na"}, {licence: "non", hosting: "na"}],
        "c": [{licence: "oui", hosting: "partiel"}, {licence: "non", hosting: "partiel"}],
    }.items():
        for answers in evaluations:
            EvaluationFactory(offer=tools[slug], answers=answers)
    return tools


def _slugs(client, **variables):
    return [item["slug"] for item in graphql_data(client, FILTERED, variables)["offers"]["items"]]


@pytest.mark.parametrize(
    ("criteria", "expected"),
    [
        ([{"slug": "licence-libre", "answer": "OUI"}], ["a"]),
        ([{"slug": "licence-libre", "answer": "NON"}], ["b"]),
        ([{"slug": "hebergement-ue", "answer": "NA"}], ["b"]),
        ([{"slug": "hebergement-ue", "answer": "PARTIEL"}], ["c"]),
        (
            [
                {"slug": "licence-libre", "answer": "NON"},
                {"slug": "hebergement-ue", "answer": "NA"},
            ],
            ["b"],
        ),
        (
            [
                {"slug": "licence-libre", "answer": "OUI"},
                {"slug": "hebergement-ue", "answer": "NA"},
            ],
            [],
        ),
        ([], ["a", "b", "c", "d"]),
    ],
)
def test_offers_filter_on_the_majority_answer(client, offers, criteria, expected):
    assert sorted(_slugs(client, criteria=criteria)) == expected


def test_offers_order_by_score(client, offers):
    # a: 2 + 2 + 2 of 6 (one na) = 1.0; c: 2 + 1 + 0 + 1 of 8 = 0.5; b: 0 of 4 = 0.
    data = graphql_data(client, FILTERED, {"order": "SCORE"})["offers"]["items"]

    assert [item["slug"] for item in data] == ["a", "c", "b", "d"]
    assert [item["scorecard"] and item["scorecard"]["score"] for item in data] == [
        1.0,
        0.5,
        0.0,
        None,
    ]


@pytest.mark.parametrize(
    ("criteria", "field"),
    [
        ([{"slug": "nope", "answer": "OUI"}], "criteria"),
        ([{"slug": "licence-libre:oui", "answer": "OUI"}], "criteria"),
        ([{"slug": "x", "answer": "OUI"}] * 31, "criteria"),
        # Control characters are refused with the variables, before any filter.
        ([{"slug": "licence\x00libre", "answer": "OUI"}], "variables"),
    ],
)
def test_bad_criteria_are_bad_user_input(client, offers, criteria, field):
    errors = graphql_errors(client, FILTERED, {"criteria": criteria})

    assert errors[0]["extensions"]["code"] == BAD_USER_INPUT
    assert errors[0]["extensions"]["field"] == field


def test_an_unknown_answer_is_refused_by_the_schema(client, offers):
    errors = graphql_errors(client, FILTERED, {"criteria": [{"slug": "a", "answer": "PEUT"}]})

    assert "PEUT" in errors[0]["message"]


def test_the_response_cache_follows_a_recomputation(client, tool, grid):
    evaluation = EvaluationFactory(offer=tool, state=DRAFT, answers={grid["besoin"]: "oui"})
    query = '{ offer(slug: "outil") { scorecard { score } } }'
    first = client.get("/graphql/", {"query": query})
    assert first.json()["data"]["offer"]["scorecard"] is None
    assert client.get("/graphql/", {"query": query}).content == first.content

    Evaluation.objects.filter(pk=evaluation.pk).update(live=True, last_published_at=timezone.now())
    run_on_commit(scorecard_refresh, offer_ids=[tool.pk])

    assert client.get("/graphql/", {"query": query}).json()["data"]["offer"]["scorecard"] == {
        "score": 1.0
    }


def test_a_nul_byte_written_in_the_query_is_bad_user_input(client, offers):
    query = '{ offers(criteria: [{slug: "licence\\u0000libre", answer: OUI}]) { items { slug } } }'

    errors = graphql_errors(client, query)

    assert errors[0]["extensions"]["code"] == BAD_USER_INPUT
