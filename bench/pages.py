"""Public HTML pages scenario: the home page, `/catalogue/`, an offer page and the sitemap,
served uncached (the page cache misses; the route, navigation and restrictions are
known), right after a publish (the content generation moved: route, navigation and site
read again), and from the server-side page cache, in process, with the ratio and the SQL
queries of each.

    python3 tasks.py bench --scenario pages [--offers 120] [--repeat 15]

The seeding and the timing are the offers scenario's (`bench/__main__.py`)."""

from django.conf import settings
from django.test import Client

from catalogue.models import OfferPage
from cms import content_version


def main(seed, measure, repeat: int) -> None:
    seed()
    client = Client()
    offer = OfferPage.objects.visible().order_by("path").first()

    def get(url, publish=False):
        def run():
            if publish:
                content_version.bump()  # as a publish does: every cache left behind
            response = client.get(url)
            assert response.status_code == 200, response.status_code
            return response

        return run

    pages = (
        ("/", "/"),
        ("/catalogue/", "/catalogue/"),
        ("page d'offre", offer.url),
        ("/sitemap.xml", "/sitemap.xml"),
    )
    for label, url in pages:
        settings.PAGE_CACHE_TIMEOUT = 0
        uncached, uncached_queries = measure(get(url), repeat)
        cold, cold_queries = measure(get(url, publish=True), repeat)
        settings.PAGE_CACHE_TIMEOUT = 3600
        assert get(url)()["X-Page-Cache"] in ("hit", "miss")
        cached, cached_queries = measure(get(url), repeat)
        assert get(url)()["X-Page-Cache"] == "hit"
        print(
            f"{label:<13}: non cachée {uncached:6.2f} ms, {uncached_queries} requêtes SQL ; "
            f"après publication {cold:6.2f} ms, {cold_queries} requêtes SQL ; "
            f"cache de pages {cached:6.3f} ms, {cached_queries} requêtes SQL ; "
            f"ratio {uncached / cached:.0f}x"
        )
