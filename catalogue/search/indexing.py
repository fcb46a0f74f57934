"""Writes to the search index. Only live pages are indexed; what the public may see
among them is decided when searching, by `visible()`, so that a view restriction or a
private ancestor needs no re-indexing."""

from collections.abc import Iterable

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from wagtail.models import Page
from wagtail.search import index

from ..models import SearchTerm
from .documents import page_terms, searchable_models

BATCH = 2_000


def _rows(page: Page) -> list[SearchTerm]:
    return [
        SearchTerm(page_id=page.pk, term=term, weight=weight)
        for term, weight in page_terms(page).items()
    ]


def is_searchable(page: Page) -> bool:
    return any(isinstance(page, model) for model in searchable_models())


@transaction.atomic
def search_index_page(*, page: Page) -> None:
    """(Re)index one page, or drop it from the index when it is not live."""
    page = page.specific
    SearchTerm.objects.filter(page_id=page.pk).delete()
    if page.live and is_searchable(page):
        SearchTerm.objects.bulk_create(_rows(page), batch_size=BATCH)


def search_unindex_page(*, page_id: int) -> None:
    SearchTerm.objects.filter(page_id=page_id).delete()


def _live_pages() -> Iterable[Page]:
    """Every live page to index, as its specific model, read model by model so that the
    relations its `search_fields` follow are joined (a provider) rather than read per page."""
    for base in searchable_models():
        for model in apps.get_models():
            if not issubclass(model, base):
                continue
            queryset = model.objects.live().filter(
                content_type=ContentType.objects.get_for_model(model)
            )
            for field in model.get_search_fields():
                if isinstance(field, index.RelatedFields):
                    queryset = field.select_on_queryset(queryset)
            yield from queryset.order_by("pk").iterator(chunk_size=500)


@transaction.atomic
def search_index_rebuild() -> int:
    """Index every live page of every searchable model; returns the number of pages."""
    SearchTerm.objects.all().delete()
    pages = 0
    batch: list[SearchTerm] = []
    for page in _live_pages():
        pages += 1
        batch.extend(_rows(page))
        if len(batch) >= BATCH:
            SearchTerm.objects.bulk_create(batch)
            batch = []
    SearchTerm.objects.bulk_create(batch)
    return pages
