"""Wiring: Wagtail's page events to the changes feed and webhooks (services.py).

What counts is what the public could see before and can see after, by the one
visibility rule: a page never visible (a draft, a page born under a restriction) is
never reported, so the feed and the webhooks leak nothing that was not public.
Deliveries are enqueued once the transaction commits: a rolled-back change sends
nothing, and a worker never looks for a delivery row it cannot see yet."""

import threading
from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

from cms.visibility import is_visible, visible

from . import services, tasks
from .choices import RemovalReason
from .models import PageRemoval
from .selectors import visible_subtree_ids

# Visible pages of a subtree before a move, by moved page id (moves run in one thread).
_before_move = threading.local()


def _send(delivery_ids) -> None:
    if delivery_ids:
        transaction.on_commit(partial(tasks.deliveries_enqueue, delivery_ids))


def _removed(pages, reason: RemovalReason) -> None:
    if pages:
        _send(services.page_removals_record(pages=pages, reason=reason))


def _reappeared(pages) -> None:
    """Pages visible now: those the feed had reported get `page.published` too."""
    known = set(
        PageRemoval.objects.filter(page_id__in=[p.pk for p in pages]).values_list(
            "page_id", flat=True
        )
    )
    back = [page for page in pages if page.pk in known]
    if back:
        _send(services.page_publications_record(pages=back))


def on_published(sender, instance, **kwargs):
    if is_visible(instance):
        _send(services.page_publications_record(pages=[instance]))


def on_unpublished(sender, instance, **kwargs):
    # Wagtail also unpublishes a live page it is about to delete, after `on_page_delete`
    # has reported the deletion: that is not news.
    deleted = PageRemoval.objects.filter(page_id=instance.pk, reason=RemovalReason.DELETED)
    # It was live; it was visible unless a restriction already hid it (then reported).
    if not deleted.exists() and not instance.get_view_restrictions().exists():
        _removed([instance], RemovalReason.UNPUBLISHED)


def on_page_delete(sender, instance, **kwargs):
    # Sent once per page of the deleted subtree, as `Page` (the base of every page row).
    if is_visible(instance) or PageRemoval.objects.filter(page_id=instance.pk).exists():
        _removed([instance], RemovalReason.DELETED)


def on_restriction_save(sender, instance, raw=False, **kwargs):
    if not raw and instance.pk is None:
        instance._partners_hidden = visible_subtree_ids(instance.page)


def on_restriction_saved(sender, instance, created, raw=False, **kwargs):
    hidden = getattr(instance, "_partners_hidden", None)
    if created and hidden:
        _removed(
            list(Page.objects.filter(pk__in=hidden).order_by("path")), RemovalReason.RESTRICTED
        )


def on_restriction_deleted(sender, instance, **kwargs):
    path = Page.objects.filter(pk=instance.page_id).values_list("path", flat=True).first()
    if path is not None:
        # After the commit: a restriction deleted with its page (a page deletion) finds
        # no page left then, so the deletion is not undone.
        transaction.on_commit(partial(_restriction_lifted, path))


def _restriction_lifted(path: str) -> None:
    with transaction.atomic():
        _reappeared(list(visible(Page.objects.filter(path__startswith=path)).order_by("path")))


def on_before_move(sender, instance, **kwargs):
    if not hasattr(_before_move, "visible"):
        _before_move.visible = {}
    _before_move.visible[instance.pk] = visible_subtree_ids(instance)


def on_moved(sender, instance, **kwargs):
    before = getattr(_before_move, "visible", {}).pop(instance.pk, set())
    after = visible_subtree_ids(instance)
    if before - after:
        pages = Page.objects.filter(pk__in=before - after).order_by("path")
        _removed(list(pages), RemovalReason.MOVED)
    if after:
        _reappeared(list(Page.objects.filter(pk__in=after).order_by("path")))


def connect() -> None:
    page_published.connect(on_published, dispatch_uid="partners-published")
    page_unpublished.connect(on_unpublished, dispatch_uid="partners-unpublished")
    pre_delete.connect(on_page_delete, sender=Page, dispatch_uid="partners-page-delete")
    pre_save.connect(on_restriction_save, sender=PageViewRestriction, dispatch_uid="partners-r1")
    post_save.connect(on_restriction_saved, sender=PageViewRestriction, dispatch_uid="partners-r2")
    post_delete.connect(
        on_restriction_deleted, sender=PageViewRestriction, dispatch_uid="partners-r3"
    )
    pre_page_move.connect(on_before_move, dispatch_uid="partners-before-move")
    post_page_move.connect(on_moved, dispatch_uid="partners-moved")
