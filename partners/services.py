"""Writes with rules: the changes feed (removals) and the webhook deliveries that
announce the same changes. Signals call these; they never decide visibility themselves."""

import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from wagtail.models import Page

from . import webhooks
from .choices import DeliveryStatus, RemovalReason, WebhookEvent
from .models import PageRemoval, WebhookDelivery
from .selectors import subscribed_webhooks


def _page_type(page: Page) -> str:
    # The name the API gives the page's type (`pageType`), also once the page is gone.
    return (page.specific_class or type(page)).__name__


def page_removals_record(*, pages: Iterable[Page], reason: RemovalReason) -> list[uuid.UUID]:
    """Pages the public could see and no longer can: one feed row each (the latest
    removal wins), and a webhook delivery per subscribed webhook. Returns the deliveries
    to send once the transaction commits."""
    pages = list(pages)
    now = timezone.now()
    for page in pages:
        PageRemoval.objects.update_or_create(
            page_id=page.pk,
            defaults={
                "page_type": _page_type(page),
                "url_path": page.url_path,
                "reason": reason,
                "removed_at": now,
            },
        )
    event = WebhookEvent.DELETED if reason == RemovalReason.DELETED else WebhookEvent.UNPUBLISHED
    return webhook_deliveries_create(event=event, pages=pages, reason=reason)


def page_publications_record(*, pages: Iterable[Page]) -> list[uuid.UUID]:
    """Pages the public can see (again): published, or out of a restriction. Their feed
    rows go, so that the feed never lists a page a partner can read; the page itself
    shows in `offers(updatedSince:)` and the like, and webhooks get `page.published`."""
    pages = list(pages)
    PageRemoval.objects.filter(page_id__in=[page.pk for page in pages]).delete()
    return webhook_deliveries_create(event=WebhookEvent.PUBLISHED, pages=pages)


def webhook_deliveries_create(
    *, event: WebhookEvent, pages: list[Page], reason: RemovalReason | None = None
) -> list[uuid.UUID]:
    hooks = subscribed_webhooks(event) if pages else []
    if not hooks:
        return []
    timestamp = timezone.now().isoformat().replace("+00:00", "Z")
    deliveries = []
    for page in pages:
        page_fields = {
            "pageId": page.pk,
            "pageType": _page_type(page),
            "url": page.get_full_url(),
            "urlPath": page.url_path,
        }
        for hook in hooks:
            delivery_id = uuid.uuid4()
            body = webhooks.encode(
                {
                    "delivery": str(delivery_id),
                    "event": event.value,
                    "reason": reason.value if reason else None,
                    "timestamp": timestamp,
                    **page_fields,
                }
            )
            deliveries.append(
                WebhookDelivery(
                    id=delivery_id, webhook=hook, event=event, body=body, next_attempt_at=None
                )
            )
    WebhookDelivery.objects.bulk_create(deliveries)
    return [delivery.id for delivery in deliveries]


def retry_delay(attempts: int) -> timedelta:
    """The wait after the `attempts`-th failed attempt: doubled each time."""
    return timedelta(seconds=settings.WEBHOOK_RETRY_SECONDS * 2 ** (attempts - 1))


def webhook_delivery_attempt(*, delivery_id: uuid.UUID | str) -> datetime | None:
    """Sends a pending delivery once and records the outcome. Returns when to try again,
    or None when it succeeded, gave up, or is not pending any more."""
    delivery = (
        WebhookDelivery.objects.select_related("webhook")
        .filter(pk=delivery_id, status=DeliveryStatus.PENDING)
        .first()
    )
    if delivery is None:
        return None
    hook = delivery.webhook
    if hook.enabled:
        outcome = webhooks.post(
            url=hook.url,
            body=delivery.body,
            secret=hook.secret,
            event=delivery.event,
            delivery=str(delivery.pk),
            timeout=settings.WEBHOOK_TIMEOUT_SECONDS,
        )
    else:
        outcome = webhooks.Outcome(None, "Webhook disabled.", permanent=True)
    now = timezone.now()
    delivery.attempts += 1
    delivery.status_code = outcome.status_code
    delivery.last_error = outcome.error
    delivery.next_attempt_at = None
    if outcome.ok:
        delivery.status = DeliveryStatus.SUCCEEDED
        delivery.delivered_at = now
    elif not outcome.permanent and delivery.attempts < settings.WEBHOOK_MAX_ATTEMPTS:
        delivery.next_attempt_at = now + retry_delay(delivery.attempts)
    else:
        delivery.status = DeliveryStatus.FAILED
    delivery.save()
    return delivery.next_attempt_at
