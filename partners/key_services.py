"""Writes about API keys: issuing a key's secret, and recording its daily use."""

import datetime

from django.core.cache import cache
from django.utils import timezone

from .counters import counter_increment
from .models import ApiKey, ApiKeyUsage
from .tokens import token_generate, token_hash, token_visible_start

# Daily counts are kept in the shared cache and written to the database every so many
# requests, on the first request of a day (closing the day before) and by
# `manage.py flush_api_usage`: an API request never waits for a database write.
USAGE_FLUSH_EVERY = 100
USAGE_CACHE_SECONDS = 3 * 24 * 3600


def api_key_issue(*, key: ApiKey) -> str:
    """Give `key` a new secret, unsaved, and return it: the only time it can be read.
    Issuing again replaces the old secret, which stops working once the key is saved
    (saving forgets the cached old one, see key_signals)."""
    token = token_generate()
    key.key_hash = token_hash(token)
    key.prefix = token_visible_start(token)
    return token


def api_key_create(
    *, name: str, contact_email: str, allowed_origins: str = "", rate_limit: int | None = None
) -> tuple[ApiKey, str]:
    key = ApiKey(name=name, contact_email=contact_email, allowed_origins=allowed_origins)
    if rate_limit is not None:
        key.rate_limit = rate_limit
    token = api_key_issue(key=key)
    key.full_clean()
    key.save()
    return key, token


def _usage_cache_key(key_id: int, day: datetime.date) -> str:
    return f"partners:usage:{key_id}:{day.isoformat()}"


def api_key_usage_record(*, key_id: int) -> None:
    """Count one request of the key today."""
    today = timezone.localdate()
    count = counter_increment(_usage_cache_key(key_id, today), timeout=USAGE_CACHE_SECONDS)
    if count is None:  # the shared cache is unreachable: this request goes uncounted
        return
    if count == 1:
        api_key_usage_flush(key_id=key_id, day=today - datetime.timedelta(days=1))
    if count == 1 or count % USAGE_FLUSH_EVERY == 0:
        _usage_write(key_id, today, count)


def api_key_usage_flush(*, key_id: int, day: datetime.date) -> None:
    count = cache.get(_usage_cache_key(key_id, day))
    if count:
        _usage_write(key_id, day, count)


def api_key_usage_flush_all() -> int:
    """Write today's and yesterday's counts of every key; return how many rows."""
    today = timezone.localdate()
    slots = {
        _usage_cache_key(key_id, day): (key_id, day)
        for key_id in ApiKey.objects.values_list("id", flat=True)
        for day in (today - datetime.timedelta(days=1), today)
    }
    counts = cache.get_many(list(slots))
    for cache_key, count in counts.items():
        _usage_write(*slots[cache_key], count)
    return len(counts)


def _usage_write(key_id: int, day: datetime.date, count: int) -> None:
    # Counts only grow, and two processes may write the same day in either order: create
    # the row if it is missing, then raise it, never lower it.
    ApiKeyUsage.objects.bulk_create(
        [ApiKeyUsage(key_id=key_id, day=day, count=0)], ignore_conflicts=True
    )
    ApiKeyUsage.objects.filter(key_id=key_id, day=day, count__lt=count).update(count=count)
