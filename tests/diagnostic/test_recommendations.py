"""The order of a result's priority measures, and why each is there."""

import pytest

from diagnostic.choices import MeasurePriority
from diagnostic.models import Measure
from diagnostic.recommendations import priority_measures
from diagnostic.scoring import Axis, Option, Question, Questionnaire, score

pytestmark = pytest.mark.django_db


def _measure(slug, priority):
    return Measure.objects.create(
        slug=slug, title=slug.capitalize(), why="Parce que.", how="Commencer.", priority=priority
    )


def _question(slug, measure_ids):
    return Question(
        slug=slug,
        text=f"Question {slug} ?",
        weight=1,
        options=(
            Option("non", "Non", 0, measures=measure_ids),
            Option("un-peu", "Un peu", 1, measures=measure_ids),
            Option("oui", "Oui", 3),
        ),
    )


def test_measures_come_by_priority_then_by_the_weakness_of_their_axis():
    urgent = _measure("urgente", MeasurePriority.URGENT)
    weak_axis = _measure("axe-faible", MeasurePriority.MEDIUM)
    strong_axis = _measure("axe-fort", MeasurePriority.MEDIUM)
    shared = _measure("partagee", MeasurePriority.HIGH)
    questionnaire = Questionnaire(
        (
            # fort: (1 + 3) / 6 = 66.7 %
            Axis(
                "fort", "Fort", (_question("f1", (strong_axis.pk, shared.pk)), _question("f2", ()))
            ),
            # faible: 0 %
            Axis("faible", "Faible", (_question("w1", (weak_axis.pk, shared.pk, urgent.pk)),)),
        )
    )
    outcome = score(questionnaire, {"f1": "un-peu", "f2": "oui", "w1": "non"})

    recommendations = priority_measures(outcome)

    assert [r.measure.slug for r in recommendations] == [
        "urgente",
        "partagee",
        "axe-faible",
        "axe-fort",
    ]
    shared_reco = recommendations[1]
    # Called for twice: listed once, with both answers, under its weakest axis.
    assert shared_reco.axis.slug == "faible"
    assert [(r.question, r.answer) for r in shared_reco.reasons] == [
        ("Question f1 ?", "Un peu"),
        ("Question w1 ?", "Non"),
    ]


def test_only_the_first_measures_are_kept():
    measures = [_measure(f"mesure-{n}", MeasurePriority.MEDIUM) for n in range(8)]
    questionnaire = Questionnaire(
        (Axis("a", "A", (_question("q", tuple(m.pk for m in measures)),)),)
    )
    outcome = score(questionnaire, {"q": "non"})

    assert len(priority_measures(outcome)) == 6
    assert len(priority_measures(outcome, 3)) == 3
    # Same priority, same axis: by title.
    assert [r.measure.slug for r in priority_measures(outcome, 3)] == [
        "mesure-0",
        "mesure-1",
        "mesure-2",
    ]


def test_a_deleted_measure_is_not_recommended():
    kept, gone = _measure("gardee", 2), _measure("supprimee", 1)
    questionnaire = Questionnaire((Axis("a", "A", (_question("q", (kept.pk, gone.pk)),)),))
    outcome = score(questionnaire, {"q": "non"})
    gone.delete()

    assert [r.measure.slug for r in priority_measures(outcome)] == ["gardee"]
