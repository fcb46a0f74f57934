"""The request id, and one log line when a request starts and one when it ends.

django-structlog's middleware does the logging and binds `request_id` and `user_id` (the
primary key, never the e-mail) to every line logged during the request. This subclass
decides the id: a proxy's or a partner's `X-Request-ID` when it is a plausible id, a new
one otherwise, so that a caller cannot inject arbitrary text or megabytes into every line.
The id goes back in the response's `X-Request-ID`, so that a partner reporting a failed
call can quote it. The path is logged without its query string, which may carry a preview
token or a whole GraphQL query."""

import re
import time
import uuid

from django_structlog import signals
from django_structlog.middlewares import RequestMiddleware

from django.dispatch import receiver

HEADER = "X-Request-ID"
_META_KEY = "HTTP_X_REQUEST_ID"
_SANE_ID = re.compile(r"[A-Za-z0-9._-]{1,128}")


def request_id_for(request) -> str:
    """The caller's id if it is sane, else a new one; written back to the request, where
    django-structlog reads it (DJANGO_STRUCTLOG_TRUST_UPSTREAM_REQUEST_ID)."""
    request_id = request.META.get(_META_KEY, "")
    if not _SANE_ID.fullmatch(request_id):
        request_id = uuid.uuid4().hex
        request.META[_META_KEY] = request_id
        request.__dict__.pop("headers", None)  # a cached view of the old META
    return request_id


class RequestLogMiddleware(RequestMiddleware):
    # The site runs under WSGI (gunicorn); Django adapts a sync middleware under ASGI.
    async_capable = False

    def __call__(self, request):
        request.request_id = request_id_for(request)
        request._log_started = time.perf_counter()
        response = super().__call__(request)
        response[HEADER] = request.request_id
        return response

    @staticmethod
    def format_request(request) -> str:
        return f"{request.method} {request.path}"


def _duration_ms(request) -> float | None:
    started = getattr(request, "_log_started", None)
    return None if started is None else round((time.perf_counter() - started) * 1000, 1)


@receiver(signals.bind_extra_request_finished_metadata, sender=RequestLogMiddleware)
@receiver(signals.bind_extra_request_failed_metadata, sender=RequestLogMiddleware)
def _add_duration(sender, request, log_kwargs, **kwargs):
    log_kwargs["duration_ms"] = _duration_ms(request)
