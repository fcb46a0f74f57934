"""CORS for the origins of partners' API keys, beside those of the environment.

django-cors-headers answers preflights and writes the headers; its settings hold the
origins of the environment (`CORS_ALLOWED_ORIGINS`) and restrict CORS to the API
(`CORS_URLS_REGEX`). Keys live in the database, so their origins come through the
package's `check_request_enabled` signal, which allows a request when a receiver says so."""

import re

from django.conf import settings

from .key_lookup import key_origins


def allow_key_origins(sender, request, **kwargs) -> bool:
    origin = request.headers.get("Origin")
    return bool(
        origin and re.match(settings.API_URLS_REGEX, request.path_info) and origin in key_origins()
    )
