"""`/sitemap.xml`: every visible page of the site, with links built from its Site.

Wagtail's own sitemap spells "live and public" itself; this one reads the project's single
visibility rule, so that the sitemap follows it if the rule grows."""

from wagtail.contrib.sitemaps import Sitemap

from .visibility import visible


class VisibleSitemap(Sitemap):
    def items(self):
        root = self.get_wagtail_site().root_page
        return (
            visible(root.get_descendants(inclusive=True))
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
