"""Reusable reads of the training offer: live, public content only."""

from django.db.models import QuerySet
from django.utils import timezone

from catalogue.search import apply_search
from catalogue.selectors import visible_in_order

from .models import TrainingModulePage, TrainingPathPage, TrainingSession


def live_modules() -> QuerySet[TrainingModulePage]:
    return TrainingModulePage.objects.visible()


def live_paths() -> list[TrainingPathPage]:
    return list(TrainingPathPage.objects.visible().order_by("level", "title"))


def path_modules(path: TrainingPathPage) -> list[TrainingModulePage]:
    ids = list(path.path_modules.order_by("sort_order").values_list("module_id", flat=True))
    return visible_in_order(TrainingModulePage.objects, ids)


def upcoming_sessions(*, start=None, end=None) -> QuerySet[TrainingSession]:
    """Sessions not yet finished, of live and public modules, soonest first."""
    qs = TrainingSession.objects.filter(
        module__in=live_modules().values("pk"), end__gte=start or timezone.now()
    )
    if end is not None:
        qs = qs.filter(start__lte=end)
    return qs.select_related("module", "trainer").order_by("start", "pk")


def filter_modules(
    *, levels=(), themes=(), audiences=(), offer: int | None = None, search: str = ""
) -> QuerySet[TrainingModulePage]:
    """Live, public modules matching every given filter (values within one filter are ORed)."""
    from catalogue.selectors import theme_ids_with_children

    qs = live_modules()
    if levels:
        qs = qs.filter(level__in=list(levels))
    if themes:
        qs = qs.filter(themes__in=theme_ids_with_children(themes))
    if audiences:
        qs = qs.filter(audiences__slug__in=list(audiences))
    if offer is not None:
        qs = qs.filter(offers=offer)
    if themes or audiences:
        qs = qs.distinct()
    if search:
        qs = apply_search(qs, search)
    return qs.order_by("level", "title", "pk")


def load_modules(pages) -> list[TrainingModulePage]:
    """Modules with their taxonomies and authors in a constant number of queries."""
    from django.db.models import prefetch_related_objects

    modules = list(pages)
    prefetch_related_objects(modules, "audiences", "themes", "competences__domain", "authors")
    return modules


def filter_sessions_by_territory(qs: QuerySet[TrainingSession], territory: str) -> QuerySet:
    """`en-ligne`, a department number (37) or a postcode (37000); ValueError otherwise."""
    value = territory.strip().lower()
    if value == "en-ligne":
        return qs.filter(online=True)
    if value.isdigit() and len(value) == 5:
        return qs.filter(postcode=value)
    if (value.isdigit() and len(value) in (2, 3)) or value in ("2a", "2b"):
        # Corsica's departments share the 20 postcodes; overseas ones have three digits.
        return qs.filter(postcode__startswith="20" if value in ("2a", "2b") else value)
    raise ValueError(
        "territory : indiquez « en-ligne », un numéro de département (37) ou un code postal (37000)."
    )
