import html
import json
from decimal import Decimal
from urllib.parse import urlsplit

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.formats import date_format
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from cms.visibility import media_is_visible

from .. import jsonld

register = template.Library()

# The same escapes as Django's json_script: "</script>" or "<!--" inside a value cannot
# end the script element early.
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def jsonld_script(data: dict) -> str:
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


@register.simple_tag(takes_context=True)
def offer_jsonld(context, page) -> str:
    return jsonld_script(jsonld.offer_jsonld(page, context.get("request")))


@register.simple_tag(takes_context=True)
def nav_current(context, url) -> str:
    """aria-current for a navigation link: "page" on that page, "true" within its section."""
    request = context.get("request")
    if not url or request is None:
        return ""
    if request.path == url:
        return mark_safe(' aria-current="page"')
    if url != "/" and request.path.startswith(url):
        return mark_safe(' aria-current="true"')
    return ""


@register.simple_tag
def elided_page_range(page_obj):
    """Page numbers around the current one, with None for the gaps."""
    return [
        None if number == page_obj.paginator.ELLIPSIS else number
        for number in page_obj.paginator.get_elided_page_range(
            page_obj.number, on_each_side=2, on_ends=1
        )
    ]


@register.simple_tag
def active_filters(form) -> list[dict]:
    """The filters a valid listing form applies, each with the query string that removes
    it, so that a visitor sees and undoes a filter without finding its checkbox."""
    if not form.is_bound or not form.is_valid():
        return []
    applied = []
    for name, field in form.fields.items():
        if name == "order":  # sorts, filters nothing
            continue
        choices = {str(key): str(label) for key, label in getattr(field, "choices", [])}
        for value in form.data.getlist(name):
            if not value.strip():
                continue
            if name == "q":
                text = gettext("“%(text)s”") % {"text": value}
            elif name == "updated_since":
                text = date_format(form.cleaned_data[name], "j F Y")
            else:
                text = choices.get(value, value)
            query = form.data.copy()
            query.pop("page", None)
            query.setlist(name, [other for other in query.getlist(name) if other != value])
            label = gettext("%(label)s: %(value)s") % {"label": field.label, "value": text}
            applied.append({"label": label, "query": query.urlencode()})
    return applied


@register.filter
def public_media(media):
    """The image or document if the public may see it, else None (see `cms.visibility`)."""
    return media if media_is_visible(media) else None


@register.filter
def facet_count(facets, key_and_value):
    """`facets|facet_count:"kind:outil"` → the count for that value, 0 if absent, None
    when there are no facets."""
    if not facets:
        return None
    key, _, value = key_and_value.partition(":")
    return dict(facets.get(key, [])).get(value, 0)


@register.filter
def hours(value) -> str:
    """A duration in hours as the catalogue spells it; in French 1.5 → "1 h 30", 7 → "7 h"."""
    if value in (None, ""):
        return ""
    whole, minutes = divmod(round(Decimal(value) * 60), 60)
    if not whole:
        return gettext("%(minutes)s min") % {"minutes": minutes}
    if minutes:
        return gettext("%(hours)s h %(minutes)s") % {"hours": whole, "minutes": f"{minutes:02d}"}
    return gettext("%(hours)s h") % {"hours": whole}


@register.filter
def domain(url) -> str:
    """The host of a URL, for link text: "https://www.example.org/x" → "example.org"."""
    host = urlsplit(url or "").hostname or ""
    return host.removeprefix("www.")


@register.filter
def not_curated(offers, items):
    """The offers that are not among a collection's curated items."""
    curated = {item.offer_id for item in items}
    return [offer for offer in offers if offer.pk not in curated]


@register.filter
def plain_text(value) -> str:
    """Rich text as plain, unescaped text, for attributes and summaries: the template
    escapes it again, exactly once."""
    return html.unescape(strip_tags(str(value or "")))


@register.filter
def percent(share) -> str:
    """A share between 0 and 1 as a whole percentage, as French writes it: 0.825 → "83 %"."""
    if share in (None, ""):
        return ""
    return gettext("%(value)s %%") % {"value": round(float(share) * 100)}
