"""System checks on SITE_URL, so that a wrong address fails `manage.py check` (run by CI and
before `runserver` and `migrate`) instead of producing wrong links; and on the cache, which
several server processes must share."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.core.exceptions import ImproperlyConfigured
from django.http.request import split_domain_port, validate_host

from .site import site_address

LOCMEM_CACHE = "django.core.cache.backends.locmem.LocMemCache"


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


@register(Tags.caches, deploy=True)
def check_shared_cache(app_configs, **kwargs):
    """Rate limits, persisted queries, the content generation and the scheduler's claims
    live in the cache: a cache of one process gives each gunicorn worker its own limits,
    its own queries and its own idea of what is published."""
    if settings.CACHES["default"]["BACKEND"] == LOCMEM_CACHE:
        return [
            Warning(
                "CACHES uses the local-memory cache, which each process keeps for itself.",
                hint="Set CACHE_URL to a Redis server shared by every process (redis://…).",
                id="cms.W050",
            )
        ]
    return []
