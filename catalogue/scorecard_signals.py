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


class _PendingRefresh:
    """The offers to recompute when the current transaction commits: one callback per
    transaction, found again in Django's list of callbacks (which a rollback empties)."""

    def __init__(self):
        self.offer_ids: set[int] = set()
        self.done = False

    def __call__(self):
        self.done = True
        scorecard_refresh(offer_ids=self.offer_ids)


def _pending(kind: type):
    connection = transaction.get_connection()
    for _savepoints, callback, _robust in connection.run_on_commit:
        # A callback already run is still listed when tests run the callbacks of a
        # transaction that never commits.
        if isinstance(callback, kind) and not callback.done:
            return callback
    return None


def refresh_on_commit(offer_id: int) -> None:
    pending = _pending(_PendingRefresh)
    if pending is None:
        pending = _PendingRefresh()
        pending.offer_ids.add(offer_id)
        # Outside a transaction this runs at once: the set must be filled first.
        transaction.on_commit(pending)
    else:
        pending.offer_ids.add(offer_id)


@receiver(published, sender=Evaluation)
@receiver(unpublished, sender=Evaluation)
def _evaluation_approved_or_withdrawn(sender, instance, **kwargs):
    refresh_on_commit(instance.offer_id)


@receiver(post_delete, sender=Evaluation)
def _evaluation_deleted(sender, instance, **kwargs):
    refresh_on_commit(instance.offer_id)


class _PendingGridRefresh:
    done = False

    def __call__(self):
        self.done = True
        refresh_all_scorecards.enqueue()


@receiver(post_save, sender=EvaluationCriterion)
@receiver(post_save, sender=CriterionGroup)
@receiver(post_delete, sender=EvaluationCriterion)
@receiver(post_delete, sender=CriterionGroup)
def _grid_changed(sender, raw=False, **kwargs):
    if raw or _pending(_PendingGridRefresh) is not None:
        return
    transaction.on_commit(_PendingGridRefresh())
