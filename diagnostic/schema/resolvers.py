"""Resolvers of the diagnostic's nested fields: the questionnaire of a page, a measure's
themes (attached to grapple's types by `cms.api.schema`), and what a result recommends."""

from cms.api.loaders import load_many_to_many, set_peers
from cms.api.resolvers import resolves

from ..choices import UnscoredAnswer
from ..models import DiagnosticPage, DiagnosticResult, Measure
from ..recommendations import ModuleMatch, Recommendation, result_recommendations
from ..scoring import Outcome
from ..services import result_outcome
from .loaders import ThemesByMeasureIdLoader

_OUTCOME = "_api_outcome"


@resolves(DiagnosticPage, "axes")
def resolve_page_axes(page, info):
    return page.questionnaire().axes


@resolves(DiagnosticPage, "unscored_answers")
def resolve_unscored_answers(page, info):
    return [
        {"value": answer.value, "label": answer.label, "score": None} for answer in UnscoredAnswer
    ]


@resolves(Measure, "themes")
def resolve_measure_themes(measure, info):
    return load_many_to_many(measure, "themes", ThemesByMeasureIdLoader, info)


def result_outcome_cached(result: DiagnosticResult) -> Outcome:
    """A result's outcome, computed once per request from its stored answers."""
    if _OUTCOME not in result.__dict__:
        result.__dict__[_OUTCOME] = result_outcome(result)
    return result.__dict__[_OUTCOME]


def result_recommendations_loaded(result: DiagnosticResult) -> list[Recommendation]:
    """The result's recommendations, whose measures, offers, actors and modules each form
    one peer group across all the recommendations, so that their fields batch."""
    recommendations = result_recommendations(result, result_outcome_cached(result))
    for name in ("offers", "actors"):
        set_peers([item for r in recommendations for item in getattr(r, name)])
    set_peers([r.measure for r in recommendations])
    set_peers([module.module for r in recommendations for module in recommended_modules(r)])
    return recommendations


def recommended_modules(recommendation: Recommendation) -> list[ModuleMatch]:
    return recommendation.modules
