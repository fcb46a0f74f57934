"""Rich text rendered through the visibility rule, on every surface.

Wagtail expands a rich text's internal links (`<a linktype="page" id=…>`) and embeds
when it renders them, for the HTML templates (`|richtext`) and for grapple's `RichText`
alike, and it links drafts and restricted pages and private documents all the same
(their address names them). These handlers replace Wagtail's: a link to something
the public may not see keeps its text and loses its address (`<a>`), and an image of a
private collection is left out. They are registered in `cms.wagtail_hooks`.

Each handler reads its objects with `load(ids)`, which applies the visibility rule in
one query; `expand()` lets a caller that has already loaded them (the API, for a whole
list at once) supply its own `load`."""

from collections.abc import Callable

from wagtail.documents import get_document_model
from wagtail.documents.rich_text import DocumentLinkHandler
from wagtail.images import get_image_model
from wagtail.images.rich_text import ImageEmbedHandler
from wagtail.models import Page
from wagtail.rich_text import EmbedHandler, features
from wagtail.rich_text.pages import PageLinkHandler
from wagtail.rich_text.rewriters import EmbedRewriter, LinkRewriter, MultiRuleRewriter

from .visibility import visible, visible_media

# ids -> {id: visible object}
Load = Callable[[list[int]], dict]


def _id(attrs: dict) -> int | None:
    # The stored id is text; a hand-edited one that is not a number matches nothing
    # rather than failing the whole rendering.
    value = str(attrs.get("id", ""))
    return int(value) if value.isdigit() else None


class _VisibleObjects:
    @staticmethod
    def load(ids: list[int]) -> dict:
        raise NotImplementedError

    @classmethod
    def get_many(cls, attrs_list: list[dict]) -> list:
        ids = [_id(attrs) for attrs in attrs_list]
        found = cls.load([pk for pk in ids if pk is not None])
        return [found.get(pk) for pk in ids]


class VisiblePageLinkHandler(_VisibleObjects, PageLinkHandler):
    @staticmethod
    def load(ids: list[int]) -> dict:
        pages = visible(Page.objects.filter(pk__in=ids)).defer_streamfields().specific()
        return {page.pk: page for page in pages}


class VisibleDocumentLinkHandler(_VisibleObjects, DocumentLinkHandler):
    @staticmethod
    def load(ids: list[int]) -> dict:
        return visible_media(get_document_model().objects.all()).in_bulk(ids)


class VisibleImageEmbedHandler(_VisibleObjects, ImageEmbedHandler):
    @staticmethod
    def load(ids: list[int]) -> dict:
        return visible_media(get_image_model().objects.all()).in_bulk(ids)

    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        # Wagtail writes an empty `<img alt="">` for a missing image; nothing is cleaner.
        tags = super().expand_db_attributes_many(attrs_list)
        return ["" if tag == '<img alt="">' else tag for tag in tags]


HANDLERS = (VisiblePageLinkHandler, VisibleDocumentLinkHandler, VisibleImageEmbedHandler)


def linked_ids(html: str) -> dict[type, set[int]]:
    """The ids each handler of `HANDLERS` would load to expand `html`."""
    tags = {**LinkRewriter().extract_tags(html), **EmbedRewriter().extract_tags(html)}
    return {
        handler: {pk for match in tags.get(handler.identifier, []) if (pk := _id(match.attrs))}
        for handler in HANDLERS
    }


def expand(html: str, load: dict[type, Load]) -> str:
    """`html` expanded as the templates expand it, each handler of `HANDLERS` reading its
    objects through `load[handler]` instead of its own query."""
    links = {name: h.expand_db_attributes_many for name, h in features.get_link_types().items()}
    embeds = {name: h.expand_db_attributes_many for name, h in features.get_embed_types().items()}
    for handler in HANDLERS:
        supplied = type(handler.__name__, (handler,), {"load": staticmethod(load[handler])})
        rules = embeds if issubclass(handler, EmbedHandler) else links
        rules[handler.identifier] = supplied.expand_db_attributes_many
    return MultiRuleRewriter([LinkRewriter(bulk_rules=links), EmbedRewriter(bulk_rules=embeds)])(
        html
    )
