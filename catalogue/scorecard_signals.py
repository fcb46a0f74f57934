"""Keeps the stored scorecards in step with the evaluations and the grid.

An evaluation approved (Wagtail's `published`), withdrawn (`unpublished`) or deleted
recomputes its offer's scorecard once the transaction commits, so that what the same
transaction did is seen: the supersession of the organisation's previous evaluation,
recorded with the approval, or every evaluation of a deleted offer. The offers touched in
one transaction are recomputed together, once. An edit of the grid (a criterion renamed,
retired or re-scoped, a group renamed) recomputes every scorecard on the task queue."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.signals import published, unpublished

from .models import CriterionGroup, Evaluation, EvaluationCriterion
from .services import scorecard_refresh
from .tasks import refresh_all_scorecards


def _pending() -> dict:
    """What the receivers left for the commit, on the (thread's) database connection:
    every callback registered in a transaction does the work of all of them, the first
    one run, so that each offer is recomputed once. What a rollback leaves here is done
    with the next commit's work: recomputing is idempotent."""
    connection = transaction.get_connection()
    return connection.__dict__.setdefault("_scorecards_pending", {"offers": set(), "grid": False})


def _refresh_pending() -> None:
    pending = _pending()
    offer_ids, pending["offers"] = pending["offers"], set()
    if offer_ids:
        scorecard_refresh(offer_ids=offer_ids)


def refresh_on_commit(offer_id: int) -> None:
    _pending()["offers"].add(offer_id)
    transaction.on_commit(_refresh_pending)


@receiver(published, sender=Evaluation)
@receiver(unpublished, sender=Evaluation)
def _evaluation_approved_or_withdrawn(sender, instance, **kwargs):
    refresh_on_commit(instance.offer_id)


@receiver(post_delete, sender=Evaluation)
def _evaluation_deleted(sender, instance, **kwargs):
    refresh_on_commit(instance.offer_id)


def _refresh_all_pending() -> None:
    pending = _pending()
    if pending["grid"]:
        pending["grid"] = False
        refresh_all_scorecards.enqueue()


@receiver(post_save, sender=EvaluationCriterion)
@receiver(post_save, sender=CriterionGroup)
@receiver(post_delete, sender=EvaluationCriterion)
@receiver(post_delete, sender=CriterionGroup)
def _grid_changed(sender, raw=False, **kwargs):
    if raw:
        return
    _pending()["grid"] = True
    transaction.on_commit(_refresh_all_pending)
