"""The Wagtail Site, pointed at SITE_URL.

Wagtail builds every absolute page link (`full_url`, the sitemap, the e-mails' "view the page")
from the Site's hostname and port, not from the request. Keeping the default Site in step with
SITE_URL therefore makes all of them follow the environment without touching their call sites."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from wagtail.models import Site

DEFAULT_PORTS = {"http": 80, "https": 443}


def site_address(url: str) -> tuple[str, int]:
    """The (hostname, port) a Wagtail Site needs to produce links starting with `url`.

    Wagtail writes port 443 as https and every other port as http, and keeps no path:
    an address it cannot reproduce is refused rather than silently changed."""
    parts = urlsplit(url)
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        raise ImproperlyConfigured(f"SITE_URL must be an http(s) address, got {url!r}.")
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise ImproperlyConfigured(f"SITE_URL must have no path, got {url!r}.")
    port = parts.port or DEFAULT_PORTS[parts.scheme]
    if (parts.scheme == "https") != (port == 443):
        raise ImproperlyConfigured(
            f"SITE_URL {url!r}: Wagtail links use https on port 443 only, and http elsewhere."
        )
    return parts.hostname, port


def site_sync(*, site_url: str | None = None) -> bool:
    """Point the default Site at SITE_URL. Returns whether it changed.

    Without a default Site there is nothing to point: the Site also needs a root page, which
    the demo or an editor creates."""
    hostname, port = site_address(site_url or settings.SITE_URL)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None or (site.hostname, site.port) == (hostname, port):
        return False
    site.hostname, site.port = hostname, port
    site.save(update_fields=["hostname", "port"])
    return True
