"""The answer while the database is down or frozen: 503 with `Retry-After`, in JSON on the
API (`API_URLS_REGEX`) and as a short French page elsewhere, instead of a 500 or a 200
that says INTERNAL.

Django turns an exception raised anywhere in a request, middleware included (the API
keys' lookup runs before any view), into the answer of `handler500`: `server_error` is that
handler, and tells an outage from a bug by the exception being handled. The GraphQL view,
whose resolvers' exceptions graphql-core catches, raises the outage again
(`cms.api.views`). The page is rendered without a request context: its context processors,
the site's menus and settings all read the database."""

import json
import re
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext
from django.views import defaults

UNAVAILABLE = "UNAVAILABLE"

# SQLSTATE classes of a server that cannot serve: connection exceptions (08), insufficient
# resources (53: too many connections, out of memory or disk), the server shutting down or
# starting up (57P01-57P03). Other operational errors, the statement timeout (57014) first,
# are about one query, not the service.
_OUTAGE_SQLSTATES = ("08", "53", "57P01", "57P02", "57P03")


def is_database_outage(error: BaseException | None) -> bool:
    if not isinstance(error, OperationalError | InterfaceError):
        return False
    sqlstate = getattr(error.__cause__, "sqlstate", None)
    # No SQLSTATE: the driver's own error, a connection refused, broken or timed out, or
    # our circuit breaker's.
    return sqlstate is None or sqlstate.startswith(_OUTAGE_SQLSTATES)


def database_outage(errors) -> BaseException | None:
    """The first outage among the original errors of GraphQL errors, if any."""
    for error in errors or ():
        original = getattr(error, "original_error", None)
        if is_database_outage(original):
            return original
    return None


def unavailable_response(request) -> HttpResponse:
    if re.match(settings.API_URLS_REGEX, request.path_info):
        message = gettext("The service is temporarily unavailable. Try again in a few moments.")
        body = {"errors": [{"message": message, "extensions": {"code": UNAVAILABLE}}]}
        response = HttpResponse(json.dumps(body), status=503, content_type="application/json")
    else:
        response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(settings.SERVICE_UNAVAILABLE_RETRY_AFTER)
    # Neither a CDN nor a browser may keep it: it says nothing about the content.
    response["Cache-Control"] = "no-store"
    return response


def server_error(request, *args, **kwargs):
    """`handler500`: a 503 when the exception being handled is a database outage."""
    if is_database_outage(sys.exc_info()[1]):
        return unavailable_response(request)
    return defaults.server_error(request, *args, **kwargs)
