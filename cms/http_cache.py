"""What makes an anonymous answer public to HTTP caches, for both surfaces that have them:
the HTML pages (`cms.page_cache`) and the API (`cms.api.caching`). Each decides which of
its answers are public; this module gives them the same `Cache-Control`, `ETag` and 304.

Each surface keeps its own lifetimes, three settings under its prefix:
`<prefix>_MAX_AGE` (browsers, Apollo), `<prefix>_S_MAXAGE` (a CDN or a shared proxy) and
`<prefix>_STALE_WHILE_REVALIDATE` (how long a stale copy may be served while it is
fetched again): `PAGE_CACHE_*` and `GRAPHQL_CACHE_*`."""

import hashlib

from django.conf import settings
from django.utils.cache import get_conditional_response, patch_cache_control


def body_etag(body: bytes) -> str:
    """Derived from the bytes alone, so that every process gives the same body the same
    ETag, and a CDN's copy revalidates against any of them."""
    return f'"{hashlib.sha256(body).hexdigest()[:32]}"'


def make_public(response, *, prefix: str, etag: str | None = None) -> None:
    """Let every cache keep `response`; `etag` spares hashing a body whose ETag is known
    (an answer stored with it)."""
    patch_cache_control(
        response,
        public=True,
        max_age=getattr(settings, f"{prefix}_MAX_AGE"),
        s_maxage=getattr(settings, f"{prefix}_S_MAXAGE"),
        stale_while_revalidate=getattr(settings, f"{prefix}_STALE_WHILE_REVALIDATE"),
    )
    response["ETag"] = etag or body_etag(response.content)


def conditional(request, response):
    """`response`, or a 304 without a body when the request's `If-None-Match` holds its
    ETag (or a 412 for a failed `If-Match`)."""
    return get_conditional_response(request, etag=response["ETag"], response=response)
