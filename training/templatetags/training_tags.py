from django import template

from catalogue.templatetags.catalogue_tags import jsonld_script

from ..jsonld import module_jsonld

register = template.Library()


@register.simple_tag(takes_context=True)
def module_jsonld_script(context, module, sessions):
    return jsonld_script(module_jsonld(module, sessions, context.get("request")))
