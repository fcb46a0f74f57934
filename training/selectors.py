"""Reusable reads of the training offer: live, public content only."""

from django.db.models import QuerySet
from django.utils.translation import gettext

from cms.visibility import visible_in_order

from .models import TrainingModulePage, TrainingPathPage, TrainingSession


def visible_modules() -> QuerySet[TrainingModulePage]:
    return TrainingModulePage.objects.visible()


def visible_paths() -> list[TrainingPathPage]:
    return list(TrainingPathPage.objects.visible().order_by("level", "title"))


def path_modules(path: TrainingPathPage) -> list[TrainingModulePage]:
    ids = list(path.path_modules.order_by("sort_order").values_list("module_id", flat=True))
    return visible_in_order(TrainingModulePage.objects, ids)


def upcoming_sessions(*, start=None, end=None) -> QuerySet[TrainingSession]:
    """Sessions not yet finished, of live and public modules, soonest first."""
    return TrainingSession.objects.upcoming(start=start, end=end)


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
        gettext("territory: give “en-ligne”, a department number (37) or a postcode (37000).")
    )
