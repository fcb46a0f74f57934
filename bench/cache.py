"""Response cache scenario: the same anonymous GET of `offers(perPage: 100)` uncached (the
content generation bumped before each run, as a publish would) and served from the
server-side response cache, in process, on the seeded catalogue of the offers scenario.

    python3 tasks.py bench --scenario cache [--offers 120] [--repeat 15]

With `CACHE_URL=redis://…` the cached run includes the Redis round trips (the stored
query's generation, then the answer); with the default local-memory cache it does not."""

import json
import statistics
import time

from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms import content_version


def _timed(run, prepare, repeat: int) -> tuple[float, int]:
    prepare()
    run()  # warm: imports, compiled statements, the rendition cache
    prepare()
    with CaptureQueriesContext(connection) as captured:
        run()
    timings = []
    for _ in range(repeat):
        prepare()
        start = time.perf_counter()
        run()
        timings.append(time.perf_counter() - start)
    # The query log is a bounded deque, full after seeding: count, do not slice.
    return statistics.median(timings) * 1000, captured.final_queries - captured.initial_queries


def main(client, query: str, repeat: int) -> None:
    params = {"query": query, "variables": json.dumps({"perPage": 100})}

    def run():
        response = client.get("/graphql/", params)
        assert response.status_code == 200, response.content[:300]
        assert len(response.json()["data"]["offers"]["items"]) == 100

    uncached, uncached_queries = _timed(run, content_version.bump, repeat)
    cached, cached_queries = _timed(run, lambda: None, repeat)
    print(
        f"GET offers(perPage: 100), sans cache : {uncached:7.2f} ms, {uncached_queries} requêtes SQL"
    )
    print(f"GET offers(perPage: 100), en cache   : {cached:7.2f} ms, {cached_queries} requêtes SQL")
    print(f"ratio sans cache / en cache : {uncached / cached:.0f}x  (base : {connection.vendor})")
