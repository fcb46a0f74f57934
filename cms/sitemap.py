"""`/sitemap.xml`: every visible page of the site, with links built from its Site.

Wagtail's own sitemap spells "live and public" itself; this one reads the project's single
visibility rule, so that the sitemap follows it if the rule grows.

An entry needs a page's `url_path` and dates, which every page row holds: unless a page
model says more about itself (its own `get_sitemap_urls()`), the pages are read as plain
rows, without Wagtail's `.specific()` and its query per page type."""

from functools import cache as memoize

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page, get_page_models

from .visibility import visible


@memoize
def _entries_are_plain() -> bool:
    return all(model.get_sitemap_urls is Page.get_sitemap_urls for model in get_page_models())


class VisibleSitemap(Sitemap):
    def items(self):
        root = self.get_wagtail_site().root_page
        pages = visible(root.get_descendants(inclusive=True)).order_by("path")
        if _entries_are_plain():
            return pages.only(
                "id", "path", "depth", "url_path", "last_published_at", "latest_revision_created_at"
            )
        return pages.defer_streamfields().specific()
