"""Benchmarks of the offers listing, on a seeded catalogue (1,000 offers by default).

    python3 tasks.py bench [--offers 1000] [--repeat 15] \
        [--scenario offers|search|pages|attack|load]

`offers` (the default) prints, for each request, the median time and the SQL queries of
one run, and the ratio of each peer's time to ours, all measured in this process, in the
same run, on the same data:

- `offers(perPage: 100)` with provider, themes and logo rendition, against Wagtail's
  API v2 (`/api/v2/pages/`, limit 100);
- `offers(perPage: 10)`, the same fields, against API v2 (limit 10) and stock grapple
  (grapple's own `pages` root and per-item resolvers, see `bench/urls.py`);
- the same `offers(perPage: 100)` as a GET, asked once then again: what a response cache
  saves (about 1x while there is none).

The requests are timed in turns (ours, then each peer, `--repeat` times), so that load
from other processes on the machine weighs on all of them alike; run it on a quiet
machine all the same. `search`, `pages`, `attack` and `load` are described in their
modules (`bench/search.py`…); `load` takes `--seconds`, `--only`, `--max-errors` and
`--allow-errors` too, and exits with status 1 when the service stopped answering during
a run (see `bench/load.py`). Every scenario empties the database of `DATABASE_URL` first: point it
at a benchmark database."""

import argparse
import json
import os
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.core.signals import request_started  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    override_settings,
    setup_test_environment,
)

from catalogue.models import OFFER_MODELS  # noqa: E402

FIELDS = """
      title url summary
      provider { name }
      themes { slug name }
      logo { rendition(fill: "160x160") { url } }
"""
QUERY = "query($perPage: Int) { offers(perPage: $perPage) { items {" + FIELDS + "} } }"
# Stock grapple has no `offers`: its generic `pages` root, filtered on the offer kinds,
# in the same order as ours (title).
KINDS = ",".join(model._meta.label for model in OFFER_MODELS)
STOCK_QUERY = (
    f'query {{ pages(contentType: "{KINDS}", order: "title", limit: %d) '
    f"{{ ... on Offer {{ {FIELDS} }} }} }}"
)


STOCK = "grapple d'origine (pages, limit: 10)"


def queries_of(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def timed_in_turns(fns: dict, repeat: int) -> dict[str, tuple[float, float]]:
    """Median time and median CPU time of this process, in ms, of each function, run in
    turns `repeat` times after a warm-up. The CPU time leaves out the database server's
    work, but also the waits that other processes' load causes: it moves less from one
    run to the next."""
    timings = {name: ([], []) for name in fns}
    for fn in fns.values():
        fn()
    for _ in range(repeat):
        for name, fn in fns.items():
            start, cpu = time.perf_counter(), time.process_time()
            fn()
            timings[name][0].append(time.perf_counter() - start)
            timings[name][1].append(time.process_time() - cpu)
    return {
        name: (statistics.median(wall) * 1000, statistics.median(cpu) * 1000)
        for name, (wall, cpu) in timings.items()
    }


def requests_in_process() -> None:
    """Test client requests whose SQL queries can be counted."""
    setup_test_environment()
    # Django clears the query log when a request starts, which would hide the
    # queries of the request being measured.
    request_started.disconnect(reset_queries)


def offers_scenario(count: int, repeat: int) -> None:
    from bench.seed import listing_catalogue

    requests_in_process()
    listing_catalogue(count)
    client = Client()

    def graphql(per_page):
        def run():
            body = json.dumps({"query": QUERY, "variables": {"perPage": per_page}})
            data = client.post("/graphql/", body, content_type="application/json").json()
            assert "errors" not in data, data
            assert len(data["data"]["offers"]["items"]) == per_page

        return run

    def graphql_get(per_page):
        variables = json.dumps({"perPage": per_page})

        def run():
            response = client.get("/graphql/", {"query": QUERY, "variables": variables})
            assert response.status_code in (200, 304), response.content[:300]

        return run

    def stock(limit):
        def run():
            body = json.dumps({"query": STOCK_QUERY % limit})
            data = client.post("/stock-graphql/", body, content_type="application/json").json()
            assert "errors" not in data, data
            assert len(data["data"]["pages"]) == limit

        return run

    def api_v2(limit):
        def run():
            response = client.get(
                "/api/v2/pages/",
                {
                    "type": "catalogue.OfferPage",
                    "fields": "summary,provider,themes,logo_thumbnail",
                    "limit": limit,
                    "order": "title",
                },
            )
            assert response.status_code == 200, response.content[:300]
            assert len(response.json()["items"]) == limit

        return run

    runs = {
        "offers(perPage: 100)": graphql(100),
        "API v2 (limit=100)": api_v2(100),
        "offers(perPage: 10)": graphql(10),
        "API v2 (limit=10)": api_v2(10),
        STOCK: stock(10),
    }
    # The peers keep no answers, so ours is measured without its response cache: what
    # the query itself costs. The cache's own figure is the GET comparison below.
    with override_settings(GRAPHQL_RESPONSE_CACHE_TIMEOUT=0):
        for fn in runs.values():
            fn()  # per-process caches (content types, site root paths) first
        counts = {name: queries_of(fn) for name, fn in runs.items()}
        measured = timed_in_turns(runs, repeat)
    for name, (ms, cpu) in measured.items():
        print(f"{name:<38}: {ms:7.1f} ms (CPU {cpu:6.1f} ms), {counts[name]:>3} requêtes SQL")
    for peer, ours in (
        ("API v2 (limit=100)", "offers(perPage: 100)"),
        ("API v2 (limit=10)", "offers(perPage: 10)"),
        (STOCK, "offers(perPage: 10)"),
    ):
        (peer_ms, peer_cpu), (ours_ms, ours_cpu) = measured[peer], measured[ours]
        print(
            f"ratio {peer} / {ours} : {peer_ms / ours_ms:.1f}x (CPU : {peer_cpu / ours_cpu:.1f}x)"
        )

    # A GET asked for the first time after every publish (the content generation moves),
    # against the same GET asked again.
    from cms.content_version import bump

    uncached, cached = graphql_get(100), graphql_get(100)
    first = []
    for _ in range(repeat):
        bump()
        start = time.perf_counter()
        uncached()
        first.append(time.perf_counter() - start)
    again = timed_in_turns({"again": cached}, repeat)["again"][0]
    first_ms = statistics.median(first) * 1000
    print(f"GET offers(perPage: 100), 1re fois     : {first_ms:7.1f} ms")
    print(f"GET offers(perPage: 100), à nouveau    : {again:7.1f} ms")
    print(f"ratio sans cache / avec cache          : {first_ms / again:.1f}x")
    print(f"(base : {connection.vendor}, {count} offres)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--offers", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument(
        "--scenario", choices=("offers", "search", "load", "attack", "pages"), default="offers"
    )
    parser.add_argument("--seconds", type=int, default=15, help="load: length of each run")
    parser.add_argument(
        "--only",
        default="all",
        help="load: the run groups, comma-separated: single, mixed, attack, redis (or all)",
    )
    parser.add_argument(
        "--max-errors",
        type=float,
        default=1.0,
        help="load: the share of failed requests (percent) a run may have and still pass",
    )
    parser.add_argument(
        "--allow-errors",
        action="store_true",
        help="load: print the verdicts, but exit with status 0 whatever they are",
    )
    args = parser.parse_args()
    if args.scenario == "search":
        from bench.search import main as search

        search(args.repeat)
    elif args.scenario == "pages":
        from bench.pages import main as pages
        from bench.search import measure
        from bench.seed import listing_catalogue

        requests_in_process()
        pages(lambda: listing_catalogue(args.offers), measure, args.repeat)
    elif args.scenario == "attack":
        from bench.attack import main as attack

        attack(args.repeat)
    elif args.scenario == "load":
        from bench.load import main as load
        from bench.load import parse_groups

        try:
            groups = parse_groups(args.only)
        except ValueError as exc:
            parser.error(str(exc))
        kept = load(args.offers, args.seconds, groups, args.max_errors / 100)
        if not kept and not args.allow_errors:
            sys.exit(1)
    else:
        offers_scenario(args.offers, args.repeat)


if __name__ == "__main__":
    main()
