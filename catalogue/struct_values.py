"""StructValue helpers: values derived from block data, shared by templates and GraphQL."""

from wagtail.blocks import StructValue


def _is_visible(page) -> bool:
    return page is not None and page.live and not page.get_view_restrictions().exists()


class CallToActionValue(StructValue):
    @property
    def href(self) -> str | None:
        page = self.get("page")
        if page is not None:
            # A link to a draft or restricted page must not reveal it.
            return page.url if _is_visible(page) else None
        return self.get("url") or None


class OfferLinksValue(StructValue):
    @property
    def live_offers(self) -> list:
        from wagtail.models import Page

        ids = [page.pk for page in self.get("offers") or [] if page is not None]
        if not ids:
            return []
        visible = Page.objects.filter(pk__in=ids).live().public().specific().in_bulk()
        return [visible[pk] for pk in ids if pk in visible]
