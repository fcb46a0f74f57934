"""The site's navigation links, from one cached query.

The header and footer link to a handful of pages by slug. Wagtail's `{% slugurl %}` costs
one query per link on every page; here all the links of a page come from one query, kept in
the shared cache under the content generation (a page published, unpublished, moved or
renamed moves it), so most requests make none. Only visible pages get a link."""

from django import template
from django.core.cache import cache

from wagtail.models import Page, Site

from cms import content_version
from cms.visibility import visible

register = template.Library()

TIMEOUT = 24 * 3600  # old generations' entries are never read again


def _urls_by_slug(request, site: Site, slugs: list[str]) -> dict[str, str]:
    key = f"navigation:{content_version.current()}:{site.pk}:{','.join(sorted(slugs))}"
    urls = cache.get(key)
    if urls is None:
        urls = {}
        pages = visible(Page.objects.descendant_of(site.root_page, inclusive=True))
        # The shallowest page wins when a slug repeats, as with `{% slugurl %}`.
        for page in pages.filter(slug__in=slugs).order_by("-path"):
            urls[page.slug] = page.get_url(request)
        cache.set(key, urls, TIMEOUT)
    return urls


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
