"""Benchmarks of the offers listing. Prints timings, their ratio to Wagtail's API v2
measured in the same run, and SQL query counts.

    python3 tasks.py bench [--offers 120] [--repeat 15] [--scenario offers|search|pages]
"""

import argparse
import json
import os
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.core.signals import request_started  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from wagtail.models import Page, Site  # noqa: E402

from home.models import HomePage  # noqa: E402

QUERY = """
query($perPage: Int) {
  offers(perPage: $perPage) {
    items {
      title url summary
      provider { name }
      themes { slug name }
      logo { rendition(fill: "160x160") { url } }
    }
  }
}
"""


def seed(count: int) -> None:
    from tests.factories.catalogue import (
        ActorFactory,
        CatalogueIndexPageFactory,
        ResourcePageFactory,
        ThemeFactory,
        ToolPageFactory,
    )
    from tests.factories.images import ImageFactory

    call_command("migrate", verbosity=0)
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Accueil", slug="accueil"))
    Site.objects.all().delete()
    Site.objects.create(hostname="testserver", root_page=home, is_default_site=True)
    catalogue = CatalogueIndexPageFactory(parent=home)
    themes = [ThemeFactory() for _ in range(3)]
    actors = [ActorFactory() for _ in range(5)]
    for n in range(count):
        logo = ImageFactory()
        logo.get_rendition("fill-160x160")
        factory = ToolPageFactory if n % 2 else ResourcePageFactory
        factory(parent=catalogue, provider=actors[n % 5], logo=logo, themes=themes[: 1 + n % 3])


def measure(fn, repeat: int) -> tuple[float, int]:
    fn()  # warm caches
    with CaptureQueriesContext(connection) as ctx:
        fn()
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings) * 1000, ctx.final_queries - ctx.initial_queries


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--offers", type=int, default=120)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--scenario", choices=("offers", "search", "pages"), default="offers")
    args = parser.parse_args()
    if args.scenario == "search":
        from bench.search import main as search

        search(args.repeat)
        return
    if args.scenario == "pages":
        from bench.pages import main as pages

        setup_test_environment()
        pages(lambda: seed(args.offers), measure, args.repeat)
        return

    setup_test_environment()
    # Django clears the query log when a request starts, which would hide the
    # queries of the request being measured.
    request_started.disconnect(reset_queries)
    seed(args.offers)
    client = Client()

    def graphql(per_page):
        def run():
            response = client.post(
                "/graphql/",
                json.dumps({"query": QUERY, "variables": {"perPage": per_page}}),
                content_type="application/json",
            )
            body = response.json()
            assert "errors" not in body, body
            assert len(body["data"]["offers"]["items"]) == per_page

        return run

    def api_v2():
        response = client.get(
            "/api/v2/pages/",
            {
                "type": "catalogue.OfferPage",
                "fields": "summary,provider,themes,logo_thumbnail",
                "limit": 100,
            },
        )
        assert response.status_code == 200, response.content[:300]
        assert len(response.json()["items"]) == 100

    ours_10, queries_10 = measure(graphql(10), args.repeat)
    ours_100, queries_100 = measure(graphql(100), args.repeat)
    peer_100, peer_queries = measure(api_v2, args.repeat)

    print(f"offers(perPage: 10)  : {ours_10:7.1f} ms, {queries_10} requêtes SQL")
    print(f"offers(perPage: 100) : {ours_100:7.1f} ms, {queries_100} requêtes SQL")
    print(f"API v2 (limit=100)   : {peer_100:7.1f} ms, {peer_queries} requêtes SQL")
    print(f"ratio API v2 / offers(100) : {peer_100 / ours_100:.1f}x  (base : {connection.vendor})")


if __name__ == "__main__":
    main()
