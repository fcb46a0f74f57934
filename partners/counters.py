"""Counters in the shared cache (Redis in production), so that every process of every
server adds to the same number."""

from django.core.cache import cache


def counter_increment(key: str, *, timeout: int) -> int:
    """Add one to a counter that expires `timeout` seconds after its creation, and return
    its new value. The counters' keys name their period (a minute, a day), so a counter is
    never reused after it expires and its expiry never needs renewing."""
    try:
        return cache.incr(key)
    except ValueError:  # absent: the first hit of its period, maybe in two processes at once
        if cache.add(key, 1, timeout=timeout):
            return 1
        return cache.incr(key)
