"""Automatic persisted queries, in Apollo's protocol: a client sends only the sha256 of its
query (`extensions.persistedQuery.sha256Hash`), and the query itself once, when the server
answers that it does not know the hash. A GET of a short hash then fits any URL limit and
any CDN.

The store is the shared cache (Redis in production), bounded two ways: an entry is at most
one request body (`GRAPHQL_MAX_BODY_BYTES`) and expires after `GRAPHQL_APQ_TIMEOUT`; and at
most `GRAPHQL_APQ_MAX_ENTRIES` new entries are written per such period, so that the store
never holds more than twice that many, whatever a caller sends. Past the quota, a query
still runs; it is just not remembered."""

import hashlib
import json
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext

from .errors import BAD_USER_INPUT

PERSISTED_QUERY_NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND"
# Apollo Client recognises a missing hash by this exact message (and the code above); it
# then sends the query along with the hash.
NOT_FOUND_MESSAGE = "PersistedQueryNotFound"

_HASH = re.compile(r"[0-9a-f]{64}")


class PersistedQueryError(Exception):
    """A persisted-query request the server cannot serve: answered with `status` and one
    GraphQL error, never cached."""

    def __init__(self, status: int, message: str, code: str, **extensions):
        super().__init__(message)
        self.status = status
        self.body = {"errors": [{"message": message, "extensions": {"code": code, **extensions}}]}


@dataclass(frozen=True)
class PersistedQuery:
    sha256: str
    query: str
    # Whether the client sent the text, so that it is worth storing once it proves valid.
    sent: bool


def _extensions(request, data: dict):
    raw = request.GET.get("extensions") if request.method == "GET" else data.get("extensions")
    if isinstance(raw, str):  # GET parameters carry it as JSON text
        try:
            raw = json.loads(raw)
        except ValueError:
            raise _bad(gettext("The `extensions` parameter is not valid JSON.")) from None
    return raw


def _bad(message: str, **extensions) -> PersistedQueryError:
    return PersistedQueryError(400, message, BAD_USER_INPUT, **extensions)


def _key(sha256: str) -> str:
    return f"apq:{sha256}"


def resolve(request, data: dict) -> PersistedQuery | None:
    """The persisted query a request names, with its text, or None for a plain request.
    Raises `PersistedQueryError` for an unknown hash sent alone, a hash that does not match
    the text sent with it, or a malformed `persistedQuery`."""
    extensions = _extensions(request, data)
    if extensions is None:
        return None
    if not isinstance(extensions, dict):
        raise _bad(gettext("`extensions` must be a JSON object."))
    persisted = extensions.get("persistedQuery")
    if persisted is None:
        return None
    if not isinstance(persisted, dict) or persisted.get("version") != 1:
        raise _bad(gettext("Only version 1 of persisted queries is supported."))
    sha256 = persisted.get("sha256Hash")
    if not isinstance(sha256, str) or not _HASH.fullmatch(sha256):
        raise _bad(gettext("`sha256Hash` must be 64 lower-case hexadecimal characters."))

    query = request.GET.get("query") if request.method == "GET" else data.get("query")
    if query:
        if not isinstance(query, str):
            raise _bad(gettext("`query` must be a string."))
        if hashlib.sha256(query.encode()).hexdigest() != sha256:
            raise _bad(
                gettext("The sha256 hash sent does not match the query."),
                reason="PROVIDED_SHA_DOES_NOT_MATCH",
            )
        return PersistedQuery(sha256, query, sent=True)

    stored = cache.get(_key(sha256))
    if stored is None:
        raise PersistedQueryError(200, NOT_FOUND_MESSAGE, PERSISTED_QUERY_NOT_FOUND)
    return PersistedQuery(sha256, stored, sent=False)


def remember(persisted: PersistedQuery) -> None:
    """Store a query the client sent with its hash, once it has run without a request
    error (so that the store only holds valid documents), within the write quota."""
    if not persisted.sent or len(persisted.query.encode()) > settings.GRAPHQL_MAX_BODY_BYTES:
        return
    timeout = settings.GRAPHQL_APQ_TIMEOUT
    quota_key = "apq:written"
    # The first write of a period starts its counter, which expires with the period: no
    # more than the quota is written while the entries of that period are alive.
    cache.add(quota_key, 0, timeout)
    try:
        written = cache.incr(quota_key)
    except ValueError:  # expired between the two calls: a new period
        cache.add(quota_key, 1, timeout)
        written = 1
    if written <= settings.GRAPHQL_APQ_MAX_ENTRIES:
        cache.set(_key(persisted.sha256), persisted.query, timeout)
