"""Issuing keys (stored hashed, shown once) and recording their daily use."""

import datetime
import hashlib
import io

import pytest

from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from partners import key_services as services
from partners.key_lookup import api_key_for_token
from partners.models import ApiKey, ApiKeyUsage
from tests.factories.partners import ApiKeyFactory

pytestmark = pytest.mark.django_db


def test_a_created_key_is_stored_only_as_its_hash():
    key, token = services.api_key_create(name="Site A", contact_email="a@example.org")
    assert token.startswith("rp_") and len(token) == 43
    stored = ApiKey.objects.get(pk=key.pk)
    assert stored.key_hash == hashlib.sha256(token.encode()).hexdigest()
    assert stored.prefix == token[:11]
    assert token not in {str(value) for value in stored.__dict__.values()}
    assert api_key_for_token(token).id == key.id


def test_two_keys_never_share_a_secret():
    tokens = {ApiKeyFactory().token for _ in range(20)}
    assert len(tokens) == 20


def test_issuing_again_retires_the_old_secret():
    key = ApiKeyFactory()
    old = key.token
    assert api_key_for_token(old) is not None  # now cached
    new = services.api_key_issue(key=key)
    key.save()
    assert api_key_for_token(old) is None
    assert api_key_for_token(new).id == key.id


def test_disabling_a_key_is_seen_at_once_despite_the_cache():
    key = ApiKeyFactory()
    assert api_key_for_token(key.token).enabled
    key.enabled = False
    key.save()
    assert not api_key_for_token(key.token).enabled


def test_usage_is_written_on_the_first_request_and_every_hundred():
    key = ApiKeyFactory()
    today = timezone.localdate()
    services.api_key_usage_record(key_id=key.id)
    assert ApiKeyUsage.objects.get(key=key, day=today).count == 1
    for _ in range(98):
        services.api_key_usage_record(key_id=key.id)
    assert ApiKeyUsage.objects.get(key=key, day=today).count == 1  # no write per request
    services.api_key_usage_record(key_id=key.id)
    assert ApiKeyUsage.objects.get(key=key, day=today).count == 100
    services.api_key_usage_record(key_id=key.id)
    assert services.api_key_usage_flush_all() == 1
    assert ApiKeyUsage.objects.get(key=key, day=today).count == 101


def test_the_first_request_of_a_day_closes_the_day_before(monkeypatch):
    key = ApiKeyFactory()
    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda: yesterday)
    for _ in range(3):
        services.api_key_usage_record(key_id=key.id)
    monkeypatch.undo()
    services.api_key_usage_record(key_id=key.id)
    counts = dict(ApiKeyUsage.objects.filter(key=key).values_list("day", "count"))
    assert counts == {yesterday: 3, today: 1}


def test_a_late_flush_never_lowers_a_count():
    key = ApiKeyFactory()
    today = timezone.localdate()
    ApiKeyUsage.objects.create(key=key, day=today, count=500)
    cache.set(f"partners:usage:{key.id}:{today.isoformat()}", 200)
    services.api_key_usage_flush(key_id=key.id, day=today)
    assert ApiKeyUsage.objects.get(key=key, day=today).count == 500


def test_the_cron_command_writes_what_the_cache_counted():
    key = ApiKeyFactory()
    for _ in range(7):
        services.api_key_usage_record(key_id=key.id)
    out = io.StringIO()
    call_command("flush_api_usage", stdout=out)
    assert ApiKeyUsage.objects.get(key=key).count == 7
    assert "1" in out.getvalue()
