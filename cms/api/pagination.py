"""Pagination in grapple's shape (`items`, `pagination`), with validated arguments."""

from dataclasses import dataclass

import graphene

from django.conf import settings
from django.core.paginator import Paginator
from django.utils.translation import gettext, ngettext

from .errors import BadUserInput


class PaginationType(graphene.ObjectType):
    """Same shape as grapple's pagination, with documented fields."""

    total = graphene.Int(required=True, description="Nombre total d'éléments.")
    count = graphene.Int(required=True, description="Nombre d'éléments sur cette page.")
    per_page = graphene.Int(required=True, description="Éléments par page demandés.")
    current_page = graphene.Int(required=True, description="Numéro de la page courante.")
    prev_page = graphene.Int(description="Numéro de la page précédente, s'il y en a une.")
    next_page = graphene.Int(description="Numéro de la page suivante, s'il y en a une.")
    total_pages = graphene.Int(required=True, description="Nombre total de pages.")

    class Meta:
        name = "Pagination"
        description = "Informations de pagination."


def page_arguments() -> dict:
    return {
        "page": graphene.Int(default_value=1, description="Numéro de page, à partir de 1."),
        "per_page": graphene.Int(
            default_value=20,
            description=f"Éléments par page, de 1 à {settings.GRAPHQL_MAX_PAGE_SIZE}.",
        ),
    }


@dataclass
class PageSlice:
    items: list
    pagination: PaginationType
    queryset: object = None


def paginate(queryset, *, page: int, per_page: int, load=list) -> PageSlice:
    """One page of a queryset; `load` turns its rows into fully loaded objects."""
    maximum = settings.GRAPHQL_MAX_PAGE_SIZE
    if per_page is None or not 1 <= per_page <= maximum:
        raise BadUserInput(
            gettext("perPage must be between 1 and %(maximum)s.") % {"maximum": maximum},
            field="perPage",
        )
    if page is None or page < 1:
        raise BadUserInput(gettext("page must be 1 or more."), field="page")
    paginator = Paginator(queryset, per_page)
    if page > paginator.num_pages and not (page == 1 and paginator.count == 0):
        message = ngettext(
            "Page %(page)s does not exist: there is %(count)s page.",
            "Page %(page)s does not exist: there are %(count)s pages.",
            paginator.num_pages,
        )
        raise BadUserInput(message % {"page": page, "count": paginator.num_pages}, field="page")
    page_obj = paginator.page(page)
    items = load(page_obj.object_list)
    return PageSlice(
        items=items,
        pagination=PaginationType(
            total=paginator.count,
            count=len(items),
            per_page=per_page,
            current_page=page_obj.number,
            prev_page=page_obj.previous_page_number() if page_obj.has_previous() else None,
            next_page=page_obj.next_page_number() if page_obj.has_next() else None,
            total_pages=paginator.num_pages,
        ),
        queryset=queryset,
    )


def paginated_type(name: str, item_type, description: str, extra: dict | None = None):
    fields = {
        "items": graphene.List(
            graphene.NonNull(item_type), required=True, description="Éléments de la page."
        ),
        "pagination": graphene.Field(
            PaginationType, required=True, description="Informations de pagination."
        ),
        **(extra or {}),
    }
    meta = type("Meta", (), {"description": description})
    return type(name, (graphene.ObjectType,), {"Meta": meta, **fields})
