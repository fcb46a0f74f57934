"""The external links of an offer, as the link checker sees them: its website, the other
address fields of its kind, and the links in its presentation.

The presentation is read from its stored JSON, walked along the block definitions: URL
and embed blocks, and the `<a href>` of rich text. Reading the blocks' values instead
would load every page and document they choose, one query per offer. Internal links (a
page or a document of this site, chosen in the editor) are left out: they do not break
the way an address does, and the visibility rule already hides those that lead to an
unpublished page. So are `mailto:`, `tel:` and relative links."""

from collections.abc import Sequence
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

from django.db import models

from wagtail import blocks

from .choices import LinkSource
from .models.links import URL_MAX_LENGTH

CHECKED_SCHEMES = ("http", "https")


def offer_links(offer) -> dict[str, str]:
    """Each external address of the offer (a specific page: its kind's fields are read),
    with where it was first found (`LinkSource`), the website first."""
    found: dict[str, str] = {}

    def add(url, source):
        url = checkable_url(url)
        if url:
            found.setdefault(url, source)

    add(offer.website, LinkSource.WEBSITE)
    for field in offer._meta.get_fields():
        if isinstance(field, models.URLField) and field.name != "website":
            add(getattr(offer, field.name), LinkSource.FIELD)
    for url in stream_links(offer.body.stream_block, offer.body.raw_data):
        add(url, LinkSource.BODY)
    return found


def checkable_url(url) -> str:
    """The address to check, without its fragment (the server never sees it), or "" for
    what is not an absolute HTTP(S) address, or too long to be recorded."""
    url = urldefrag((url or "").strip()).url
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme.lower() not in CHECKED_SCHEMES or not parts.netloc:
        return ""
    if len(url.encode()) > URL_MAX_LENGTH:
        return ""
    return url


def stream_links(block, raw) -> list[str]:
    """The addresses in the raw (stored) value of a block, in order."""
    links: list[str] = []
    _walk(block, raw, links)
    return links


def _walk(block, raw, links: list[str]) -> None:
    if raw is None:
        return
    # An embed block is a URL block whose raw value is the address too.
    if isinstance(block, blocks.URLBlock):
        if isinstance(raw, str):
            links.append(raw)
    elif isinstance(block, blocks.RichTextBlock):
        if isinstance(raw, str):
            links.extend(rich_text_links(raw))
    elif isinstance(block, blocks.StructBlock):
        if isinstance(raw, dict):
            for name, child in block.child_blocks.items():
                _walk(child, raw.get(name), links)
    elif isinstance(block, blocks.ListBlock):
        for item in _items(raw):
            # Stored as {"type": "item", "value": …, "id": …} since Wagtail 2.16, as the
            # bare value before.
            value = item["value"] if block._item_is_in_block_format(item) else item
            _walk(block.child_block, value, links)
    elif isinstance(block, blocks.StreamBlock):
        for child in _items(raw):
            child_block = (
                block.child_blocks.get(child.get("type")) if isinstance(child, dict) else None
            )
            if child_block is not None:
                _walk(child_block, child.get("value"), links)


def _items(raw) -> Sequence:
    # A stream's raw data is a list-like view, not a list.
    return raw if isinstance(raw, Sequence) and not isinstance(raw, str) else ()


class _LinkParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        # Links to pages and documents are stored as `<a linktype="page" id="…">`, with no
        # href: only external links have one.
        if tag == "a":
            attributes = dict(attrs)
            if attributes.get("href") and "linktype" not in attributes:
                self.links.append(attributes["href"])


def rich_text_links(html: str) -> list[str]:
    """The external `href`s of stored rich text, entities decoded."""
    parser = _LinkParser()
    parser.feed(html)
    parser.close()
    return parser.links
