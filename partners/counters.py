"""Counters in the shared cache (Redis in production), so that every process of every
server adds to the same number."""

from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.cache.backends.redis import RedisCache

from cms.cache import TolerantRedisCache


def counter_increment(key: str, *, timeout: int) -> int | None:
    """Add one to a counter that expires `timeout` seconds after its creation, and return
    its new value, or None while the shared cache is unreachable (callers then count
    nothing: a rate limit lets the request through). The counters' keys name their period
    (a minute, a day), so a counter is never reused after it expires and its expiry never
    needs renewing."""
    cache = caches[DEFAULT_CACHE_ALIAS]
    if isinstance(cache, TolerantRedisCache):
        return cache.call(lambda: _redis_increment(cache, key, timeout), None)
    if isinstance(cache, RedisCache):
        return _redis_increment(cache, key, timeout)
    try:
        return cache.incr(key)
    except ValueError:  # absent: the first hit of its period, maybe in two processes at once
        if cache.add(key, 1, timeout=timeout):
            return 1
        return cache.incr(key)


def _redis_increment(cache: RedisCache, key: str, timeout: int) -> int:
    # Every API request counts, so one round trip matters: Django's `incr` costs two
    # (EXISTS, INCR) and a miss two more. INCR creates the counter, and EXPIRE NX (Redis 7)
    # gives it its lifetime only once, in the same atomic MULTI. Values stay plain
    # integers, which the cache reads back as such.
    name = cache.make_and_validate_key(key)
    client = cache._cache.get_client(name, write=True)
    count, _ = client.pipeline().incr(name).expire(name, timeout, nx=True).execute()
    return count
