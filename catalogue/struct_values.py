"""StructValue helpers: values derived from block data, shared by templates and GraphQL."""

from wagtail.blocks import StructValue
from wagtail.models import Page

from cms.visibility import is_visible, visible_in_order


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
        return visible_in_order(Page.objects.specific(), ids) if ids else []
