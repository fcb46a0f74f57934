"""Reads of API keys on every API request, kept in the shared cache: a request costs a
cache read, not a query. Saving or deleting a key forgets its cached entries
(`api_key_cache_forget`), so that a disabled key is refused from the next request on."""

from dataclasses import dataclass

from django.core.cache import cache

from .models import ApiKey
from .models.keys import parse_origins
from .tokens import token_hash

# A safety net only: entries are deleted whenever a key changes.
CACHE_SECONDS = 300
ORIGINS_CACHE_KEY = "partners:key-origins"


@dataclass(frozen=True)
class KeyRecord:
    id: int
    name: str
    rate_limit: int
    enabled: bool


def _record_cache_key(key_hash: str) -> str:
    return f"partners:key:{key_hash}"


def api_key_for_token(token: str) -> KeyRecord | None:
    """The key a caller sent, enabled or not; None for a key we never issued. Unknown
    keys are not cached: random guesses would fill the cache. The caller's address pays
    for them instead (see the middleware)."""
    key_hash = token_hash(token)
    cache_key = _record_cache_key(key_hash)
    record = cache.get(cache_key)
    if record is None:
        key = (
            ApiKey.objects.filter(key_hash=key_hash)
            .only("id", "name", "rate_limit", "enabled")
            .first()
        )
        if key is None:
            return None
        record = KeyRecord(id=key.id, name=key.name, rate_limit=key.rate_limit, enabled=key.enabled)
        cache.set(cache_key, record, CACHE_SECONDS)
    return record


def key_origins() -> frozenset[str]:
    """The origins of every enabled key. Those of the environment (`CORS_ALLOWED_ORIGINS`)
    are django-cors-headers' own setting."""
    origins = cache.get(ORIGINS_CACHE_KEY)
    if origins is None:
        origins = frozenset(
            origin
            for text in ApiKey.objects.filter(enabled=True).values_list(
                "allowed_origins", flat=True
            )
            for origin in parse_origins(text)
        )
        cache.set(ORIGINS_CACHE_KEY, origins, CACHE_SECONDS)
    return origins


def api_key_cache_forget(*key_hashes: str) -> None:
    cache.delete_many([*(_record_cache_key(h) for h in key_hashes if h), ORIGINS_CACHE_KEY])
