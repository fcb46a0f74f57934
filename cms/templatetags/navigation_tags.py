"""The site's navigation links, from one cached query.

The header and footer link to a handful of pages by slug. Wagtail's `{% slugurl %}` costs
one query per link on every page; here all the links of a page come from one query, kept in
the shared cache under the content generation (a page published, unpublished, moved or
renamed moves it), so most requests make none. Only visible pages get a link."""

from django import template

from wagtail.models import Page, Site

from cms import content_version
from cms.page_routing import known_breadcrumbs
from cms.visibility import visible

register = template.Library()


def _urls_by_slug(request, site: Site, slugs: list[str]) -> dict[str, str]:
    def read():
        pages = visible(Page.objects.descendant_of(site.root_page, inclusive=True))
        # The first page in tree order wins when a slug repeats, as with `{% slugurl %}`.
        return {
            page.slug: page.get_url(request)
            for page in pages.filter(slug__in=slugs).order_by("-path")
        }

    return content_version.remember(f"navigation:{site.pk}:{','.join(sorted(slugs))}", read)


@register.simple_tag(takes_context=True)
def breadcrumbs(context, page) -> list[tuple[int, str, str]]:
    """The (depth, title, URL) of each ancestor of `page` below the tree's root, from the shared
    cache: a title or a move changes them, and moves the content generation with it. The
    page a request was routed to brings them with its route (`cms.page_routing`)."""
    known = known_breadcrumbs(context.get("request"), page)
    if known is not None:
        return list(known)

    def read():
        return [
            (ancestor.depth, ancestor.title, ancestor.get_url(context.get("request")))
            for ancestor in page.get_ancestors().filter(depth__gt=1)
        ]

    return content_version.remember(f"breadcrumbs:{page.pk}", read)


@register.simple_tag(takes_context=True)
def page_links(context, **slugs: str) -> dict[str, str]:
    """`{% page_links catalogue="catalogue" about="a-propos" as nav %}`, then
    `{{ nav.catalogue }}`: the URL of each visible page with that slug, or nothing."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return {}
    urls = _urls_by_slug(request, site, list(slugs.values()))
    return {name: urls[slug] for name, slug in slugs.items() if slug in urls}
