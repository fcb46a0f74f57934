"""Template contexts of pages, registered from above the models.

A Wagtail page builds its template context in `get_context()`, on the model. Listing
pages need filters and selectors, which import the models: calling them from the model
made import circles. So a page asks this registry instead, and each app's `contexts`
module, imported when the app is ready, registers one function per page type."""

from collections.abc import Callable

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
