"""Reads of the diagnostic: a questionnaire and a result by their keys, for the pages and
the API; and what a result's recommendations draw on, what the catalogue and the training
offer hold for the themes of some measures. Each of those reads for every measure at once,
so that a result costs the same number of queries whatever its number of measures; the
choice and the order of what is shown are `recommendations`' business.

Themes match downward: a measure on a top-level theme (« Communication ») recommends the
offers and modules of its sub-themes too, as the catalogue's theme filter does, so that
the catalogue filtered on the measure's themes shows the same offers. They do not match
upward: an offer filed under a top-level theme only is a general one, and letting it
answer every narrower measure of that theme (« Registre RGPD » answered by any
« Données et sécurité » tool) would crowd out the offers made for the need."""

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from catalogue.models import Actor, OfferPage, Theme
from catalogue.selectors import CARD_PRELOADS, offers_by_ids
from cms.visibility import in_private_collection
from training.models import TrainingModulePage, TrainingSession
from training.selectors import upcoming_sessions, visible_modules

from .models import DiagnosticPage, DiagnosticResult, Measure


@dataclass(frozen=True)
class OfferCandidate:
    """A visible offer filed under one of the themes asked for (one per offer and theme),
    with what orders it: its scorecard's score and its data-quality score, None when it
    has none."""

    pk: int
    theme_id: int
    provider_id: int | None
    score: float | None
    quality: int | None
    title: str


@dataclass(frozen=True)
class ModuleCandidate:
    """A visible training module filed under one of the themes asked for."""

    pk: int
    theme_id: int
    title: str


def measure_theme_ids(measure_ids: Iterable[int]) -> dict[int, frozenset[int]]:
    """The themes each measure recommends from: its own and their sub-themes (see the
    module's docstring). Two queries."""
    own: dict[int, set[int]] = defaultdict(set)
    rows = Measure.themes.through.objects.filter(measure_id__in=list(measure_ids))
    for measure_id, theme_id in rows.values_list("measure_id", "theme_id"):
        own[measure_id].add(theme_id)
    children: dict[int, set[int]] = defaultdict(set)
    parents = set().union(*own.values())
    if parents:
        rows = Theme.objects.filter(parent_id__in=parents).values_list("pk", "parent_id")
        for pk, parent_id in rows:
            children[parent_id].add(pk)
    return {
        measure_id: frozenset(themes.union(*(children[pk] for pk in themes)))
        for measure_id, themes in own.items()
    }


def offer_candidates(theme_ids: Iterable[int]) -> list[OfferCandidate]:
    """The visible offers filed under `theme_ids`, from the themes' relation table joined
    to the scorecard and the quality score: one query, however many offers."""
    rows = OfferPage.themes.through.objects.filter(
        theme_id__in=list(theme_ids),
        offerpage_id__in=OfferPage.objects.visible().values("pk"),
    ).values_list(
        "offerpage_id",
        "theme_id",
        "offerpage__provider_id",
        "offerpage__scorecard__score",
        "offerpage__quality__score",
        "offerpage__title",
    )
    return [OfferCandidate(*row) for row in rows]


def module_candidates(theme_ids: Iterable[int]) -> list[ModuleCandidate]:
    """The visible training modules filed under `theme_ids`: one query."""
    rows = TrainingModulePage.themes.through.objects.filter(
        theme_id__in=list(theme_ids),
        trainingmodulepage_id__in=visible_modules().values("pk"),
    ).values_list("trainingmodulepage_id", "theme_id", "trainingmodulepage__title")
    return [ModuleCandidate(*row) for row in rows]


def module_author_ids(module_ids: Iterable[int]) -> dict[int, list[int]]:
    """The authoring organisations of each module, by id: one query."""
    authors = defaultdict(list)
    rows = TrainingModulePage.authors.through.objects.filter(
        trainingmodulepage_id__in=list(module_ids)
    ).values_list("trainingmodulepage_id", "actor_id")
    for module_id, actor_id in rows:
        authors[module_id].append(actor_id)
    return authors


def upcoming_sessions_by_module(module_ids: Iterable[int]) -> dict[int, list[TrainingSession]]:
    """The upcoming sessions of each module, soonest first: one query."""
    sessions = defaultdict(list)
    for session in upcoming_sessions().filter(module_id__in=list(module_ids)):
        sessions[session.module_id].append(session)
    return sessions


def offers_for_cards(ids: list[int]) -> list[OfferPage]:
    """The offers of `ids` (read through the visibility rule), in that order, each as its
    kind, with what an offer card shows: scorecard numbers, themes and logo renditions.
    A constant number of queries."""
    if not ids:
        return []
    return offers_by_ids(ids, preloads=CARD_PRELOADS, scorecards=True)


def modules_by_ids(ids: Iterable[int]) -> dict[int, TrainingModulePage]:
    """Modules of `ids` read through the visibility rule: one query."""
    ids = list(ids)
    return visible_modules().in_bulk(ids) if ids else {}


def actors_by_ids(ids: Iterable[int]) -> dict[int, Actor]:
    """Organisations with their logo, in one query. A logo kept in a private collection is
    dropped, as listings do. Their accounts (`users`) are never read: a recommendation
    shows the organisation's public contact only."""
    ids = list(ids)
    if not ids:
        return {}
    actors = (
        Actor.objects.filter(pk__in=ids)
        .select_related("logo")
        .annotate(private_logo=in_private_collection("logo"))
    )
    found = {}
    for actor in actors:
        if actor.private_logo:
            actor.logo = None
        found[actor.pk] = actor
    return found


def visible_diagnostic(slug: str) -> DiagnosticPage | None:
    """The live, public questionnaire with this slug, if any."""
    return DiagnosticPage.objects.visible().filter(slug=slug).order_by("pk").first()


def result_by_id(result_id: str) -> DiagnosticResult | None:
    """A stored result by its UUID, with its page (for `measures_shown`); None for an
    unknown or malformed identifier."""
    try:
        key = uuid.UUID(str(result_id))
    except ValueError:
        return None
    return DiagnosticResult.objects.select_related("page").filter(pk=key).first()
