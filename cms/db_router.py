"""Reads of anonymous requests on a PostgreSQL read replica (`DATABASE_REPLICA_URL`), and
everything else on the primary.

A replica lags the primary by a moment, so a read there is only safe when nothing this
reader did, or expects to see, may still be on its way:

- Only inside a request the middleware marked as anonymous: no session cookie (editors,
  previews in the admin, and a visitor halfway through a diagnostic carry one, and each
  expects to read back what they just wrote) and not under the admin. Management commands,
  tasks, the scheduler and the shell never enter a request, so they read the primary.
- Not once the request has written, nor inside a transaction: the first write, or a read
  while the primary is in an atomic block, pins the rest of the request to the primary.
- Not for a while after a public change (`public_change()`, called by every move of the
  content generation): the caches keyed on the new generation (pages, API answers, routes)
  are filled by the next requests, and a replica that has not replayed the change yet
  would store the old content under the new key, until the next change.
- Not for reads that must see an editor's latest write at once: `read_primary()` pins the
  request (the partner preview of a draft saved a second ago).

The request's state lives in a context variable, which each request sets and restores."""

import time
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import connections

PRIMARY = "default"
REPLICA = "replica"
# When the last public change happened, in the shared cache: every process reads it.
PUBLIC_CHANGE_KEY = "db-router:public-change"


@dataclass
class _RequestReads:
    replica: bool


# Outside a request there is no state: reads go to the primary.
_reads: ContextVar[_RequestReads | None] = ContextVar("reperes_db_reads", default=None)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def public_change() -> None:
    """Note that public content just changed: anonymous requests read the primary for the
    next DATABASE_REPLICA_LAG_SECONDS, while the caches fill up again."""
    if replica_configured():
        cache.set(PUBLIC_CHANGE_KEY, time.time(), settings.DATABASE_REPLICA_LAG_SECONDS)


def read_primary() -> None:
    """Send the rest of this request's reads to the primary."""
    state = _reads.get()
    if state is not None:
        state.replica = False


def reads_replica() -> bool:
    state = _reads.get()
    if state is None or not state.replica:
        return False
    # A transaction on the primary sees its own uncommitted rows; the replica never will.
    if connections[PRIMARY].in_atomic_block:
        state.replica = False
    return state.replica


def request_may_read_replica(request) -> bool:
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    if request.path.startswith("/admin/"):
        return False
    # The key expires with the lag window, so its mere presence says a change is recent.
    return cache.get(PUBLIC_CHANGE_KEY) is None


class ReplicaRouter:
    """DATABASE_ROUTERS entry, set only when the replica is configured."""

    def db_for_read(self, model, **hints):
        return REPLICA if reads_replica() else PRIMARY

    def db_for_write(self, model, **hints):
        read_primary()
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases hold the same rows.
        return {obj1._state.db, obj2._state.db} <= {PRIMARY, REPLICA} or None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # The replica replays the primary's schema; migrating it would fail (read-only).
        return db == PRIMARY


class ReplicaMiddleware:
    """Marks the request anonymous, or not, for the router; after the API access checks,
    whose key lookups must see a key disabled a second ago."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not replica_configured():
            return self.get_response(request)
        token = _reads.set(_RequestReads(replica=request_may_read_replica(request)))
        try:
            return self.get_response(request)
        finally:
            _reads.reset(token)
