"""The action plan as a PDF, drawn by WeasyPrint from an HTML template.

WeasyPrint needs Pango, a system library: on a machine without it (a newcomer's laptop,
say) the import fails, `available()` says so, and the result page offers its print
stylesheet instead of a broken link. The HTML it is given is ours; still, it may name
offers' pictures or links typed by editors, so nothing is fetched over the network or
from the disk while rendering: styles are inline, and only `data:` URLs load."""

from functools import cache


@cache
def available() -> bool:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):  # OSError: Pango is missing
        return False
    return True


def render(html: str) -> bytes:
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols=["data"], allow_redirects=False)
    return HTML(string=html, url_fetcher=fetcher).write_pdf()
