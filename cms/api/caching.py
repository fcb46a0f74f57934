"""Caching of API answers: a server-side cache of whole responses for anonymous queries,
and which answers browsers, Apollo and a CDN may keep (their `Cache-Control`, `ETag` and
304 come from `cms.http_cache`, as the pages' do).

The server-side key is the query document as graphql-core prints it (so whitespace and
comments do not matter), the operation name, the variables as canonical JSON and the
language. Each stored answer carries the content generation (`cms.content_version`) it was
computed under, and is served only while that is still the current one. Every public change
bumps the generation in the shared cache, so a publish in one process invalidates the
answers of all of them at once. The generation sits in the entry rather than in the key so
that a hit costs one round trip to the cache (the generation and the entry read together),
and so that the next answer overwrites a stale one instead of leaving it to expire.

Public answers go out gzipped to callers that accept it (an `offers(perPage: 100)` of 36 KB
becomes a few KB). A stored answer keeps its compressed bytes beside the plain ones, so a
hit compresses nothing. Compression is safe here (no BREACH): a public answer holds no
secret, and private ones are never compressed."""

import gzip
import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache

from graphql import GraphQLError, OperationType, get_operation_ast, parse, print_ast

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.regex_helper import _lazy_re_compile
from django.utils.translation import get_language

from cms import content_version, http_cache
from cms.observability import metrics

# Set on the request by the view, and by any resolver that reads what not everyone may
# see (a preview token, say): such an answer is neither stored nor public.
_PRIVATE = "_api_response_private"
_ERRORS = "_api_response_has_errors"
_ANSWER = "_api_cached_answer"
_GENERATION = "_api_content_generation"


# As Django's GZipMiddleware reads `Accept-Encoding`.
_ACCEPTS_GZIP = _lazy_re_compile(r"\bgzip\b")
# Below this, gzip's header costs more than it saves.
_MIN_GZIP_BYTES = 200


@dataclass(frozen=True)
class CachedAnswer:
    generation: int
    body: bytes
    etag: str
    gzipped: bytes | None = None


def _compress(body: bytes) -> bytes | None:
    if len(body) < _MIN_GZIP_BYTES:
        return None
    # mtime=0: the same answer compresses to the same bytes in every process.
    return gzip.compress(body, compresslevel=6, mtime=0)


def mark_private(request) -> None:
    """Keep this request's answer out of every cache, shared or not."""
    setattr(request, _PRIVATE, True)


def note_result(request, result) -> None:
    """Remember whether execution reported errors: only error-free answers are stored."""
    if result is not None and result.errors:
        setattr(request, _ERRORS, True)


def is_anonymous(request) -> bool:
    """Whether the caller is not logged in. Without a session cookie the session is not
    even read, so that it adds no `Vary: Cookie`; with one, it is read, and the answer of a
    visitor whose session holds no user still varies on nothing (the API answers everyone
    the same)."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return True
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    session = getattr(request, "session", None)
    if session is not None and not session.modified:
        session.accessed = False
    return True


@lru_cache(maxsize=128)
def _normalised(query: str, operation_name: str | None) -> str | None:
    """The printed document of a query operation, or None when the request is not a
    readable query (a syntax error, a mutation, an unknown operation): those are never
    cached. Memoised because clients repeat the same few documents."""
    try:
        # Bounded like the execution's own parse: an oversized document is refused there.
        document = parse(query, no_location=True, max_tokens=settings.GRAPHQL_MAX_TOKENS)
    except (GraphQLError, RecursionError):  # the execution reports them
        return None
    operation = get_operation_ast(document, operation_name)
    if operation is None or operation.operation != OperationType.QUERY:
        return None
    return print_ast(document)


def response_key(request, query, variables, operation_name) -> str | None:
    """The server-side cache key of an anonymous query, or None if it must not be cached."""
    if not isinstance(query, str) or not isinstance(operation_name, str | None):
        return None
    if settings.GRAPHQL_RESPONSE_CACHE_TIMEOUT <= 0 or not is_anonymous(request):
        return None
    document = _normalised(query, operation_name)
    if document is None:
        return None
    try:
        canonical_variables = json.dumps(variables, sort_keys=True, separators=(",", ":"))
    except (TypeError, ValueError, RecursionError):  # the execution refuses them
        return None
    parts = [
        # An answer depends on the settings that change what may be asked.
        "introspection" if settings.GRAPHQL_INTROSPECTION else "",
        get_language() or "",
        operation_name or "",
        canonical_variables,
        # `?pretty` changes the body, not the data.
        "pretty" if request.GET.get("pretty") else "",
        document,
    ]
    digest = hashlib.sha256("\x00".join(parts).encode()).hexdigest()
    return f"api-response:{digest}"


def lookup(request, key: str | None) -> bytes | None:
    """The body stored under `key` for the current content generation, if any; its ETag is
    kept for `finish`, and the generation for `store`: an answer is stored under the
    generation read before it was computed, never a later one."""
    if not key:
        return None
    values = cache.get_many([content_version.KEY, key])
    generation = values.get(content_version.KEY)
    if generation is None:
        generation = content_version.current()
    setattr(request, _GENERATION, generation)
    answer = values.get(key)
    if not isinstance(answer, CachedAnswer) or answer.generation != generation:
        metrics.cache_lookup("api", hit=False)
        return None
    metrics.cache_lookup("api", hit=True)
    setattr(request, _ANSWER, answer)
    return answer.body


def store(request, key: str | None, status: int, body: bytes) -> None:
    generation = getattr(request, _GENERATION, None)
    if not key or generation is None or status != 200:
        return
    if not getattr(request, _ERRORS, False) and not getattr(request, _PRIVATE, False):
        answer = CachedAnswer(generation, body, http_cache.body_etag(body), _compress(body))
        cache.set(key, answer, settings.GRAPHQL_RESPONSE_CACHE_TIMEOUT)
        setattr(request, _ANSWER, answer)


def finish(request, response):
    """Set the caching headers of an API response, and answer a matching `If-None-Match`
    with 304. Only an error-free anonymous GET is public: POSTs, errors and logged-in
    callers get `no-store, private`."""
    public = (
        request.method == "GET"
        and response.status_code == 200
        and not getattr(request, _ERRORS, False)
        and not getattr(request, _PRIVATE, False)
        and is_anonymous(request)
    )
    if not public:
        patch_cache_control(response, no_store=True, private=True)
        return response
    answer = getattr(request, _ANSWER, None)
    http_cache.make_public(response, prefix="GRAPHQL_CACHE", etag=answer.etag if answer else None)
    response = http_cache.conditional(request, response)
    if response.status_code == 200:
        _gzip(request, response, answer.gzipped if answer else _compress(response.content))
    return response


def _gzip(request, response, gzipped: bytes | None) -> None:
    """Send the compressed bytes to a caller that accepts them. As Django's GZipMiddleware
    does, the ETag becomes weak (the bytes differ from the plain answer's), which a
    conditional GET still matches either way."""
    patch_vary_headers(response, ("Accept-Encoding",))
    if gzipped is None or not _ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
        return
    response.content = gzipped
    response["Content-Length"] = str(len(gzipped))
    response["Content-Encoding"] = "gzip"
    if not response["ETag"].startswith("W/"):
        response["ETag"] = "W/" + response["ETag"]
