"""Wagtail's page routing, remembered per content generation.

To serve `/catalogue/framadate/`, Wagtail finds the site (one query), loads the site's root
page, then for each path segment the child page and its specific type: two queries a level,
seven for an offer, before the page does any work. The outcome only changes with the
content (a page published, moved, renamed or deleted; a site changed), which moves the
content generation; so the site and the resolved page's id and type are kept in the shared
cache under the generation, and a request loads the one specific page it serves.

The first request after a change finds the page in one query rather than by walking the
tree: a page's `url_path` is its parent's plus its slug, which Wagtail keeps up to date on
every rename and move, so the page and all its ancestors are the rows whose `url_path` is
a prefix of the one asked for. The ancestors are the breadcrumbs (`{% breadcrumbs %}`),
kept with the route. Where the rows do not make one chain (a tree whose `url_path`s were
written by hand), Wagtail walks the tree as usual.

Wagtail reads both from the request when present (`request._wagtail_site`,
`request._wagtail_route_for_request`, documented on `Site.find_for_request` and
`Page.route_for_request`); this middleware only fills them in. A page model with its own
`route()` may answer differently for the same path, so when any page model overrides it,
routes are left to Wagtail; so they are when Wagtail's internationalisation picks the root
page by language. Wagtail's `RoutablePageMixin` is the one override known here: the page's
own address is served by its index route, and any longer path below it (its sub-routes, or
a child a route may shadow) is left to Wagtail.

A page model may list, in `route_select_related`, the foreign keys its page always shows:
the page is then loaded with them, in the same query."""

from dataclasses import dataclass
from functools import cache as memoize

from django.conf import settings
from django.contrib.contenttypes.models import ContentType

from wagtail import views as wagtail_views
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, Site, get_page_models
from wagtail.url_routing import RouteResult

from . import content_version

# The columns a route needs: the chain's shape, and a link and a title for each ancestor.
CHAIN_FIELDS = ("id", "path", "depth", "url_path", "slug", "title", "live", "content_type_id")

Breadcrumbs = tuple[tuple[int, str, str], ...]


@dataclass(frozen=True)
class Route:
    page_id: int
    content_type_id: int
    # (depth, title, URL) of each ancestor below the tree's root, top first.
    breadcrumbs: Breadcrumbs


@memoize
def _routes_are_plain() -> bool:
    return not getattr(settings, "WAGTAIL_I18N_ENABLED", False) and all(
        model.route in (Page.route, RoutablePageMixin.route) for model in get_page_models()
    )


def _has_own_routes(content_type_id: int) -> bool:
    # ContentType's manager keeps what it has read: no query after the first.
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    return model is not None and model.route is not Page.route


def _site(request) -> Site | None:
    # Kept until a Site or the tree's shape changes, not for one generation: a publish
    # leaves both alone. The root page it carries may then be stale in its title or its
    # `live`, which routing reads only to route the root itself, and checks again below.
    return content_version.remember(
        f"route-site:{request.get_host()}:{request.get_port()}",
        lambda: Site.find_for_request(request),
        depends_on=(Site, content_version.PAGE_TREE),
    )


def _breadcrumbs(request, ancestors) -> Breadcrumbs:
    return tuple(
        (ancestor.depth, ancestor.title, ancestor.get_url(request))
        for ancestor in ancestors
        if ancestor.depth > 1
    )


def _resolve(request, site: Site, segments: list[str]) -> Route | None:
    """The live page at `segments` below the site's root, with its ancestors, in one
    query; None for a 404 or anything the rows do not say plainly (Wagtail decides)."""
    root = site.root_page
    if not segments and root.depth <= 2:
        # The root itself, loaded with the site; nothing above it but the tree's root.
        return Route(root.pk, root.content_type_id, ()) if root.live else None
    url_path = root.url_path + "".join(f"{segment}/" for segment in segments)
    parts = url_path.strip("/").split("/")
    prefixes = ["/" + "".join(f"{part}/" for part in parts[:n]) for n in range(1, len(parts) + 1)]
    # By slug first: its index narrows the rows before `url_path`, which has none.
    rows = Page.objects.filter(slug__in=set(parts), url_path__in=prefixes).only(*CHAIN_FIELDS)
    by_url_path = {}
    for row in rows:
        if row.url_path in by_url_path:
            return None  # two pages claim one address
        by_url_path[row.url_path] = row
    chain = [by_url_path.get(prefix) for prefix in prefixes]
    page = chain[-1]
    if None in chain or not page.live or not page.path.startswith(root.path):
        return None
    if any(not page.path.startswith(ancestor.path) for ancestor in chain):
        return None
    if any(_has_own_routes(ancestor.content_type_id) for ancestor in chain[:-1]):
        return None  # its routes may claim the rest of the path: Wagtail decides
    return Route(page.pk, page.content_type_id, _breadcrumbs(request, chain[:-1]))


def _route(request, site: Site, path: str) -> RouteResult | None:
    segments = [segment for segment in path.split("/") if segment]
    route = content_version.remember(
        f"route:{site.pk}:{'/'.join(segments)}", lambda: _resolve(request, site, segments)
    )
    if route is None:
        return Page.route_for_request(request, path)  # a 404, or left to Wagtail
    model = ContentType.objects.get_for_id(route.content_type_id).model_class()
    pages = model.objects.filter(pk=route.page_id, live=True)
    if related := getattr(model, "route_select_related", ()):
        pages = pages.select_related(*related)
    page = pages.first()
    if page is None:
        return None
    request._route_breadcrumbs = (page.pk, route.breadcrumbs)
    if model.route is not Page.route:
        return page.route(request, [])  # its index route
    return RouteResult(page)


def known_breadcrumbs(request, page) -> Breadcrumbs | None:
    """The breadcrumbs of `page` if the request was routed to it here, else None."""
    known = getattr(request, "_route_breadcrumbs", None)
    if known is not None and page is not None and known[0] == page.pk:
        return known[1]
    return None


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
