"""A circuit breaker: once a service has failed, callers are told at once, for a few
seconds, instead of each one waiting for its own timeout.

Per process, on purpose: it holds no connection and needs no shared store (the shared
store may be what is down). Each gunicorn worker learns of an outage by its own first
failure, and tries the service again once its breaker's pause is over; one request per
worker and pause pays the timeout, the others are answered at once."""

import logging
import threading
import time


class Breaker:
    def __init__(self, name: str, *, pause: float, log_every: float = 60):
        self.name = name
        self.pause = pause
        self.log_every = log_every
        self._lock = threading.Lock()
        self._open_until = 0.0
        self._failing = False
        self._logged_at = float("-inf")

    def is_open(self) -> bool:
        """Whether callers should give up at once. After the pause, the next caller is let
        through to try the service again (half-open); its failure opens the breaker anew."""
        return time.monotonic() < self._open_until

    @property
    def failing(self) -> bool:
        """Whether the last call failed (until a call succeeds again)."""
        return self._failing

    def failed(self, logger: logging.Logger, error: BaseException) -> None:
        """Open the breaker, and log a warning at most once every `log_every` seconds: an
        outage must show in the logs without one line per request."""
        now = time.monotonic()
        with self._lock:
            self._open_until = now + self.pause
            self._failing = True
            should_log = now - self._logged_at >= self.log_every
            if should_log:
                self._logged_at = now
        if should_log:
            logger.warning(
                "%s unavailable (%s: %s); retrying in %g s",
                self.name,
                type(error).__name__,
                error,
                self.pause,
            )

    def succeeded(self, logger: logging.Logger) -> bool:
        """Close the breaker; True when this ends an outage (the first success after it)."""
        if not self._failing:
            return False
        with self._lock:
            recovered, self._failing = self._failing, False
            self._open_until = 0.0
            self._logged_at = float("-inf")
        if recovered:
            logger.warning("%s available again", self.name)
        return recovered
