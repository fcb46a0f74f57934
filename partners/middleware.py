"""API keys and rate limits on the partner API (`API_URLS_REGEX`: GraphQL and open data).

A middleware, so that every API view gets them without knowing of them, before any work
is done. It sits after django-cors-headers' middleware: a browser can then read a 401 or
a 429, and CORS preflights, answered there, are never counted."""

import json
import re

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext

from .clients import client_address
from .key_lookup import api_key_for_token
from .key_services import api_key_usage_record
from .ratelimit import Decision, rate_limit_hit

UNAUTHENTICATED = "UNAUTHENTICATED"
RATE_LIMITED = "RATE_LIMITED"

_BEARER = re.compile(r"Bearer\s+(\S+)\s*", re.IGNORECASE)


def _error(status: int, code: str, message: str, **extensions) -> HttpResponse:
    body = {"errors": [{"message": message, "extensions": {"code": code, **extensions}}]}
    response = HttpResponse(json.dumps(body), status=status, content_type="application/json")
    # A refusal is about one caller: no shared cache may keep it.
    response["Cache-Control"] = "no-store"
    return response


def _too_many(decision: Decision) -> HttpResponse:
    response = _error(
        429,
        RATE_LIMITED,
        gettext("Too many requests: at most %(limit)d per minute. Try again in %(seconds)d s.")
        % {"limit": decision.limit, "seconds": decision.retry_after},
        limit=decision.limit,
        retryAfter=decision.retry_after,
    )
    response["Retry-After"] = str(decision.retry_after)
    return response


def _unauthenticated() -> HttpResponse:
    response = _error(
        401,
        UNAUTHENTICATED,
        gettext(
            "Unknown or disabled API key. Send `Authorization: Bearer <key>`, "
            "or no Authorization header at all to call anonymously."
        ),
    )
    response["WWW-Authenticate"] = 'Bearer error="invalid_token"'
    return response


class ApiAccessMiddleware:
    """Who calls the API (a key, or an anonymous address) and whether they may now.

    A key that is sent must be valid: a wrong or disabled key gets a 401, never the
    anonymous service, so that a partner notices a revoked key at once. A wrong key also
    counts against its sender's address, which bounds key guessing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not re.match(settings.API_URLS_REGEX, request.path_info):
            return self.get_response(request)
        request.api_key = None
        header = request.headers.get("Authorization")
        if header is None:
            return self._anonymous(request) or self.get_response(request)

        match = _BEARER.fullmatch(header)
        key = api_key_for_token(match[1]) if match else None
        if key is None or not key.enabled:
            return self._anonymous(request) or _unauthenticated()
        decision = rate_limit_hit(f"key:{key.id}", limit=key.rate_limit)
        if not decision.allowed:
            return _too_many(decision)
        api_key_usage_record(key_id=key.id)
        request.api_key = key
        return self.get_response(request)

    @staticmethod
    def _anonymous(request) -> HttpResponse | None:
        """A 429 when the caller's address is over the anonymous limit (0: no limit)."""
        limit = settings.API_RATE_LIMIT_ANONYMOUS
        if not limit:
            return None
        decision = rate_limit_hit(f"ip:{client_address(request)}", limit=limit)
        return None if decision.allowed else _too_many(decision)
