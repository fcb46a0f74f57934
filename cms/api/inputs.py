"""Refusal of text a database cannot store or should never receive: NUL and the other
control characters, in GraphQL string literals and in variables. PostgreSQL rejects NUL in
text, which would otherwise surface as an internal error."""

import re

from graphql import GraphQLError, ValidationRule

from django.utils.translation import gettext

from .errors import BadUserInput

# C0 controls and DEL, except tab, line feed and carriage return, which text may hold.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _message() -> str:
    return gettext("Text may not contain control characters (such as NUL).")


def has_control_characters(text: str) -> bool:
    return CONTROL_CHARACTERS.search(text) is not None


class ControlCharactersRule(ValidationRule):
    """String literals of the document."""

    def enter_string_value(self, node, *_args):
        if has_control_characters(node.value):
            error = BadUserInput(_message())
            error.nodes = [node]
            self.report_error(error)


def variables_error(variables) -> GraphQLError | None:
    """Variables must be a JSON object whose strings hold no control character. Walked
    without recursion: the JSON may be nested as deep as the parser allowed."""
    if variables is None:
        return None
    if not isinstance(variables, dict):
        return BadUserInput(gettext("`variables` must be a JSON object."), field="variables")
    pending = [variables]
    while pending:
        value = pending.pop()
        if isinstance(value, dict):
            pending.extend(value.keys())
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
        elif isinstance(value, str) and has_control_characters(value):
            return BadUserInput(_message(), field="variables")
    return None
