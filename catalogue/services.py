"""Writes with rules for the catalogue."""

import calendar
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from itertools import islice
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from cms import content_version

from .link_selectors import broken_link_counts
from .models import (
    Audience,
    CriterionGroup,
    Evaluation,
    EvaluationAnswer,
    EvaluationCriterion,
    OfferPage,
    OfferQuality,
    OfferScorecard,
    ScorecardCriterion,
    Theme,
)
from .quality import assess, offer_facts
from .scorecards import ApprovedEvaluation, GridCriterion, scorecard_aggregate
from .selectors import current_evaluations, offers_for_quality

SEED_DIR = Path(__file__).resolve().parent / "seed"


@transaction.atomic
def taxonomy_load_seed(*, seed_dir: Path = SEED_DIR) -> dict[str, int]:
    """Create or update the seed themes (two levels) and audiences, and add the evaluation
    grid's missing groups and criteria; returns how many rows were created. Running it
    again changes nothing."""
    created = {"themes": 0, "audiences": 0}
    themes = json.loads((seed_dir / "themes.json").read_text(encoding="utf-8"))["themes"]
    for parent_order, parent_data in enumerate(themes):
        parent, was_created = Theme.objects.update_or_create(
            slug=parent_data["slug"],
            defaults={"name": parent_data["name"], "parent": None, "sort_order": parent_order},
        )
        created["themes"] += was_created
        for order, child in enumerate(parent_data.get("children", [])):
            _, was_created = Theme.objects.update_or_create(
                slug=child["slug"],
                defaults={"name": child["name"], "parent": parent, "sort_order": order},
            )
            created["themes"] += was_created
    audiences = json.loads((seed_dir / "audiences.json").read_text(encoding="utf-8"))["audiences"]
    for order, data in enumerate(audiences):
        _, was_created = Audience.objects.update_or_create(
            slug=data["slug"], defaults={"name": data["name"], "sort_order": order}
        )
        created["audiences"] += was_created
    created["criteria"] = criteria_load_seed(seed_dir=seed_dir)
    return created


@transaction.atomic
def criteria_load_seed(*, seed_dir: Path = SEED_DIR) -> int:
    """Add the seed grid's groups and criteria that are missing; returns how many criteria
    were created. Coordination maintains the grid in the admin afterwards, so an existing
    group or criterion is never renamed, reordered or brought back from retirement."""
    grid = json.loads((seed_dir / "criteria.json").read_text(encoding="utf-8"))
    created = 0
    for group_order, group_data in enumerate(grid["groups"]):
        group, _ = CriterionGroup.objects.get_or_create(
            slug=group_data["slug"],
            defaults={"name": group_data["name"], "sort_order": group_order},
        )
        for order, data in enumerate(group_data["criteria"]):
            _, was_created = EvaluationCriterion.objects.get_or_create(
                slug=data["slug"],
                defaults={
                    "group": group,
                    "name": data["name"],
                    "applies_to": data.get("applies_to", []),
                    "sort_order": order,
                },
            )
            created += was_created
    return created


QUALITY_BATCH = 500


@transaction.atomic
def offer_quality_refresh(
    *,
    offer_ids: Iterable[int] | None = None,
    today: date | None = None,
    broken_links: Mapping[int, int] | None = None,
) -> int:
    """Recompute the stored data-quality score of the offers `offer_ids` (every offer
    when None) and return how many scores or lists of what is missing changed.

    Live offers get a row; the others lose theirs (the score is that of the published
    version). Rows are written in bulk, without the save signals, and the content
    generation moves once, only if a score or a list changed: the API's cached answers
    then show the new score, while a daily run that changes nothing, or an editor's draft,
    leaves every cache warm. `broken_links` (by offer id) defaults to what the link checker
    recorded."""
    today = today or timezone.localdate()
    now = timezone.now()
    ids = None if offer_ids is None else list(offer_ids)
    stale = OfferQuality.objects.exclude(offer__live=True)
    if ids is not None:
        stale = stale.filter(offer_id__in=ids)
    changed = stale.count()
    if changed:
        stale.delete()
    rows_read = offers_for_quality(ids).iterator(chunk_size=QUALITY_BATCH)
    while offers := list(islice(rows_read, QUALITY_BATCH)):
        pks = [offer.pk for offer in offers]
        links = broken_link_counts(pks) if broken_links is None else broken_links
        before = OfferQuality.objects.in_bulk(pks)
        rows = []
        for offer in offers:
            quality = assess(offer_facts(offer), today=today, broken_links=links.get(offer.pk, 0))
            missing = [hint.as_json() for hint in quality.missing]
            old = before.get(offer.pk)
            if old is None or (old.score, old.missing) != (quality.score, missing):
                changed += 1
            rows.append(
                OfferQuality(
                    offer_id=offer.pk, score=quality.score, missing=missing, computed_at=now
                )
            )
        OfferQuality.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["offer"],
            update_fields=["score", "missing", "computed_at"],
        )
    if changed:
        content_version.changed()
    return changed


def _add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


@transaction.atomic
def evaluation_approved(*, evaluation: Evaluation, at: datetime | None = None) -> list[int]:
    """What the approval (publication) of an evaluation changes beyond it: the same
    organisation's earlier evaluations of the offer are superseded, and the offer is
    marked as qualified. Returns the ids of the evaluations superseded."""
    at = at or timezone.now()
    superseded = evaluation_supersede_previous(evaluation=evaluation, at=at)
    offer_mark_qualified(offer_id=evaluation.offer_id, on=timezone.localdate(at))
    return superseded


@transaction.atomic
def evaluation_supersede_previous(
    *, evaluation: Evaluation, at: datetime | None = None
) -> list[int]:
    """Make `evaluation` the organisation's one current evaluation of the offer: the
    other approved, not yet superseded ones point to it and stay in the history. An
    evaluation approved again after it was superseded becomes current again: the latest
    approval is the organisation's word. Returns the ids of the evaluations superseded."""
    at = at or timezone.now()
    previous = (
        Evaluation.objects.select_for_update()
        .filter(
            actor_id=evaluation.actor_id,
            offer_id=evaluation.offer_id,
            live=True,
            superseded_by__isnull=True,
        )
        .exclude(pk=evaluation.pk)
    )
    ids = list(previous.values_list("pk", flat=True))
    # Rows updated in bulk send no signal: the content generation is moved below.
    Evaluation.objects.filter(pk__in=ids).update(superseded_by=evaluation, superseded_at=at)
    Evaluation.objects.filter(pk=evaluation.pk).exclude(superseded_by=None).update(
        superseded_by=None, superseded_at=None
    )
    evaluation.superseded_by, evaluation.superseded_at = None, None
    content_version.changed()
    return ids


def offer_mark_qualified(*, offer_id: int, on: date) -> None:
    """Record that the offer was qualified on `on`, and when to check it again
    (`OFFER_REVIEW_MONTHS` later). Written on the page row only: no revision is created,
    and `OfferPage.with_content_json` keeps these dates when an older revision is
    published. A later qualification already recorded is never moved back."""
    OfferPage.objects.filter(pk=offer_id).filter(
        Q(last_qualified_on__isnull=True) | Q(last_qualified_on__lte=on)
    ).update(last_qualified_on=on, review_by=_add_months(on, settings.OFFER_REVIEW_MONTHS))
    content_version.changed()


# Scorecards

# Offers recomputed per transaction by `scorecards_refresh_all`.
REFRESH_BATCH = 200


def _grid() -> list[GridCriterion]:
    return [
        GridCriterion(
            pk=criterion.pk,
            slug=criterion.slug,
            name=criterion.name,
            group_slug=criterion.group.slug,
            group_name=criterion.group.name,
            active=criterion.active,
            applies_to=tuple(criterion.applies_to or ()),
        )
        for criterion in EvaluationCriterion.objects.select_related("group")
    ]


def _approved_evaluations(offer_ids: list[int]) -> dict[int, list[ApprovedEvaluation]]:
    """The current evaluations of each offer with their answers, in two queries."""
    evaluations = list(
        current_evaluations()
        .filter(offer_id__in=offer_ids)
        .order_by()
        .values_list("pk", "offer_id", "actor_id", "last_published_at")
    )
    answers = defaultdict(dict)
    for evaluation_id, criterion_id, answer in (
        EvaluationAnswer.objects.filter(evaluation_id__in=[row[0] for row in evaluations])
        .order_by()
        .values_list("evaluation_id", "criterion_id", "answer")
    ):
        answers[evaluation_id][criterion_id] = answer
    by_offer = defaultdict(list)
    for evaluation_id, offer_id, actor_id, approved_at in evaluations:
        by_offer[offer_id].append(
            ApprovedEvaluation(evaluation_id, actor_id, approved_at, answers[evaluation_id])
        )
    return by_offer


def _lock_offer_kinds(offer_ids: list[int]) -> dict[int, str]:
    """The kind of each offer, its row locked until the transaction ends: two refreshes
    of one offer (two approvals at once) then write in turn, the second reading what the
    first committed, instead of both inserting its scorecard."""
    kinds = {}
    rows = (
        OfferPage.objects.filter(pk__in=offer_ids)
        .select_for_update(of=("self",))
        .order_by("pk")
        .values_list("pk", "content_type_id")
    )
    for pk, content_type_id in rows:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        kinds[pk] = getattr(model, "kind", "")
    return kinds


def scorecard_refresh(*, offer_ids: Iterable[int]) -> int:
    """Recompute and store the scorecards of `offer_ids` from their current approved
    evaluations (`catalogue.scorecards` holds the rules); returns how many offers have
    one. Moves the content generation, so that cached pages and API answers showing the
    old scorecards are let go."""
    offer_ids = sorted(set(offer_ids))
    if not offer_ids:
        return 0
    return _scorecards_write(offer_ids)


@transaction.atomic
def _scorecards_write(offer_ids: list[int]) -> int:
    kinds = _lock_offer_kinds(offer_ids)
    grid = _grid()
    evaluations = _approved_evaluations(list(kinds))
    scorecards, rows = [], []
    for offer_id, kind in kinds.items():
        result = scorecard_aggregate(kind=kind, grid=grid, evaluations=evaluations[offer_id])
        if result is None:
            continue
        tally = result.tally
        scorecards.append(
            OfferScorecard(
                offer_id=offer_id,
                evaluation_count=result.evaluation_count,
                organisation_count=result.organisation_count,
                last_approved_at=result.last_approved_at,
                score=tally.score,
                yes_or_partial_share=tally.yes_or_partial_share,
                groups=[group.as_dict() for group in result.groups],
                criteria=[criterion.as_dict() for criterion in result.criteria],
            )
        )
        rows += [
            ScorecardCriterion(
                scorecard_id=offer_id,
                criterion_id=criterion.criterion.pk,
                yes=criterion.tally.yes,
                partial=criterion.tally.partial,
                no=criterion.tally.no,
                not_applicable=criterion.tally.not_applicable,
                majority=criterion.tally.majority or "",
            )
            for criterion in result.criteria
        ]
    # Written again rather than updated: a scorecard has few rows.
    ScorecardCriterion.objects.filter(scorecard_id__in=offer_ids).delete()
    OfferScorecard.objects.filter(offer_id__in=offer_ids).delete()
    OfferScorecard.objects.bulk_create(scorecards)
    ScorecardCriterion.objects.bulk_create(rows)
    content_version.changed()
    return len(scorecards)


def scorecards_refresh_all() -> int:
    """Recompute the scorecard of every offer that has one or has an approved evaluation
    (after the grid changed, or from `manage.py refresh_scorecards`), in batches; returns
    how many offers have one."""
    offer_ids = sorted(
        set(OfferScorecard.objects.values_list("offer_id", flat=True))
        | set(Evaluation.objects.filter(live=True).values_list("offer_id", flat=True))
    )
    return sum(
        scorecard_refresh(offer_ids=offer_ids[start : start + REFRESH_BATCH])
        for start in range(0, len(offer_ids), REFRESH_BATCH)
    )
