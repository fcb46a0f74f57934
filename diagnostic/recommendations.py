"""What a result recommends: its priority measures, each with why it is there.

The measures are those the scored answers call for. They are ordered by the measure's
priority (1 first), then by how weak the axis that called for them is (lowest score
first), then by title; a measure called for by several answers is listed once, with every
answer as a reason and the weakest of their axes. The page's `measures_shown` (6 by
default) are kept.

An answer's own themes of need are not recommendations: they say what the association
lacks, which the observatory counts; what to do about it is the measures' business, and
their themes bring the offers.

Each recommendation then carries what the catalogue and the training offer hold for the
measure's themes (`offers`, `actors`, `modules`), filled by `catalogue_matches`:

- **offers**, best qualified first: by the score of their scorecard (what the approved
  evaluations of the programme's actors add up to), offers not evaluated after the
  evaluated ones; then by their data-quality score, then by title.
- **actors**, the organisations that provide one of the measure's offers (any of them,
  not only those shown), wrote one of its modules or lead an upcoming session of one:
  those that name the association's department first, then those working nationwide
  (no department given: they cover it too, but from afar), then the others; within
  each, by Guid'Asso level, the deepest support first; then by name.
- **modules**, those with an upcoming session first, the soonest first; then by title.
  Each comes with its upcoming sessions (`ModuleMatch`).

Which offers and modules a measure's themes reach (sub-themes included) is said in
`selectors`."""

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from catalogue.choices import GuidAssoLevel
from catalogue.models import Actor, OfferPage
from training.models import TrainingModulePage, TrainingSession

from . import selectors
from .models import DiagnosticResult, Measure
from .scoring import AxisScore, Outcome

DEFAULT_SHOWN = 6
DEFAULT_LIMIT = 3
# The deepest support first; an actor without a level comes after every level.
GUIDASSO_ORDER = {
    level: rank
    for rank, level in enumerate(
        (
            GuidAssoLevel.SPECIALIST,
            GuidAssoLevel.GENERALIST,
            GuidAssoLevel.INFORMATION,
            GuidAssoLevel.ORIENTATION,
        )
    )
}


@dataclass(frozen=True)
class Reason:
    axis: str
    question: str
    answer: str


@dataclass(frozen=True)
class ModuleMatch:
    """A training module recommended for a measure, with its upcoming sessions."""

    module: TrainingModulePage
    sessions: list[TrainingSession]


@dataclass
class Recommendation:
    measure: Measure
    axis: AxisScore
    reasons: list[Reason]
    offers: list[OfferPage] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    modules: list[ModuleMatch] = field(default_factory=list)


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
    return catalogue_matches(priority_measures(outcome, shown), department=result.department)


@dataclass
class _Picks:
    """What one measure will show, by id, before the rows shown are read."""

    offer_ids: list[int]
    module_ids: list[int]
    actor_ids: set[int]


def catalogue_matches(
    recommendations: list[Recommendation], *, department: str = "", limit: int = DEFAULT_LIMIT
) -> list[Recommendation]:
    """Fill each recommendation's `offers`, `actors` and `modules` (at most `limit` of
    each; the orders are in the module's docstring) with live, public content only. The
    same number of queries for one measure or ten: each read covers every measure."""
    themes = selectors.measure_theme_ids(r.measure.pk for r in recommendations)
    wanted = set().union(*themes.values())
    offers_by_theme, modules_by_theme = defaultdict(list), defaultdict(list)
    if wanted:
        for offer in selectors.offer_candidates(wanted):
            offers_by_theme[offer.theme_id].append(offer)
        for module in selectors.module_candidates(wanted):
            modules_by_theme[module.theme_id].append(module)
    module_ids = {m.pk for found in modules_by_theme.values() for m in found}
    sessions = selectors.upcoming_sessions_by_module(module_ids) if module_ids else {}
    authors = selectors.module_author_ids(module_ids) if module_ids else {}

    picks = {}
    for recommendation in recommendations:
        measure_themes = themes.get(recommendation.measure.pk, ())
        offers = _unique(o for t in measure_themes for o in offers_by_theme[t])
        modules = _unique(m for t in measure_themes for m in modules_by_theme[t])
        actor_ids = {o.provider_id for o in offers if o.provider_id}
        for module in modules:
            actor_ids.update(authors.get(module.pk, ()))
            actor_ids.update(s.trainer_id for s in sessions.get(module.pk, ()) if s.trainer_id)
        modules.sort(key=lambda m: _module_order(m, sessions.get(m.pk, [])))
        picks[recommendation.measure.pk] = _Picks(
            [o.pk for o in sorted(offers, key=_offer_order)[:limit]],
            [m.pk for m in modules[:limit]],
            actor_ids,
        )

    offers = {
        offer.pk: offer
        for offer in selectors.offers_for_cards(
            list(dict.fromkeys(pk for p in picks.values() for pk in p.offer_ids))
        )
    }
    modules = selectors.modules_by_ids({pk for p in picks.values() for pk in p.module_ids})
    actors = selectors.actors_by_ids(set().union(*(p.actor_ids for p in picks.values())))
    for recommendation in recommendations:
        pick = picks[recommendation.measure.pk]
        recommendation.offers = [offers[pk] for pk in pick.offer_ids if pk in offers]
        recommendation.modules = [
            ModuleMatch(modules[pk], sessions.get(pk, []))
            for pk in pick.module_ids
            if pk in modules
        ]
        found = [actors[pk] for pk in pick.actor_ids if pk in actors]
        recommendation.actors = sorted(found, key=lambda a: _actor_order(a, department))[:limit]
    return recommendations


def _unique(candidates) -> list:
    """One candidate per offer or module, reached by any of the measure's themes."""
    return list({candidate.pk: candidate for candidate in candidates}.values())


def _alphabetical(text: str) -> str:
    # « Éducation » between « Données » and « Formation », not after « Zoom ».
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _offer_order(offer: selectors.OfferCandidate) -> tuple:
    return (
        offer.score is None,
        -(offer.score or 0),
        offer.quality is None,
        -(offer.quality or 0),
        _alphabetical(offer.title),
        offer.pk,
    )


def _module_order(module: selectors.ModuleCandidate, sessions: list[TrainingSession]) -> tuple:
    # Sessions come soonest first (`TrainingSession.objects.upcoming()`).
    next_start = sessions[0].start.timestamp() if sessions else 0
    return (not sessions, next_start, _alphabetical(module.title), module.pk)


def _department_rank(actor: Actor, department: str) -> int:
    """0 for an actor that names the department, 1 for one working nationwide (no
    department given), 2 for one working elsewhere; 0 for all when the association's
    department is not known."""
    if not department:
        return 0
    covered = [code.upper() for code in actor.department_list]
    if department.upper() in covered:
        return 0
    return 1 if not covered else 2


def _actor_order(actor: Actor, department: str) -> tuple:
    return (
        _department_rank(actor, department),
        GUIDASSO_ORDER.get(actor.guidasso_level, len(GUIDASSO_ORDER)),
        _alphabetical(actor.name),
        actor.pk,
    )
