"""Request, latency and cache metrics, counted in every gunicorn worker and added up at
scrape time.

gunicorn runs several worker processes, and a scrape reaches only one of them. The
counters are prometheus-client's, in its multiprocess mode: when PROMETHEUS_MULTIPROC_DIR
is set (gunicorn.conf.py sets it), each process writes its values to memory-mapped files
in that directory, and `exposition` adds up the files of every process, dead ones included
(gunicorn's `child_exit` hook marks them dead). That is chosen over counters in Redis
because it costs no network round trip per request (an increment is a write to a mapped
page, a few microseconds) and keeps working when the cache is local memory. Its limit:
it adds up the workers of one machine, so each machine is scraped on its own. Without the
variable (development, tests) the counters live in the one process.

Labels stay coarse (the kind of path, the status class), so that no caller can create
series at will."""

import re
import time

from prometheus_client import Counter, Histogram

from django.conf import settings

METRICS_PATH = "/metrics"
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
_FILE_PREFIXES = ("/documents/",)

# Registered nowhere: `exposition` builds the registry of each scrape.
REQUESTS = Counter(
    "reperes_http_requests",
    "HTTP requests answered, by method, status class and kind of path.",
    ["method", "status", "kind"],
    registry=None,
)
LATENCY = Histogram(
    "reperes_http_request_duration_seconds",
    "Time spent answering a request, in the application (after gunicorn).",
    ["kind"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0),
    registry=None,
)
CACHE_LOOKUPS = Counter(
    "reperes_cache_lookups",
    "Lookups in the server-side response caches (api: GraphQL answers; page: HTML pages).",
    ["cache", "result"],
    registry=None,
)
COLLECTED = (REQUESTS, LATENCY, CACHE_LOOKUPS)


def cache_lookup(cache: str, *, hit: bool) -> None:
    CACHE_LOOKUPS.labels(cache, "hit" if hit else "miss").inc()


def request_kind(path: str) -> str:
    """page, api, admin or static (static and media files, documents)."""
    if path.startswith((settings.STATIC_URL, settings.MEDIA_URL, *_FILE_PREFIXES)):
        return "static"
    if re.match(settings.API_URLS_REGEX, path):
        return "api"
    if path == "/admin" or path.startswith("/admin/"):
        return "admin"
    return "page"


class MetricsMiddleware:
    """Outermost, so that it times and counts every answer: a refused API call, a file
    served by WhiteNoise, an error page. Scrapes are not counted."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == METRICS_PATH:
            return self.get_response(request)
        started = time.perf_counter()
        response = self.get_response(request)
        kind = request_kind(request.path_info)
        method = request.method if request.method in _METHODS else "other"
        REQUESTS.labels(method, f"{response.status_code // 100}xx", kind).inc()
        LATENCY.labels(kind).observe(time.perf_counter() - started)
        return response
