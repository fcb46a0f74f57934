"""What a result recommends: its priority measures, each with why it is there.

The measures are those the scored answers call for. They are ordered by the measure's
priority (1 first), then by how weak the axis that called for them is (lowest score
first), then by title; a measure called for by several answers is listed once, with every
answer as a reason and the weakest of their axes. The page's `measures_shown` (6 by
default) are kept.

Each recommendation then carries what the catalogue and the training offer hold for the
measure's themes (`offers`, `actors`, `modules`), filled by `catalogue_matches`."""

from dataclasses import dataclass, field

from .models import DiagnosticResult, Measure
from .scoring import AxisScore, Outcome

DEFAULT_SHOWN = 6


@dataclass(frozen=True)
class Reason:
    axis: str
    question: str
    answer: str


@dataclass
class Recommendation:
    measure: Measure
    axis: AxisScore
    reasons: list[Reason]
    offers: list = field(default_factory=list)
    actors: list = field(default_factory=list)
    modules: list = field(default_factory=list)


def priority_measures(outcome: Outcome, shown: int = DEFAULT_SHOWN) -> list[Recommendation]:
    """The `shown` first measures of an outcome, with their reasons; one query."""
    by_measure: dict[int, Recommendation] = {}
    measures = Measure.objects.in_bulk({trigger.measure for trigger in outcome.triggers})
    for trigger in outcome.triggers:
        measure = measures.get(trigger.measure)
        if measure is None:  # deleted since: nothing to recommend
            continue
        axis = outcome.axis(trigger.axis)
        reason = Reason(axis.name, trigger.question.text, trigger.option.label)
        known = by_measure.get(measure.pk)
        if known is None:
            by_measure[measure.pk] = Recommendation(measure, axis, [reason])
            continue
        if reason not in known.reasons:
            known.reasons.append(reason)
        if _weakness(axis) < _weakness(known.axis):
            known.axis = axis
    ordered = sorted(
        by_measure.values(),
        key=lambda r: (r.measure.priority, _weakness(r.axis), r.measure.title),
    )
    return ordered[:shown]


def _weakness(axis: AxisScore) -> float:
    # An axis that calls for a measure has at least one scored answer, so a score.
    return axis.score if axis.score is not None else 100.0


def result_recommendations(result: DiagnosticResult, outcome: Outcome) -> list[Recommendation]:
    shown = result.page.measures_shown if result.page_id else DEFAULT_SHOWN
    return priority_measures(outcome, shown)
