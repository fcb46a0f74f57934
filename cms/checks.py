"""System checks on SITE_URL, so that a wrong address fails `manage.py check` (run by CI and
before `runserver` and `migrate`) instead of producing wrong links."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.core.exceptions import ImproperlyConfigured
from django.http.request import split_domain_port, validate_host

from .site import site_address


@register()
def check_site_url(app_configs, **kwargs):
    try:
        site_address(settings.SITE_URL)
    except ImproperlyConfigured as exc:
        return [Error(str(exc), id="cms.E001")]
    return []


@register(Tags.security, deploy=True)
def check_site_url_deploy(app_configs, **kwargs):
    problems = []
    if not settings.SITE_URL.startswith("https://"):
        problems.append(Warning("SITE_URL should use https in production.", id="cms.W001"))
    host, _port = split_domain_port(settings.SITE_URL.split("://", 1)[-1])
    if host and not validate_host(host, settings.ALLOWED_HOSTS):
        problems.append(
            Warning(f"SITE_URL's host {host!r} is not in ALLOWED_HOSTS.", id="cms.W002")
        )
    return problems
