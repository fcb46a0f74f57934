"""The `<head>` of a page: its title, description, canonical link and link preview tags
(`cms.seo` decides what they say)."""

from django import template

from cms import seo

register = template.Library()


@register.simple_tag(takes_context=True)
def page_meta(context, page) -> dict:
    """`{% page_meta page as meta %}`: what the page says about itself, for the head."""
    request = context.get("request")
    return {
        "title": seo.page_title(page),
        "heading": seo.page_heading(page),
        "description": seo.page_description(page),
        "canonical": seo.canonical_url(page, request),
        "image": seo.social_image(page, request),
        "site_name": seo.site_name(),
        "locale": seo.open_graph_locale(),
    }
