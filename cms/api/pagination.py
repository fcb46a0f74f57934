"""Pagination in grapple's shape (`items`, `pagination`), with validated arguments."""

from dataclasses import dataclass

import graphene

from django.conf import settings
from django.core.paginator import EmptyPage, Paginator
from django.db.models import Count, Window
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


class IdPaginator(Paginator):
    """Pages an ordered queryset by primary key: one query reads a page's ids together
    with the total (`COUNT(*) OVER ()`), so the filters and the ranking run once, over
    ids alone, with none of the joins the rows need; the caller then loads the rows of
    that page only. `Page.object_list` holds the ids. A page past the end finds no row,
    and only then costs a separate COUNT, to tell how many pages there are."""

    def __init__(self, object_list, per_page, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        if self.orphans:
            # The total is read from the page's rows, which orphans would have to extend.
            raise TypeError("IdPaginator does not support orphans.")
        self._ids: dict[int, list] = {}

    def page(self, number):
        self._read(number)
        number = self.validate_number(number)
        return self._get_page(self._ids.get(number, []), number, self)

    def _read(self, number) -> None:
        """Reads the ids and total of page `number`, unless it is not a page number at
        all (then `validate_number` refuses it without a query)."""
        try:
            number = int(number)
        except (TypeError, ValueError):
            return
        if number < 1 or number in self._ids:
            return
        bottom = (number - 1) * self.per_page
        rows = list(
            self.object_list.annotate(_total=Window(Count("*"))).values_list("pk", "_total")[
                bottom : bottom + self.per_page
            ]
        )
        self._ids[number] = [pk for pk, _total in rows]
        if rows:
            self.__dict__["count"] = rows[0][1]
        elif number == 1:
            self.__dict__["count"] = 0


@dataclass
class PageSlice:
    items: list
    pagination: PaginationType
    queryset: object = None


def paginate(queryset, *, page: int, per_page: int, load=list, by_id: bool = False) -> PageSlice:
    """One page of a queryset; `load` turns its rows into fully loaded objects. With
    `by_id`, the page is read as ids (see `IdPaginator`) and `load` gets those ids."""
    maximum = settings.GRAPHQL_MAX_PAGE_SIZE
    if per_page is None or not 1 <= per_page <= maximum:
        raise BadUserInput(
            gettext("perPage must be between 1 and %(maximum)s.") % {"maximum": maximum},
            field="perPage",
        )
    if page is None or page < 1:
        raise BadUserInput(gettext("page must be 1 or more."), field="page")
    paginator = (IdPaginator if by_id else Paginator)(queryset, per_page)
    try:
        page_obj = paginator.page(page)
    except EmptyPage:
        message = ngettext(
            "Page %(page)s does not exist: there is %(count)s page.",
            "Page %(page)s does not exist: there are %(count)s pages.",
            paginator.num_pages,
        )
        raise BadUserInput(
            message % {"page": page, "count": paginator.num_pages}, field="page"
        ) from None
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
