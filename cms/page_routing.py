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

from wagtail import views as wagtail_views
from wagtail.models import Page, Site, get_page_models
from wagtail.url_routing import RouteResult

from . import content_version


@memoize
def _routes_are_plain() -> bool:
    return all(model.route is Page.route for model in get_page_models())


def _site(request) -> Site | None:
    return content_version.remember(
        f"route-site:{request.get_host()}:{request.get_port()}",
        lambda: Site.find_for_request(request),
    )


def _route(request, site: Site, path: str) -> RouteResult | None:
    def resolve():
        result = Page.route_for_request(request, path)
        if result is None or result[1] or result[2]:
            return None  # a 404, or a page that takes arguments: left to Wagtail
        return (result[0].pk, result[0].content_type_id)

    found = content_version.remember(f"route-page:{site.pk}:{path}", resolve)
    if found is None or hasattr(request, "_wagtail_route_for_request"):
        return Page.route_for_request(request, path)  # left to Wagtail, or resolved just now
    page_id, content_type_id = found
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    page = model.objects.filter(pk=page_id, live=True).first()
    return RouteResult(page) if page is not None else None


class CachedRouteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # A view that names no site (the API builds its links from SITE_URL) is spared the
        # cache round trips: an answer served from the response cache then costs one.
        if not getattr(getattr(view_func, "view_class", None), "uses_wagtail_site", True):
            return None
        request._wagtail_site = _site(request)
        if view_func is not wagtail_views.serve or request._wagtail_site is None:
            return None
        if _routes_are_plain():
            path = view_kwargs.get("path", view_args[0] if view_args else "")
            request._wagtail_route_for_request = _route(request, request._wagtail_site, path)
        return None
