"""Reads of the partners app."""

from datetime import datetime

from django.db.models import QuerySet

from wagtail.models import Page

from cms.visibility import visible

from .choices import WebhookEvent
from .models import PageRemoval, Webhook


def removals_since(since: datetime) -> QuerySet:
    """The feed's rows, oldest first, so that a partner can resume from the last
    `removedAt` it read without missing a later removal."""
    return PageRemoval.objects.filter(removed_at__gte=since).order_by("removed_at", "page_id")


def visible_subtree_ids(page: Page) -> set[int]:
    """The ids of the visible pages among `page` and its descendants."""
    subtree = Page.objects.filter(path__startswith=page.path, depth__gte=page.depth)
    return set(visible(subtree).values_list("pk", flat=True))


def subscribed_webhooks(event: WebhookEvent) -> list[Webhook]:
    # `events` is a JSON list; filtering in Python keeps SQLite and PostgreSQL alike,
    # and webhooks are a handful of rows.
    return [hook for hook in Webhook.objects.filter(enabled=True) if event in hook.events]
