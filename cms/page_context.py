"""Template contexts of pages, registered from above the models.

A Wagtail page builds its template context in `get_context()`, on the model. Listing
pages need filters and selectors, which import the models: calling them from the model
made import circles. So a page asks this registry instead, and each app's `contexts`
module, imported when the app is ready, registers one function per page type."""

from collections.abc import Callable

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.utils.translation import gettext

_PROVIDERS: dict[type, list[Callable]] = {}


def provides_context(model: type):
    """Register `function(page, request) -> dict` for pages of `model` and its subclasses."""

    def register(function):
        _PROVIDERS.setdefault(model, []).append(function)
        return function

    return register


class RegisteredContextMixin:
    """Adds the registered contexts, the most general page type's first."""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        for cls in reversed(type(self).__mro__):
            for provider in _PROVIDERS.get(cls, ()):
                context.update(provider(self, request))
        return context


def results_page(request, queryset, per_page: int, paginator_class=Paginator):
    """The page of a listing that the query string asks for (a page that does not exist
    is a 404), and the query string without `page`, for the pagination links."""
    try:
        page_obj = paginator_class(queryset, per_page).page(request.GET.get("page", 1))
    except (PageNotAnInteger, EmptyPage) as exc:
        raise Http404(gettext("This page of results does not exist.")) from exc
    query = request.GET.copy()
    query.pop("page", None)
    return page_obj, query.urlencode()
