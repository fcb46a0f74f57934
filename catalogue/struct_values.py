"""StructValue helpers: values derived from block data, shared by templates and GraphQL."""

from wagtail.blocks import StructValue
from wagtail.models import Page

from cms.visibility import is_visible, visible


class CallToActionValue(StructValue):
    @property
    def href(self) -> str | None:
        page = self.get("page")
        if page is not None:
            # A link to a draft or restricted page must not reveal it.
            return page.url if is_visible(page) else None
        return self.get("url") or None


class OfferLinksValue(StructValue):
    @property
    def live_offers(self) -> list:
        ids = [page.pk for page in self.get("offers") or [] if page is not None]
        if not ids:
            return []
        pages = visible(Page.objects.filter(pk__in=ids)).specific().in_bulk()
        return [pages[pk] for pk in ids if pk in pages]
