"""The one visibility rule: what the public may see, on every read path (listings,
lookups, links, search, GraphQL and HTML alike).

A page is visible when it is live and public: no view restriction on it or on any
ancestor. An image or a document is visible when its collection, and every ancestor
collection, has no view restriction."""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Length, Substr

from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    PageManager,
    PageQuerySet,
    PageViewRestriction,
)

from . import content_version


def _under(paths, field: str = "path") -> Q:
    """Rows at or below any of these tree paths; no row when there are none."""
    q = Q(pk__in=[])
    for path in paths:
        q |= Q(**{f"{field}__startswith": path})
    return q


# What the restricted and alias paths depend on: the restrictions, and the tree's shape
# (a page moved or deleted, an alias created). Publishing moves neither.
PAGE_PATH_TOPICS = (PageViewRestriction, content_version.PAGE_TREE)


def _special_page_paths() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The tree paths of the pages that carry a view restriction, and of the aliases, in
    one query: both are asked before serving any page."""

    def read():
        rows = (
            Page.objects.annotate(
                restricted=Exists(PageViewRestriction.objects.filter(page=OuterRef("pk")))
            )
            .filter(Q(restricted=True) | Q(alias_of__isnull=False))
            .order_by("path")
            .values_list("path", "restricted", "alias_of_id")
        )
        rows = list(rows)
        restricted = tuple(path for path, is_restricted, _alias_of in rows if is_restricted)
        aliases = tuple(path for path, _restricted, alias_of in rows if alias_of is not None)
        return restricted, aliases

    return content_version.remember("special-page-paths", read, depends_on=PAGE_PATH_TOPICS)


def restricted_page_paths() -> tuple[str, ...]:
    """The tree paths of the pages that carry a view restriction. Wagtail's `public()`
    reads them on every call, several times per page; they change only with the
    restrictions or the tree's shape, so they are read once, from the shared cache."""
    return _special_page_paths()[0]


def is_restricted_path(path: str) -> bool:
    """Whether the page at this tree path is under a view restriction (its own or an
    ancestor's)."""
    return path.startswith(restricted_page_paths())


def _alias_page_paths() -> tuple[str, ...]:
    return _special_page_paths()[1]


class CachedViewRestrictionsMixin:
    """For the project's page models: Wagtail asks `get_view_restrictions()` before serving
    every page (two queries: the ancestors, then their restrictions). A page that is not
    an alias nor under one, and that no restricted path covers, has none, and that is
    known from the cached paths; aliases take their source's restrictions, so they, and
    restricted pages, still ask Wagtail."""

    def get_view_restrictions(self):
        if (
            self.alias_of_id is None
            and not self.path.startswith(_alias_page_paths())
            and not is_restricted_path(self.path)
        ):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


def visible(queryset: PageQuerySet) -> PageQuerySet:
    """The visible pages of any page queryset (`Page.objects` included): Wagtail's
    `live().public()`, with the restrictions read through `restricted_page_paths()`."""
    return queryset.live().exclude(_under(restricted_page_paths()))


def is_visible(page: Page | None) -> bool:
    """Whether one page, already loaded, is visible (one query for its restrictions)."""
    return page is not None and page.live and not page.get_view_restrictions().exists()


def visible_in_order(queryset: PageQuerySet, ids: list[int]) -> list:
    """The visible pages of `queryset` among `ids`, in the order of `ids` (an editor's
    ordering), skipping the others."""
    pages = visible(queryset).in_bulk(ids)
    return [pages[pk] for pk in ids if pk in pages]


class VisiblePageQuerySet(PageQuerySet):
    def visible(self) -> "VisiblePageQuerySet":
        return visible(self)


class VisiblePageManager(PageManager.from_queryset(VisiblePageQuerySet)):
    """Manager of the project's page models, so that `Model.objects.visible()` reads."""


def restricted_collections_q(prefix: str = "collection") -> Q:
    """Rows whose collection sits in a collection with a view restriction."""
    return Q(**{f"{prefix}__in": private_collection_ids()})


def visible_media(queryset: QuerySet) -> QuerySet:
    """The images or documents of a queryset that are outside any private collection."""
    return queryset.exclude(restricted_collections_q())


def private_collection_ids() -> frozenset[int]:
    """The collections under a view restriction (their own or an ancestor's), in one
    query, read once until a collection or a collection's restriction changes."""

    def read():
        restricted_above = CollectionViewRestriction.objects.filter(
            collection__path=Substr(OuterRef("path"), 1, Length("collection__path"))
        )
        private = Collection.objects.filter(Exists(restricted_above))
        return frozenset(private.values_list("pk", flat=True))

    return content_version.remember(
        "private-collections", read, depends_on=(Collection, CollectionViewRestriction)
    )


def media_is_visible(media) -> bool:
    """Whether one image or document, already loaded, is outside any private collection
    (no query once the private collections of this content generation are known)."""
    return media is not None and media.collection_id not in private_collection_ids()


def in_private_collection(field: str) -> Exists:
    """An annotation, true on rows whose image or document `field` sits in a private
    collection (or under one), so that a listing learns it in its own query."""
    return Exists(
        CollectionViewRestriction.objects.filter(
            collection__path=Substr(
                OuterRef(f"{field}__collection__path"), 1, Length("collection__path")
            )
        )
    )
