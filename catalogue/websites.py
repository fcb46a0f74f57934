"""Comparing websites as people type them."""

from urllib.parse import urlsplit


def normalised_website(url: str) -> str:
    """The part of an address that names the site: `https://www.Framaforms.org/` and
    `framaforms.org` are the same offer. Scheme, `www.`, case, the query string and
    trailing slashes are dropped."""
    url = (url or "").strip().lower()
    if not url:
        return ""
    parts = urlsplit(url if "//" in url else f"//{url}")
    host = parts.hostname or ""
    host = host.removeprefix("www.")
    return f"{host}{parts.path}".rstrip("/")
