"""GraphQL errors with a stable `extensions.code`, and the formatting that keeps Python
internals (tracebacks, field suggestions) away from clients."""

import logging
import re

from graphql import GraphQLError

from django.utils.translation import gettext

logger = logging.getLogger("cms.api")

BAD_USER_INPUT = "BAD_USER_INPUT"
NOT_FOUND = "NOT_FOUND"
QUERY_TOO_COMPLEX = "QUERY_TOO_COMPLEX"
INTERNAL = "INTERNAL"

_SUGGESTION = re.compile(r"\s*Did you mean .*\?\s*$", re.DOTALL)


class ApiError(GraphQLError):
    """An error with a stable code; `field` names the argument at fault, and any other
    keyword goes into `extensions` as it is (say, the item of an input list at fault)."""

    code = INTERNAL

    def __init__(self, message: str, *, field: str | None = None, **extensions):
        extensions = {"code": self.code, **extensions}
        if field:
            extensions["field"] = field
        super().__init__(message, extensions=extensions)


class BadUserInput(ApiError):
    code = BAD_USER_INPUT


class NotFound(ApiError):
    code = NOT_FOUND


class QueryTooComplex(ApiError):
    code = QUERY_TOO_COMPLEX


class ApiErrors(GraphQLError):
    """Several problems found at once in one field's input (each answer of a list, say):
    a resolver can only raise one exception, so it raises this, and the view reports each
    of `errors` as an error of its own, at the field's path (`expand_errors`)."""

    def __init__(self, errors: list[ApiError]):
        super().__init__("; ".join(error.message for error in errors))
        self.errors = errors


def expand_errors(errors: list[GraphQLError] | None) -> list[GraphQLError] | None:
    if not errors:
        return errors
    expanded = []
    for error in errors:
        original = error.original_error
        if not isinstance(original, ApiErrors):
            expanded.append(error)
            continue
        expanded.extend(
            GraphQLError(
                problem.message,
                nodes=error.nodes,
                path=error.path,
                original_error=problem,
                extensions=problem.extensions,
            )
            for problem in original.errors
        )
    return expanded


def _statement_timed_out(error: Exception | None) -> bool:
    """PostgreSQL cancelled the statement (SQLSTATE 57014, `statement_timeout`); Django
    wraps psycopg's error, which it keeps as the cause."""
    cause = getattr(error, "__cause__", None)
    return getattr(cause, "sqlstate", None) == "57014"


def format_error(error: Exception) -> dict:
    if not isinstance(error, GraphQLError):
        return {"message": str(error), "extensions": {"code": BAD_USER_INPUT}}

    original = error.original_error
    if isinstance(original, ApiError):
        formatted = error.formatted
        formatted["extensions"] = dict(original.extensions or {})
        return formatted
    if _statement_timed_out(original):
        logger.warning("GraphQL query stopped by the statement timeout", exc_info=original)
        formatted = {
            "message": gettext(
                "The query took too long and was stopped: ask for fewer items or fields."
            ),
            "extensions": {"code": QUERY_TOO_COMPLEX},
        }
        if error.path:
            formatted["path"] = error.path
        return formatted
    if original is not None and not isinstance(original, GraphQLError):
        logger.exception("GraphQL resolver failed", exc_info=original)
        formatted = {"message": gettext("Internal server error."), "extensions": {"code": INTERNAL}}
        if error.path:
            formatted["path"] = error.path
        return formatted

    formatted = error.formatted
    formatted["message"] = _SUGGESTION.sub("", formatted["message"])
    extensions = dict(formatted.get("extensions") or {})
    extensions.setdefault("code", BAD_USER_INPUT)
    formatted["extensions"] = extensions
    return formatted
