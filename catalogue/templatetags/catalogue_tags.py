import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from ..jsonld import offer_jsonld, organization

register = template.Library()

_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _script(data: dict) -> str:
    payload = json.dumps(data, ensure_ascii=False).translate(_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


@register.simple_tag(takes_context=True)
def offer_jsonld_script(context, page):
    return _script(offer_jsonld(page, context.get("request")))


@register.simple_tag(takes_context=True)
def organization_jsonld_script(context, actor):
    data = organization(actor)
    if not data:
        return ""
    return _script({"@context": "https://schema.org", **data})


@register.simple_tag
def jsonld_script(data):
    return _script(data)


@register.filter
def facet_count(facets, key_and_value):
    """`facets|facet_count:"kind:outil"` → the count for that value, or 0."""
    if not facets:
        return None
    key, _, value = key_and_value.partition(":")
    return dict(facets.get(key, [])).get(value, 0)
