"""Rich text rendered through the visibility rule, on every surface.

Wagtail expands a rich text's internal links (`<a linktype="page" id=…>`) and embeds
when it renders them, for the HTML templates (`|richtext`) and for grapple's `RichText`
alike, and it links drafts and restricted pages and private documents all the same
(their address names them). These handlers replace Wagtail's: a link to something
the public may not see keeps its text and loses its address (`<a>`), and an image of a
private collection is left out. They are registered in `cms.wagtail_hooks`."""

from wagtail.documents import get_document_model
from wagtail.documents.rich_text import DocumentLinkHandler
from wagtail.images import get_image_model
from wagtail.images.rich_text import ImageEmbedHandler
from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler

from .visibility import visible, visible_media


def _by_id(attrs_list: list[dict], load) -> list:
    """The objects `load(ids)` returns ({id: object}), in the order of `attrs_list`."""
    # The stored id is text; a hand-edited one that is not a number matches nothing
    # rather than failing the whole rendering.
    ids = [int(a["id"]) if str(a.get("id", "")).isdigit() else None for a in attrs_list]
    found = load([pk for pk in ids if pk is not None])
    return [found.get(pk) for pk in ids]


class VisiblePageLinkHandler(PageLinkHandler):
    @classmethod
    def get_many(cls, attrs_list: list[dict]) -> list:
        return _by_id(
            attrs_list,
            lambda ids: {
                page.pk: page
                for page in visible(Page.objects.filter(pk__in=ids)).defer_streamfields().specific()
            },
        )


class VisibleDocumentLinkHandler(DocumentLinkHandler):
    @classmethod
    def get_many(cls, attrs_list: list[dict]) -> list:
        return _by_id(attrs_list, visible_media(get_document_model().objects.all()).in_bulk)


class VisibleImageEmbedHandler(ImageEmbedHandler):
    @classmethod
    def get_many(cls, attrs_list: list[dict]) -> list:
        return _by_id(attrs_list, visible_media(get_image_model().objects.all()).in_bulk)

    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        # Wagtail writes an empty `<img alt="">` for a missing image; nothing is cleaner.
        tags = super().expand_db_attributes_many(attrs_list)
        return ["" if tag == '<img alt="">' else tag for tag in tags]
