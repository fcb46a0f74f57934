"""Error reports to Sentry, only when SENTRY_DSN is set: sentry-sdk is an optional extra
(`pip install -e '.[sentry]'`), never imported otherwise.

No personal data leaves: `send_default_pii=False` keeps out the user, their address and
cookies, and `_scrub` drops the query string (a preview token, a GraphQL query) and the
body. Each event carries the request id as a tag, the one in the logs and in the
response's `X-Request-ID`, so that a report leads to the request's log lines."""

import structlog

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# Its `request_failed` line repeats the exception the Django integration already reports.
_DUPLICATE_LOGGERS = ("django_structlog.middlewares.request",)


def _scrub(event, _hint):
    request_id = structlog.contextvars.get_contextvars().get("request_id")
    if request_id:
        event.setdefault("tags", {})["request_id"] = request_id
    request = event.get("request")
    if isinstance(request, dict):
        for key in ("query_string", "data", "cookies"):
            request.pop(key, None)
    return event


def init_sentry() -> bool:
    """Start reporting if a DSN is set; True if it did."""
    if not settings.SENTRY_DSN:
        return False
    try:
        import sentry_sdk
        from sentry_sdk.integrations.django import DjangoIntegration
        from sentry_sdk.integrations.logging import ignore_logger
    except ImportError as error:
        raise ImproperlyConfigured(
            "SENTRY_DSN is set but sentry-sdk is not installed: "
            "run `pip install sentry-sdk` (the project's `sentry` extra), or unset SENTRY_DSN."
        ) from error
    for name in _DUPLICATE_LOGGERS:
        ignore_logger(name)
    sentry_sdk.init(
        dsn=settings.SENTRY_DSN,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        environment=settings.SENTRY_ENVIRONMENT or None,
        release=settings.SENTRY_RELEASE or None,
        traces_sample_rate=settings.SENTRY_TRACES_SAMPLE_RATE,
        before_send=_scrub,
        before_send_transaction=_scrub,
    )
    return True
