"""Webhook deliveries on the task queue (Django's Tasks API, through the django-tasks
backport): a slow or failing partner never holds a web request, and retries wait in
the queue (`run_after`) instead of in a process."""

import uuid
from collections.abc import Iterable

from django_tasks import task

from django.conf import settings

from .key_services import api_key_usage_flush_all
from .services import webhook_delivery_attempt


@task(backend=settings.BACKGROUND_TASKS)
def deliver_webhook(delivery_id: str) -> None:
    retry_at = webhook_delivery_attempt(delivery_id=delivery_id)
    if retry_at is not None:
        _enqueue(delivery_id, run_after=retry_at)


def _enqueue(delivery_id: str, run_after=None) -> None:
    queued = deliver_webhook
    # A backend that cannot defer (the immediate one of the tests) retries at once.
    if run_after is not None and queued.get_backend().supports_defer:
        queued = queued.using(run_after=run_after)
    queued.enqueue(delivery_id)


def deliveries_enqueue(delivery_ids: Iterable[uuid.UUID]) -> None:
    for delivery_id in delivery_ids:
        _enqueue(str(delivery_id))


@task(backend=settings.BACKGROUND_TASKS)
def flush_api_usage() -> int:
    """The API keys' daily request counts, written from the shared cache to the database
    (what `manage.py flush_api_usage` does), queued by the scheduler every few minutes."""
    return api_key_usage_flush_all()
