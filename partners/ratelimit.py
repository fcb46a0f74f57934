"""Rate limits: a fixed window of one minute per caller, counted in the shared cache.

A fixed window costs one counter per caller and minute, read and bumped by a single INCR.
Its known weakness, a burst of up to twice the limit across a minute boundary, is bounded
and acceptable for a read API; a sliding window would cost a second read per request.
Windows are numbered from the clock, so every server agrees on them (NTP keeps clocks
within far less than a minute of each other)."""

import math
import time
from dataclasses import dataclass

from .counters import counter_increment

WINDOW_SECONDS = 60


@dataclass(frozen=True)
class Decision:
    allowed: bool
    limit: int
    retry_after: int


def clock() -> float:
    return time.time()


def rate_limit_hit(bucket: str, *, limit: int) -> Decision:
    """Count one request of `bucket` (an address or a key) against `limit` per minute."""
    moment = clock()
    window = int(moment // WINDOW_SECONDS)
    count = counter_increment(f"partners:rate:{bucket}:{window}", timeout=2 * WINDOW_SECONDS)
    retry_after = max(1, math.ceil((window + 1) * WINDOW_SECONDS - moment))
    return Decision(allowed=count <= limit, limit=limit, retry_after=retry_after)
