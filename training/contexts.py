"""Template contexts of the training pages (see `cms.page_context`)."""

from django.db.models import QuerySet, prefetch_related_objects

from catalogue.selectors import load_offers, visible_offers
from cms.page_context import provides_context, results_page

from .filters import ModuleFilterSet
from .models import TrainingIndexPage, TrainingModulePage, TrainingPathPage
from .selectors import path_modules, upcoming_sessions, visible_paths

MODULES_PER_PAGE = 12


def module_listing(request) -> dict:
    """The filtered module listing, as the `trainingModules` field gives it."""
    filterset = ModuleFilterSet(request.GET or None).load_choices()
    if filterset.is_bound and not filterset.is_valid():
        return {"module_form": filterset.form, "modules_page": None, "modules": []}
    modules_page, querystring = results_page(request, filterset.qs, MODULES_PER_PAGE)
    return {
        "module_form": filterset.form,
        "modules_page": modules_page,
        # An item shows the module's own columns only: none of its relations.
        "modules": list(modules_page.object_list),
        "querystring": querystring,
    }


@provides_context(TrainingIndexPage)
def training_index(page, request) -> dict:
    return {
        "paths": visible_paths(),
        "sessions": upcoming_sessions()[:10],
        **module_listing(request),
    }


@provides_context(TrainingPathPage)
def training_path(page, request) -> dict:
    return {"modules": path_modules(page)}


@provides_context(TrainingModulePage)
def training_module(page, request) -> dict:
    # Read by the template and the JSON-LD alike: once each.
    prefetch_related_objects([page], "competences", "authors")
    # The offers are listed by title, summary and link: columns every kind shares, read
    # in one query rather than one per kind. A preview holds the editor's choice in memory.
    chosen = page.offers.all()
    ids = chosen.values("pk") if isinstance(chosen, QuerySet) else [offer.pk for offer in chosen]
    used_offers = visible_offers().filter(pk__in=ids).order_by("title", "pk")
    return {
        "sessions": list(upcoming_sessions().filter(module=page)),
        "used_offers": load_offers(used_offers, preloads=()),
    }
