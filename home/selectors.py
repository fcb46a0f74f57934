"""Reads for the site-wide search, which spans the catalogue and the training offer."""

from django.db.models import QuerySet

from wagtail.models import Page

from catalogue.search import apply_search
from cms.visibility import visible


def site_search(text: str) -> QuerySet[Page]:
    """Visible offers and training modules matching `text`, best first. Only the models
    that take part in the site search are indexed, so no content-type filter is needed.
    Chain `.specific()` on the page that is shown."""
    return apply_search(visible(Page.objects.all()), text).order_by("-search_rank", "pk")
