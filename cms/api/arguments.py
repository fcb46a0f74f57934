"""Argument helpers shared by the apps' root fields."""

import graphene

from django.db.models import Q
from django.utils.translation import gettext

from grapple.registry import registry

from cms.visibility import visible

from .errors import BadUserInput, NotFound


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


def lookup_arguments(description: str) -> dict:
    """`id`, `slug` and `urlPath`, to look up one page; `description` names the page
    ("de l'offre") in the schema's documentation."""
    return {
        "id": graphene.ID(description=f"Identifiant {description}."),
        "slug": graphene.String(description=f"Identifiant d'adresse (slug) {description}."),
        "url_path": graphene.String(
            description=f"Chemin {description}, ex. /catalogue/framadate/."
        ),
    }


def single_page(queryset, *, id=None, slug=None, url_path=None, not_found: str):
    """The one visible page of `queryset` that the lookup arguments designate, or a
    `NOT_FOUND` error worded `not_found`."""
    given = [arg for arg in (id, slug, url_path) if arg not in (None, "")]
    if len(given) != 1:
        raise BadUserInput(gettext("Give exactly one of the arguments id, slug and urlPath."))
    pages = visible(queryset.all())
    if id not in (None, ""):
        pages = pages.filter(pk=parse_id(id, "id"))
    elif slug:
        pages = pages.filter(slug=slug)
    else:
        path = url_path if url_path.endswith("/") else f"{url_path}/"
        pages = pages.filter(Q(url_path=path) | Q(url_path__endswith=f"/{path.lstrip('/')}"))
    page = pages.order_by("pk").first()
    if page is None:
        raise NotFound(not_found)
    return page.specific
