"""Anonymous HTML pages, cached: `Cache-Control` for browsers and a CDN, an `ETag` answered
by 304, gzip, and a server-side store of whole responses.

A response is *public* when anyone may be served the same bytes: a GET (or HEAD) by a
visitor without a session, answered 200 with no cookie set, no CSRF token in the page, and
no `Cache-Control` of its own (views that say `never_cache` or `private` keep their say).
Only public responses get the headers (from `cms.http_cache`, as the API's answers), are
compressed and are stored.

The store is keyed on the full URL (scheme, host, path and query), the language and the
content generation (`cms.content_version`): a publish, unpublish, move, delete or taxonomy
change moves the generation, so every stored page is left behind at once, in every process
that shares the cache. Entries also expire after `PAGE_CACHE_TIMEOUT`, which bounds the
space that old generations take in a cache without eviction.

Never stored nor served from the store:
- requests that carry a session or messages cookie (editors, visitors who passed a page's
  password) or an `Authorization` header; reading `request.user` instead would load the
  session and add `Vary: Cookie` to every page, defeating any shared cache;
- previews (`request.is_preview`), and the paths of `NEVER_CACHED`: the admin, private
  documents, the GraphQL API (it has its own cache), Wagtail's password forms and the
  health probes (which must not touch the cache);
- pages under a view restriction, whatever their response (Wagtail answers them with a
  login redirect or a password form);
- any response that sets a cookie or carries a CSRF token, a form the visitor posts back."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language_from_request

from . import content_version, http_cache
from .observability import metrics
from .visibility import is_restricted_path

# /media: images answer with their own long Cache-Control; a lookup here would only cost.
NEVER_CACHED = ("/admin", "/documents", "/graphql", "/_util", "/media", "/healthz", "/readyz")
KEY_PREFIX = "page"
# Headers that belong to one response only, or that the outer middleware set again.
NOT_STORED_HEADERS = {"set-cookie", "date", "content-length"}


def _private_request(request) -> bool:
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME in cookies
        or "messages" in cookies
        or "HTTP_AUTHORIZATION" in request.META
        or getattr(request, "is_preview", False)
    )


def _is_candidate(request) -> bool:
    """A request whose answer may be public, before the view has run."""
    return (
        request.method in ("GET", "HEAD")
        and not request.path.startswith(NEVER_CACHED)
        and not _private_request(request)
    )


def _is_public(request, response) -> bool:
    """After the view: nothing in the response ties it to this visitor or to a secret."""
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Cache-Control")
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and "cookie" not in response.get("Vary", "").lower()
        and not getattr(request, "is_preview", False)
        and not _serves_restricted_page(request)
    )


def _serves_restricted_page(request) -> bool:
    route = getattr(request, "_wagtail_route_for_request", None)
    return bool(route) and is_restricted_path(route[0].path)


def cache_key(request) -> str:
    url = request.build_absolute_uri()  # scheme, host, path and query
    digest = hashlib.sha256(url.encode()).hexdigest()
    language = get_language_from_request(request)
    return f"{KEY_PREFIX}:{content_version.current()}:{language}:{digest}"


def _mark_public(response) -> None:
    http_cache.make_public(response, prefix="PAGE_CACHE")
    response.public_page = True


def _store(key: str, response) -> None:
    headers = [
        (name, value) for name, value in response.items() if name.lower() not in NOT_STORED_HEADERS
    ]
    cache.set(key, (response.content, headers), settings.PAGE_CACHE_TIMEOUT)


def _restore(entry) -> HttpResponse:
    content, headers = entry
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    response.public_page = True
    return response


class PageCacheMiddleware:
    """Serves and stores public page responses; see the module's docstring.

    It sits outside the session, CSRF and messages middleware, so that the cookies they
    set are on the response it inspects, and inside `PublicGZipMiddleware`, so that it
    stores the uncompressed page once for every `Accept-Encoding`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _is_candidate(request):
            response = self.get_response(request)
            if not request.path.startswith(NEVER_CACHED) and not response.has_header(
                "Cache-Control"
            ):
                # Not for a shared cache: this visitor may see what others may not.
                patch_cache_control(response, private=True, no_cache=True)
            return response

        key = cache_key(request) if settings.PAGE_CACHE_TIMEOUT else None
        entry = cache.get(key) if key else None
        if key:
            metrics.cache_lookup("page", hit=entry is not None)
        if entry is not None:
            response = _restore(entry)
            response["X-Page-Cache"] = "hit"
        else:
            response = self.get_response(request)
            if not _is_public(request, response):
                return response
            _mark_public(response)
            if key and request.method == "GET":
                _store(key, response)
            response["X-Page-Cache"] = "miss" if key else "off"
        return http_cache.conditional(request, response)


class PublicGZipMiddleware(GZipMiddleware):
    """gzip for public pages only. BREACH recovers a secret from the compressed size of a
    page that also reflects the attacker's input: pages with a CSRF token or a visitor's
    own data are exactly those, and they are never marked public, so they stay
    uncompressed. Public pages hold no secret, so compressing them is safe."""

    def process_response(self, request, response):
        if not getattr(response, "public_page", False):
            return response
        return super().process_response(request, response)
