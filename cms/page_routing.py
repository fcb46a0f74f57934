"""Wagtail's page routing, remembered per content generation.

To serve `/catalogue/framadate/`, Wagtail finds the site (one query), loads the site's root
page, then for each path segment the child page and its specific type: two queries a level,
seven for an offer, before the page does any work. The outcome only changes with the
content (a page published, moved, renamed or deleted; a site changed), which moves the
content generation; so the site and the resolved page's id and type are kept in the shared
cache under the generation, and a request loads the one specific page it serves.

Wagtail reads both from the request when present (`request._wagtail_site`,
`request._wagtail_route_for_request`, documented on `Site.find_for_request` and
`Page.route_for_request`); this middleware only fills them in. A page model with its own
`route()` (such as `RoutablePageMixin`) may answer differently for the same path, so when
any page model overrides it, routes are left to Wagtail."""

from functools import cache as memoize

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache

from wagtail import views as wagtail_views
from wagtail.models import Page, Site, get_page_models
from wagtail.url_routing import RouteResult

from . import content_version

TIMEOUT = 24 * 3600  # old generations' entries are never read again


@memoize
def _routes_are_plain() -> bool:
    return all(model.route is Page.route for model in get_page_models())


def _site(request) -> Site | None:
    key = f"route-site:{content_version.current()}:{request.get_host()}:{request.get_port()}"
    site = cache.get(key)
    if site is None:
        site = Site.find_for_request(request)
        if site is not None:
            cache.set(key, site, TIMEOUT)
    return site


def _route(request, site: Site, path: str) -> RouteResult | None:
    key = f"route-page:{content_version.current()}:{site.pk}:{path}"
    found = cache.get(key)
    if found is not None:
        page_id, content_type_id = found
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        page = model.objects.filter(pk=page_id, live=True).first()
        return RouteResult(page) if page is not None else None
    result = Page.route_for_request(request, path)
    if result is not None:
        page, args, kwargs = result
        if not args and not kwargs:
            cache.set(key, (page.pk, page.content_type_id), TIMEOUT)
    return result


class CachedRouteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        request._wagtail_site = _site(request)
        if view_func is not wagtail_views.serve or request._wagtail_site is None:
            return None
        if _routes_are_plain():
            path = view_kwargs.get("path", view_args[0] if view_args else "")
            request._wagtail_route_for_request = _route(request, request._wagtail_site, path)
        return None
