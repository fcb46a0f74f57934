"""Structured logs through structlog, JSON for a log shipper or readable for a developer.

Django calls `configure` (LOGGING_CONFIG) with the LOGGING setting when it starts. One
handler on the root logger renders everything: structlog's own lines (the request log of
`request_log`) and every standard `logging` logger (cms.api, django.request, the task
queue…), whose lines go through `foreign_pre_chain`. Both merge structlog's context
variables, so each line logged while a request runs carries its `request_id` and `user_id`."""

import logging.config
import re

import structlog

# Last line of defence, whatever a logger was given: an address or a bearer token (an API
# key) never reaches the logs. The request log itself has neither: it records the path
# without its query string, and the user's id, not their e-mail.
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_BEARER = re.compile(r"(?i)\b(bearer)\s+\S+")


def redact_text(value: str) -> str:
    if "@" in value:
        value = _EMAIL.sub("[email]", value)
    if "earer" in value:
        value = _BEARER.sub(r"\1 [redacted]", value)
    return value


def redact(_logger, _method_name, event_dict: dict) -> dict:
    for key, value in event_dict.items():
        if isinstance(value, str):
            event_dict[key] = redact_text(value)
    return event_dict


def request_id_of_record(_logger, _method_name, event_dict: dict) -> dict:
    """django.request reports a 4xx answer after every middleware has returned, when the
    request's context is already cleared; its record carries the request itself."""
    if "request_id" not in event_dict:
        request = getattr(event_dict.get("_record"), "request", None)
        request_id = getattr(request, "request_id", None)
        if request_id:
            event_dict["request_id"] = request_id
    return event_dict


_SHARED_PROCESSORS = [
    structlog.contextvars.merge_contextvars,
    structlog.stdlib.add_logger_name,
    structlog.stdlib.add_log_level,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
]


def _formatter(*renderer_processors) -> structlog.stdlib.ProcessorFormatter:
    return structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=[*_SHARED_PROCESSORS, request_id_of_record],
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            *renderer_processors,
        ],
    )


def json_formatter() -> structlog.stdlib.ProcessorFormatter:
    """One JSON object a line; a traceback becomes the `exception` field."""
    return _formatter(
        structlog.processors.format_exc_info,
        redact,
        structlog.processors.JSONRenderer(),
    )


def console_formatter() -> structlog.stdlib.ProcessorFormatter:
    return _formatter(redact, structlog.dev.ConsoleRenderer())


def configure(config: dict) -> None:
    structlog.configure(
        processors=[
            structlog.stdlib.filter_by_level,
            *_SHARED_PROCESSORS,
            structlog.stdlib.PositionalArgumentsFormatter(),
            structlog.processors.StackInfoRenderer(),
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    logging.config.dictConfig(config)
