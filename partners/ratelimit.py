"""Rate limits: a fixed window of one minute per caller, counted in the shared cache.

A fixed window costs one counter per caller and minute, read and bumped by a single INCR.
Its known weakness, a burst of up to twice the limit across a minute boundary, is bounded
and acceptable for a read API; a sliding window would cost a second read per request.
Windows are numbered from the clock, so every server agrees on them (NTP keeps clocks
within far less than a minute of each other).

Limits fail open: while the shared cache is unreachable, nothing is counted and every
request is let through, with a warning in the log (at most once a minute). Refusing all
callers because Redis is down would turn a degraded service into an outage."""

import logging
import math
import time
from dataclasses import dataclass

from .counters import counter_increment

WINDOW_SECONDS = 60
WARN_EVERY_SECONDS = 60

logger = logging.getLogger("partners.ratelimit")
_warned_at = float("-inf")


@dataclass(frozen=True)
class Decision:
    allowed: bool
    limit: int
    retry_after: int


def clock() -> float:
    return time.time()


def rate_limit_hit(bucket: str, *, limit: int, window_seconds: int = WINDOW_SECONDS) -> Decision:
    """Count one request of `bucket` (an address or a key) against `limit` per window,
    a minute unless the caller counts slower actions (a public form) over a longer one."""
    moment = clock()
    window = int(moment // window_seconds)
    # The window's length is in the key: two limits on one bucket never share a counter.
    key = f"partners:rate:{bucket}:{window_seconds}:{window}"
    count = counter_increment(key, timeout=2 * window_seconds)
    if count is None:
        _warn_unenforced()
        return Decision(allowed=True, limit=limit, retry_after=0)
    retry_after = max(1, math.ceil((window + 1) * window_seconds - moment))
    return Decision(allowed=count <= limit, limit=limit, retry_after=retry_after)


def _warn_unenforced() -> None:
    global _warned_at
    now = time.monotonic()
    if now - _warned_at >= WARN_EVERY_SECONDS:
        _warned_at = now
        logger.warning("Rate limits not enforced: the shared cache is unreachable")
