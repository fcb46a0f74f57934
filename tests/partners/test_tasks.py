"""Webhook deliveries: signed, sent from the task queue after the commit, retried with
backoff, logged. A receiver on loopback plays the partner's server."""

import contextlib
import hashlib
import hmac
import json
from datetime import timedelta

import pytest
from django_tasks_db.models import DBTaskResult

from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from partners.choices import DeliveryStatus, WebhookEvent
from partners.models import WebhookDelivery
from tests.factories.catalogue import ToolPageFactory
from tests.factories.partners import WebhookFactory

pytestmark = pytest.mark.django_db

DATABASE_QUEUE = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
WORKER = ["db_worker", "--backend", "background", "--batch", "--no-startup-delay", "--no-reload"]


def _expected_signature(secret: str, body: bytes) -> str:
    """The recipe of docs/api.md, written independently of the code under test."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


@pytest.fixture
def publish(catalogue, django_capture_on_commit_callbacks):
    """Publishes an offer and runs what waits for the commit (the enqueueing)."""

    def run(**fields):
        with django_capture_on_commit_callbacks(execute=True):
            return ToolPageFactory(parent=catalogue, slug="framadate", **fields)

    return run


def test_a_publication_is_posted_signed(publish, receiver):
    hook = WebhookFactory(url=receiver.url, secret="s3cr3t")
    offer = publish()
    [request] = receiver.requests
    headers, body = request["headers"], request["body"]
    assert headers["X-Reperes-Signature"] == _expected_signature("s3cr3t", body)
    assert abs(int(headers["X-Reperes-Timestamp"]) - timezone.now().timestamp()) < 60
    assert headers["X-Reperes-Event"] == "page.published"
    payload = json.loads(body)
    assert payload["event"] == "page.published"
    assert payload["pageId"] == offer.pk
    assert payload["pageType"] == "ToolPage"
    assert payload["url"] == "http://testserver/catalogue/framadate/"
    assert payload["reason"] is None
    delivery = WebhookDelivery.objects.get(webhook=hook)
    assert payload["delivery"] == str(delivery.pk) == headers["X-Reperes-Delivery"]
    assert (delivery.status, delivery.status_code, delivery.attempts) == ("succeeded", 200, 1)
    assert delivery.delivered_at is not None


def test_an_unpublication_names_its_reason(publish, receiver, django_capture_on_commit_callbacks):
    WebhookFactory(url=receiver.url, events=[WebhookEvent.UNPUBLISHED])
    offer = publish()
    with django_capture_on_commit_callbacks(execute=True):
        offer.unpublish()
    [request] = receiver.requests  # the publication was not subscribed to
    payload = json.loads(request["body"])
    assert (payload["event"], payload["reason"], payload["pageId"]) == (
        "page.unpublished",
        "unpublished",
        offer.pk,
    )


def test_a_failure_is_retried_with_the_same_signed_body(publish, receiver_factory):
    receiver = receiver_factory([500, 200])
    hook = WebhookFactory(url=receiver.url, events=[WebhookEvent.PUBLISHED])
    publish()
    first, second = receiver.requests
    assert first["body"] == second["body"]
    assert second["headers"]["X-Reperes-Signature"] == _expected_signature(
        hook.secret, second["body"]
    )
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.status_code, delivery.attempts) == ("succeeded", 200, 2)


def test_attempts_are_bounded(publish, receiver_factory, settings):
    settings.WEBHOOK_MAX_ATTEMPTS = 3
    receiver = receiver_factory([500])
    WebhookFactory(url=receiver.url)
    publish()
    assert len(receiver.requests) == 3
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.status_code) == ("failed", 3, 500)
    assert "500" in delivery.last_error
    assert delivery.next_attempt_at is None


def test_an_unreachable_partner_is_logged(publish, settings, loopback_allowed):
    settings.WEBHOOK_MAX_ATTEMPTS = 1
    WebhookFactory(url="http://127.0.0.1:9/")  # discard port: nothing listens
    publish()
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.status_code is None
    assert delivery.last_error


def test_an_address_inside_is_refused_once_and_for_all(publish, dns):
    """A webhook saved before the address check, or whose name now points inside (DNS
    rebinding): the delivery fails at once, without the retries that would knock on the
    same door again, and the log says why."""
    dns["partenaire.example"] = ["169.254.169.254"]
    WebhookFactory(url="https://partenaire.example/hooks/reperes")
    publish()
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.status_code) == ("failed", 1, None)
    assert delivery.next_attempt_at is None
    assert delivery.last_error == (
        "partenaire.example désigne 169.254.169.254, une adresse privée, locale ou réservée : "
        "un webhook ne joint que des adresses publiques d'Internet."
    )
    assert dns.lookups == ["partenaire.example"]


def test_disabled_or_unsubscribed_webhooks_get_nothing(publish, receiver):
    WebhookFactory(url=receiver.url, enabled=False)
    WebhookFactory(url=receiver.url, events=[WebhookEvent.DELETED])
    publish()
    assert receiver.requests == []
    assert not WebhookDelivery.objects.exists()


def test_a_draft_sends_nothing(publish, receiver):
    WebhookFactory(url=receiver.url)
    publish(live=False)
    assert receiver.requests == []


# The worker closes the database connection between tasks, as it should: that needs a
# test whose data is committed (and the migrations' rows restored after it).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_request_only_enqueues_and_the_worker_delivers(publish, receiver_factory, settings):
    """With the database queue (the default outside tests), nothing is sent during the
    request; `db_worker` sends it, and a failure waits in the queue with backoff."""
    settings.TASKS = DATABASE_QUEUE
    settings.WEBHOOK_RETRY_SECONDS = 60
    receiver = receiver_factory([500, 200])
    WebhookFactory(url=receiver.url, events=[WebhookEvent.PUBLISHED])
    publish()
    assert receiver.requests == []
    assert DBTaskResult.objects.count() == 1

    call_command(*WORKER, verbosity=0)
    assert len(receiver.requests) == 1
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("pending", 1)
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.run_after == delivery.next_attempt_at
    assert (
        timedelta(seconds=55) < delivery.next_attempt_at - timezone.now() <= timedelta(seconds=60)
    )

    # Not due yet: the worker leaves it.
    call_command(*WORKER, verbosity=0)
    assert len(receiver.requests) == 1
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    call_command(*WORKER, verbosity=0)
    assert len(receiver.requests) == 2
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("succeeded", 2)


def test_a_rolled_back_change_sends_nothing(
    catalogue, receiver, django_capture_on_commit_callbacks
):
    WebhookFactory(url=receiver.url)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        contextlib.suppress(RuntimeError),
        transaction.atomic(),
    ):
        ToolPageFactory(parent=catalogue, slug="annulee")
        raise RuntimeError
    assert callbacks == []
    assert receiver.requests == []
    assert not WebhookDelivery.objects.exists()
