"""Error reports to Sentry, only when SENTRY_DSN is set: sentry-sdk is an optional extra
(`pip install -e '.[sentry]'`), never imported otherwise.

No personal data leaves. sentry-sdk's `send_default_pii` stays off (its default; passing
it explicitly only earns a deprecation warning since 2.75), which keeps out the user, their
address and cookies; the local variables of each frame, which may hold a user, a token or
a form, are not sent either; `_scrub` drops the query string (a preview token, a GraphQL
query), the body and the cookies, and masks addresses and bearer tokens in every text
left, the log breadcrumbs included. Each event carries the request id as a tag, the one in
the logs and in the response's `X-Request-ID`, so that a report leads to its log lines."""

import structlog

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .logs import redact_text

# Its `request_failed` line repeats the exception the Django integration already reports.
_DUPLICATE_LOGGERS = ("django_structlog.middlewares.request",)


def _redacted(value):
    if isinstance(value, str):
        return redact_text(value)
    if isinstance(value, dict):
        return {key: _redacted(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_redacted(item) for item in value]
    return value


def _scrub(event, _hint):
    request_id = structlog.contextvars.get_contextvars().get("request_id")
    if request_id:
        event.setdefault("tags", {})["request_id"] = request_id
    request = event.get("request")
    if isinstance(request, dict):
        for key in ("query_string", "data", "cookies"):
            request.pop(key, None)
    return _redacted(event)


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
        include_local_variables=False,
        environment=settings.SENTRY_ENVIRONMENT or None,
        release=settings.SENTRY_RELEASE or None,
        traces_sample_rate=settings.SENTRY_TRACES_SAMPLE_RATE,
        before_send=_scrub,
        before_send_transaction=_scrub,
    )
    return True
