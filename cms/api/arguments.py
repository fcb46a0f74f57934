"""Argument helpers shared by the apps' root fields."""

from django.utils.translation import gettext

from grapple.registry import registry

from .errors import BadUserInput


def model_type(model):
    """The GraphQL type grapple generated for a model, resolved lazily."""
    return lambda: registry.models[model]


def parse_id(value, field: str) -> int | None:
    """A numeric ID argument, or None when absent; anything else is a clear error."""
    if value in (None, ""):
        return None
    if not str(value).isdigit():
        raise BadUserInput(
            gettext("%(field)s must be a numeric ID.") % {"field": field}, field=field
        )
    return int(value)
