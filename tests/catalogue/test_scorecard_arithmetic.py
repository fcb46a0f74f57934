"""The scorecard's arithmetic (`catalogue.scorecards`), against cases computed by hand."""

from datetime import UTC, datetime, timedelta

import pytest

from catalogue.scorecards import (
    ApprovedEvaluation,
    GridCriterion,
    Tally,
    latest_per_organisation,
    scorecard_aggregate,
)

T0 = datetime(2026, 3, 1, 10, 0, tzinfo=UTC)

# Usage: two criteria for every kind. Données: one for tools, one for tools but retired.
GRID = [
    GridCriterion(1, "besoin", "Besoin", "usage", "Usage"),
    GridCriterion(2, "prise-en-main", "Prise en main", "usage", "Usage"),
    GridCriterion(3, "hebergement-ue", "Hébergement UE", "donnees", "Données", True, ("outil",)),
    GridCriterion(4, "ancien", "Ancien critère", "donnees", "Données", False, ("outil",)),
]


def evaluation(pk, actor, answers, *, days=0):
    return ApprovedEvaluation(pk, actor, T0 + timedelta(days=days), answers)


# Three organisations. By criterion (1 yes, 2 partly, 3 no, 4 retired):
#   1: oui, oui, non          → yes 2, no 1
#   2: partiel, na, partiel   → partly 2, not applicable 1
#   3: non, oui, na           → yes 1, no 1, not applicable 1 (a three-way tie)
#   4: oui, non               → retired: left out
THREE = [
    evaluation(10, 1, {1: "oui", 2: "partiel", 3: "non", 4: "oui"}, days=0),
    evaluation(11, 2, {1: "oui", 2: "na", 3: "oui", 4: "non"}, days=5),
    evaluation(12, 3, {1: "non", 2: "partiel", 3: "na"}, days=2),
]


def _by_slug(result):
    return {row.criterion.slug: row.tally for row in result.criteria}


def test_counts_shares_and_scores_per_criterion():
    result = scorecard_aggregate(kind="outil", grid=GRID, evaluations=THREE)
    tallies = _by_slug(result)

    assert list(tallies) == ["besoin", "prise-en-main", "hebergement-ue"]
    besoin = tallies["besoin"]
    assert (besoin.yes, besoin.partial, besoin.no, besoin.not_applicable) == (2, 0, 1, 0)
    # 2 of 3 scored answers are yes or partly; (2 × 2) points of 2 × 3.
    assert besoin.yes_or_partial_share == 0.6667
    assert besoin.score == 0.6667
    assert besoin.majority == "oui"

    prise = tallies["prise-en-main"]
    assert (prise.yes, prise.partial, prise.no, prise.not_applicable) == (0, 2, 0, 1)
    # "Not applicable" is left out: 2 scored answers, both partly.
    assert prise.answered == 2
    assert prise.yes_or_partial_share == 1.0
    assert prise.score == 0.5
    assert prise.majority == "partiel"

    hebergement = tallies["hebergement-ue"]
    assert (hebergement.yes, hebergement.no, hebergement.not_applicable) == (1, 1, 1)
    assert hebergement.yes_or_partial_share == 0.5
    assert hebergement.score == 0.5
    assert hebergement.majority is None  # a tie matches no filter


def test_groups_and_overall_add_up_the_counted_criteria():
    result = scorecard_aggregate(kind="outil", grid=GRID, evaluations=THREE)
    usage, donnees = result.groups

    # Usage: yes 2, partly 2, no 1, not applicable 1 → 4 of 5; (4 + 2) of 10 points.
    assert (usage.slug, usage.name) == ("usage", "Usage")
    assert usage.tally.answered == 5
    assert usage.tally.yes_or_partial_share == 0.8
    assert usage.tally.score == 0.6
    # Données: the retired criterion's answers (one yes, one no) are not there.
    assert [row.criterion.slug for row in donnees.criteria] == ["hebergement-ue"]
    assert (donnees.tally.yes, donnees.tally.no) == (1, 1)
    assert donnees.tally.yes_or_partial_share == 0.5
    # Overall: yes 3, partly 2, no 2 (+ 2 not applicable) → 5 of 7; 8 of 14 points.
    assert result.tally.answered == 7
    assert result.tally.not_applicable == 2
    assert result.tally.yes_or_partial_share == 0.7143
    assert result.tally.score == 0.5714
    assert result.evaluation_count == result.organisation_count == 3
    assert result.last_approved_at == T0 + timedelta(days=5)


def test_criteria_that_do_not_apply_to_the_kind_are_ignored():
    result = scorecard_aggregate(kind="formation", grid=GRID, evaluations=THREE)

    assert [group.slug for group in result.groups] == ["usage"]
    assert result.tally.yes_or_partial_share == 0.8
    assert result.tally.score == 0.6


def test_a_criterion_retired_after_the_evaluations_leaves_the_scorecard():
    in_use = [GridCriterion(4, "ancien", "Ancien critère", "donnees", "Données", True)]
    retired = [GridCriterion(4, "ancien", "Ancien critère", "donnees", "Données", False)]

    before = scorecard_aggregate(kind="outil", grid=in_use, evaluations=THREE)
    after = scorecard_aggregate(kind="outil", grid=retired, evaluations=THREE)

    assert before.tally.yes_or_partial_share == 0.5  # one yes, one no
    assert after.groups == []
    assert after.tally.score is None
    assert after.evaluation_count == 3  # the evaluations still count as evaluations


def test_the_latest_approved_evaluation_of_an_organisation_supersedes_the_others():
    older = evaluation(20, 1, {1: "non"}, days=0)
    newer = evaluation(21, 1, {1: "oui"}, days=3)
    other = evaluation(22, 2, {1: "non"}, days=1)

    result = scorecard_aggregate(kind="outil", grid=GRID, evaluations=[newer, older, other])

    assert [e.pk for e in result.evaluations] == [22, 21]
    assert result.evaluation_count == result.organisation_count == 2
    tally = _by_slug(result)["besoin"]
    assert (tally.yes, tally.no) == (1, 1)
    assert result.last_approved_at == T0 + timedelta(days=3)


def test_two_approvals_at_the_same_moment_keep_the_later_evaluation():
    first = evaluation(30, 1, {1: "non"})
    second = evaluation(31, 1, {1: "oui"})

    assert latest_per_organisation([second, first]) == [second]


def test_withdrawing_every_evaluation_leaves_no_scorecard():
    assert scorecard_aggregate(kind="outil", grid=GRID, evaluations=[]) is None


def test_a_group_answered_not_applicable_only_has_no_share():
    result = scorecard_aggregate(
        kind="outil", grid=GRID, evaluations=[evaluation(40, 1, {1: "na", 2: "na"})]
    )

    (usage,) = result.groups
    assert usage.tally.not_applicable == 2
    assert usage.tally.answered == 0
    assert usage.tally.yes_or_partial_share is None
    assert usage.tally.score is None
    assert result.tally.score is None
    assert _by_slug(result)["besoin"].majority == "na"


def test_criteria_nobody_answered_are_not_listed():
    result = scorecard_aggregate(
        kind="outil", grid=GRID, evaluations=[evaluation(50, 1, {2: "oui"})]
    )

    assert [row.criterion.slug for row in result.criteria] == ["prise-en-main"]
    assert [group.slug for group in result.groups] == ["usage"]


@pytest.mark.parametrize(
    ("answers", "majority"),
    [
        (["oui"], "oui"),
        (["oui", "oui", "non"], "oui"),
        (["oui", "non"], None),
        (["oui", "na", "na"], "na"),
        (["partiel", "partiel", "oui", "non"], "partiel"),
        (["oui", "oui", "na", "na"], None),
        ([], None),
    ],
)
def test_majority_answer(answers, majority):
    tally = Tally()
    for answer in answers:
        tally.add(answer)
    assert tally.majority == majority


def test_partly_weighs_half_a_yes():
    tally = Tally(yes=1, partial=2, no=1)

    assert tally.yes_or_partial_share == 0.75  # 3 of 4
    assert tally.score == 0.5  # (2 + 2) of 8


def test_stored_form_names_every_number():
    result = scorecard_aggregate(kind="outil", grid=GRID, evaluations=THREE)

    assert result.groups[0].as_dict() == {
        "slug": "usage",
        "name": "Usage",
        "yes": 2,
        "partial": 2,
        "no": 1,
        "not_applicable": 1,
        "answered": 5,
        "yes_or_partial_share": 0.8,
        "score": 0.6,
        "criteria": ["besoin", "prise-en-main"],
    }
    assert result.criteria[2].as_dict()["majority"] is None
