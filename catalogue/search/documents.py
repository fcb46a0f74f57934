"""What a page contributes to the site search, read from its Wagtail `search_fields`.

A page model takes part by setting `site_search = True` next to its `search_fields`; the
index finds such models through the app registry, so that `training` (above `catalogue`)
takes part without `catalogue` importing it. Each `SearchField`'s `boost` gives its
weight; the title always weighs most, then boosted fields (the summary), then the rest."""

from collections import Counter
from collections.abc import Iterable

from django.apps import apps
from django.db.models import Manager

from wagtail.models import Page
from wagtail.search import index

from .text import terms

TITLE_WEIGHT = 4
# A term's weight is its best field's weight times this, plus how often it occurs
# (capped), so that a field always outranks any repetition in a lighter one.
FIELD_SCALE = 10
MAX_OCCURRENCES = FIELD_SCALE - 1


def searchable_models() -> list[type[Page]]:
    """Concrete page models that declare `site_search = True`, most general first."""
    models = [
        model
        for model in apps.get_models()
        if issubclass(model, Page) and getattr(model, "site_search", False)
    ]
    # A kind inherits the flag from its base (ToolPage from OfferPage): index the base once.
    return [
        model
        for model in models
        if not any(other is not model and issubclass(model, other) for other in models)
    ]


def _field_weight(field: index.SearchField) -> int:
    if field.field_name == "title":
        return TITLE_WEIGHT
    return max(1, round(getattr(field, "boost", None) or 1))


def _texts(obj, field: index.SearchField) -> list[str]:
    # Wagtail's own reading of the field: StreamFields and rich text give their text.
    value = field.get_value(obj)
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [str(text) for text in value if text]
    return [str(value)]


def _weighted_texts(obj, search_fields, weight: int | None = None) -> Iterable[tuple[int, str]]:
    for field in search_fields:
        if isinstance(field, index.RelatedFields):
            related = getattr(obj, field.field_name, None)
            if related is None:
                continue
            objects = related.all() if isinstance(related, Manager) else [related]
            for item in objects:
                yield from _weighted_texts(item, field.fields, weight=1)
        elif isinstance(field, index.SearchField):
            field_weight = weight or _field_weight(field)
            for text in _texts(obj, field):
                yield field_weight, text


def page_terms(page: Page) -> dict[str, int]:
    """The page's terms with their weights, for its specific model's `search_fields`."""
    best: dict[str, int] = {}
    counts: Counter[str] = Counter()
    for weight, text in _weighted_texts(page, type(page).get_search_fields()):
        for term in terms(text):
            counts[term] += 1
            best[term] = max(best.get(term, 0), weight)
    return {term: best[term] * FIELD_SCALE + min(counts[term], MAX_OCCURRENCES) for term in best}
