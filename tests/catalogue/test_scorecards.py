"""Stored scorecards follow the evaluations' lives: approval, withdrawal, supersession,
deletion, and the grid's edits. Only current approved evaluations ever count."""

from datetime import UTC, datetime

import pytest

from django.core.management import call_command

from catalogue import scorecard_signals
from catalogue.models import Evaluation, OfferScorecard, ScorecardCriterion
from catalogue.services import scorecard_refresh, scorecards_refresh_all
from cms import content_version
from tests.factories.catalogue import ActorFactory, ToolPageFactory, TrainingOfferPageFactory
from tests.factories.evaluations import (
    DRAFT,
    MODERATION,
    WITHDRAWN,
    EvaluationCriterionFactory,
    EvaluationFactory,
    approve,
    run_on_commit,
    supersede,
    withdraw,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def tool(catalogue):
    return ToolPageFactory(parent=catalogue, slug="outil")


@pytest.fixture
def grid():
    return {
        "besoin": EvaluationCriterionFactory(slug="besoin", group__slug="usage"),
        "hebergement-ue": EvaluationCriterionFactory(
            slug="hebergement-ue", group__slug="donnees", applies_to=["outil"]
        ),
    }


def _scorecard(offer):
    return OfferScorecard.objects.filter(offer=offer).first()


def _counts(offer, slug):
    row = next(c for c in _scorecard(offer).criteria if c["slug"] == slug)
    return row["yes"], row["partial"], row["no"], row["not_applicable"]


def test_an_approval_computes_the_scorecard(tool, grid):
    evaluation = EvaluationFactory(
        offer=tool, answers={grid["besoin"]: "oui", grid["hebergement-ue"]: "partiel"}
    )

    scorecard = _scorecard(tool)
    assert scorecard.evaluation_count == scorecard.organisation_count == 1
    assert scorecard.last_approved_at == evaluation.last_published_at
    assert scorecard.score == 0.75
    assert scorecard.yes_or_partial_share == 1.0
    assert [group["slug"] for group in scorecard.groups] == ["usage", "donnees"]
    rows = ScorecardCriterion.objects.filter(scorecard=scorecard)
    assert {(row.criterion.slug, row.majority) for row in rows} == {
        ("besoin", "oui"),
        ("hebergement-ue", "partiel"),
    }


@pytest.mark.parametrize("state", [DRAFT, MODERATION, WITHDRAWN])
def test_unapproved_evaluations_never_count(tool, grid, state):
    EvaluationFactory(offer=tool, answers={grid["besoin"]: "oui"})
    EvaluationFactory(offer=tool, state=state, answers={grid["besoin"]: "non"})

    scorecard_refresh(offer_ids=[tool.pk])

    assert _scorecard(tool).evaluation_count == 1
    assert _counts(tool, "besoin") == (1, 0, 0, 0)


def test_a_pending_revision_of_an_approved_evaluation_does_not_count(tool, grid):
    evaluation = EvaluationFactory(offer=tool, answers={grid["besoin"]: "oui"})
    # Edited and sent back to moderation: the approved answers stay until approved.
    answer = evaluation.answers.get()
    answer.answer = "non"
    evaluation.answers = [answer]
    evaluation.save_revision()

    scorecard_refresh(offer_ids=[tool.pk])

    assert _counts(tool, "besoin") == (1, 0, 0, 0)


def test_withdrawing_the_only_evaluation_makes_the_offer_not_evaluated(tool, grid):
    evaluation = EvaluationFactory(offer=tool, answers={grid["besoin"]: "oui"})
    assert _scorecard(tool) is not None

    withdraw(evaluation)

    assert _scorecard(tool) is None
    assert not ScorecardCriterion.objects.exists()


def test_a_new_approval_by_the_same_organisation_supersedes_the_old_one(tool, grid):
    actor = ActorFactory()
    old = EvaluationFactory(offer=tool, actor=actor, answers={grid["besoin"]: "non"})
    EvaluationFactory(offer=tool, answers={grid["besoin"]: "oui"})
    new = EvaluationFactory(offer=tool, actor=actor, answers={grid["besoin"]: "partiel"})

    # Right before the supersession is recorded…
    assert _scorecard(tool).evaluation_count == 2
    assert _counts(tool, "besoin") == (1, 1, 0, 0)
    # …and after it.
    supersede(old, new)
    scorecard_refresh(offer_ids=[tool.pk])
    assert _scorecard(tool).organisation_count == 2
    assert _counts(tool, "besoin") == (1, 1, 0, 0)


def test_a_superseded_evaluation_never_counts_even_when_alone(tool, grid):
    old = EvaluationFactory(offer=tool, answers={grid["besoin"]: "non"})
    new = EvaluationFactory(offer=tool, actor=old.actor, answers={grid["besoin"]: "oui"})
    supersede(old, new)

    # The newer one withdrawn: the old one stays replaced.
    withdraw(new)

    assert _scorecard(tool) is None


def test_the_latest_approval_wins_whatever_the_creation_order(tool, grid):
    actor = ActorFactory()
    later = EvaluationFactory(
        offer=tool,
        actor=actor,
        answers={grid["besoin"]: "oui"},
        approved_at=datetime(2026, 5, 1, tzinfo=UTC),
    )
    EvaluationFactory(
        offer=tool,
        actor=actor,
        answers={grid["besoin"]: "non"},
        approved_at=datetime(2026, 4, 1, tzinfo=UTC),
    )

    assert _counts(tool, "besoin") == (1, 0, 0, 0)
    assert _scorecard(tool).last_approved_at == later.last_published_at


def test_deleting_an_evaluation_recomputes(tool, grid):
    EvaluationFactory(offer=tool, answers={grid["besoin"]: "oui"})
    second = EvaluationFactory(offer=tool, answers={grid["besoin"]: "non"})

    run_on_commit(second.delete)

    assert _counts(tool, "besoin") == (1, 0, 0, 0)


def test_a_recomputation_moves_the_content_generation(tool, grid):
    """Cached pages and API answers show the scorecard: recomputing lets them go, even
    when nothing else in the transaction changed a content row."""
    EvaluationFactory(offer=tool, answers={grid["besoin"]: "oui"})
    before = content_version.current()

    run_on_commit(scorecard_refresh, offer_ids=[tool.pk])

    assert content_version.current() != before


def test_a_draft_counts_once_approved(tool, grid):
    EvaluationFactory(offer=tool, answers={grid["besoin"]: "oui"})
    evaluation = EvaluationFactory(offer=tool, state=DRAFT, answers={grid["besoin"]: "non"})
    assert _counts(tool, "besoin") == (1, 0, 0, 0)

    approve(evaluation)

    assert _counts(tool, "besoin") == (1, 0, 1, 0)


def test_a_criterion_retired_after_an_evaluation_leaves_every_scorecard(tool, grid):
    evaluation = EvaluationFactory(
        offer=tool, answers={grid["besoin"]: "oui", grid["hebergement-ue"]: "non"}
    )
    assert _scorecard(tool).score == 0.5

    criterion = grid["hebergement-ue"]
    criterion.active = False
    run_on_commit(criterion.save)

    scorecard = _scorecard(tool)
    assert [row["slug"] for row in scorecard.criteria] == ["besoin"]
    assert [group["slug"] for group in scorecard.groups] == ["usage"]
    assert scorecard.score == 1.0
    assert not ScorecardCriterion.objects.filter(criterion=criterion).exists()
    # The evaluation keeps its answer, under the wording it answered.
    assert evaluation.answers.filter(criterion=criterion).exists()


def test_renaming_a_criterion_renames_it_in_the_scorecards(tool, grid):
    EvaluationFactory(offer=tool, answers={grid["besoin"]: "oui"})
    criterion = grid["besoin"]
    criterion.name = "Répond à un besoin identifié"
    run_on_commit(criterion.save)

    assert _scorecard(tool).criteria[0]["name"] == "Répond à un besoin identifié"


def test_criteria_that_do_not_apply_to_the_kind_are_ignored(catalogue, grid):
    training = TrainingOfferPageFactory(parent=catalogue, slug="formation")
    EvaluationFactory(
        offer=training, answers={grid["besoin"]: "oui", grid["hebergement-ue"]: "non"}
    )

    scorecard = _scorecard(training)
    assert [row["slug"] for row in scorecard.criteria] == ["besoin"]
    assert scorecard.score == 1.0


def test_one_transaction_refreshes_each_offer_once(tool, grid, monkeypatch):
    first = EvaluationFactory(offer=tool, answers={grid["besoin"]: "oui"})
    second = EvaluationFactory(offer=tool, answers={grid["besoin"]: "non"})
    calls = []
    monkeypatch.setattr(
        scorecard_signals, "scorecard_refresh", lambda **kwargs: calls.append(kwargs)
    )

    def withdraw_both():
        first.unpublish()
        second.unpublish()

    run_on_commit(withdraw_both)

    assert calls == [{"offer_ids": {tool.pk}}]


def test_the_command_recomputes_every_scorecard(tool, grid, catalogue):
    EvaluationFactory(offer=tool, answers={grid["besoin"]: "oui"})
    other = ToolPageFactory(parent=catalogue, slug="autre")
    EvaluationFactory(offer=other, answers={grid["besoin"]: "non"})
    OfferScorecard.objects.all().delete()
    # A stale scorecard of an offer whose evaluations are all gone.
    Evaluation.objects.filter(offer=other).update(live=False)
    OfferScorecard.objects.create(
        offer=other, evaluation_count=1, organisation_count=1, last_approved_at=datetime.now(UTC)
    )

    call_command("refresh_scorecards", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert _counts(tool, "besoin") == (1, 0, 0, 0)
    assert _scorecard(other) is None
    assert scorecards_refresh_all() == 1


def test_refreshing_nothing_costs_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert scorecard_refresh(offer_ids=[]) == 0
