"""`/robots.txt`: what crawlers may read, and where the sitemap is.

Only paths that are private for everyone are listed (the admin, the API with its partner
previews, Wagtail's password forms) and the site search, whose results are endless
variations of the catalogue. A private page is never named here: the file is public, and
the page's own view restriction already keeps crawlers out."""

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse

DISALLOWED = ("/admin/", "/graphql", "/_util/", "/recherche/")


def robots_txt(request):
    context = {
        "disallowed": DISALLOWED,
        # Absolute, as the protocol requires, and from SITE_URL like every other link.
        "sitemap_url": settings.SITE_URL + reverse("sitemap"),
    }
    return render(request, "robots.txt", context, content_type="text/plain; charset=utf-8")
