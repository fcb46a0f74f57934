"""What a page tells visitors' tabs, search engines and link previews about itself: its
title, description, canonical address and picture. Knows pages, not apps: a page model
says which picture represents it through a `social_image` attribute.

Absolute addresses come from the page's `full_url`, which the Wagtail Site builds from
SITE_URL (`cms.site`), so that the canonical link, Open Graph and JSON-LD agree with the
sitemap and the API."""

import html
from urllib.parse import urljoin

from django.conf import settings
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import get_language, gettext, to_locale

from .visibility import media_is_visible

# Large enough for link previews (Open Graph asks for 200 px at least), never cropped:
# pictures are mostly logos, which a fixed ratio would cut.
SOCIAL_IMAGE_FILTER = "max-1200x1200"
# Fields that describe a page, in order of preference, as the project's models name them.
DESCRIPTION_FIELDS = ("search_description", "summary", "intro")
DESCRIPTION_LENGTH = 300
# Open Graph wants a language and a territory; the site speaks the French of France.
OPEN_GRAPH_LOCALES = {"fr": "fr_FR", "en": "en_GB"}


def site_name() -> str:
    return settings.WAGTAIL_SITE_NAME


def open_graph_locale() -> str:
    language = get_language() or settings.LANGUAGE_CODE
    return OPEN_GRAPH_LOCALES.get(language.split("-")[0], to_locale(language))


def page_heading(page) -> str:
    """The page's name for search results and link previews: Wagtail's `seo_title` when
    the editor set one, else its title."""
    return (page.seo_title or page.title).strip()


def page_title(page) -> str:
    """The `<title>`: the page's name, then the site's, said once. The home page, named
    like the site, gets the site's tagline instead."""
    name, heading = site_name(), page_heading(page)
    if heading == name:
        return f"{name} — {gettext('digital tools for associations')}"
    if name in heading:
        return heading
    return f"{heading} — {name}"


def page_description(page) -> str:
    """The page's search description, else its summary or introduction, as plain text."""
    for field in DESCRIPTION_FIELDS:
        text = html.unescape(strip_tags(str(getattr(page, field, "") or "")))
        if text := " ".join(text.split()):
            return Truncator(text).chars(DESCRIPTION_LENGTH)
    return ""


def canonical_url(page, request=None) -> str | None:
    """The page's one address, without the query string: filtered or paginated views of a
    listing are the same page to a search engine. None for a page outside any Site."""
    return page.get_full_url(request=request)


def social_image(page, request=None):
    """The rendition that represents the page in link previews and JSON-LD, with its
    absolute `url`, or None. Only a picture the public may see: one in a private
    collection would hand out its address."""
    image = getattr(page, "social_image", None)
    base = canonical_url(page, request)
    if not base or not media_is_visible(image):
        return None
    rendition = image.get_rendition(SOCIAL_IMAGE_FILTER)
    return {
        "url": urljoin(base, rendition.url),
        "width": rendition.width,
        "height": rendition.height,
    }
