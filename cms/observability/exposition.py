"""`/metrics`: the counters of `metrics`, added up over the worker processes, and the depth
of the task queue, read from the database at scrape time (a count, so always current,
whichever process or machine enqueued the tasks).

The endpoint answers only a bearer token equal to METRICS_TOKEN (404 when it is unset, as
if it did not exist); it is never cached, and it is outside the API, hence outside its
rate limits."""

import hmac
import logging
import os

from django_tasks_db.models import DBTaskResult
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

from django.conf import settings
from django.db import DatabaseError
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache

from .metrics import COLLECTED

logger = logging.getLogger(__name__)
_DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"


class TaskQueueCollector:
    """Tasks ready to run now (not scheduled later, not running), per backend of the
    database queue; a count that grows means the worker (`db_worker`) is stopped or slow."""

    def collect(self):
        gauge = GaugeMetricFamily(
            "reperes_task_queue_ready",
            "Tasks waiting in the database queue and ready to run.",
            labels=["backend"],
        )
        counts = {
            alias: 0
            for alias, options in settings.TASKS.items()
            if options.get("BACKEND") == _DATABASE_BACKEND
        }
        try:
            rows = (
                DBTaskResult.objects.ready()
                .values_list("backend_name")
                .annotate(count=Count("id"))
                .order_by()
            )
            counts.update(dict(rows))
        except DatabaseError:
            # The other metrics are still worth a scrape; the gap shows in the graph.
            logger.warning("Task queue depth unavailable", exc_info=True)
            return
        for backend, count in sorted(counts.items()):
            gauge.add_metric([backend], count)
        yield gauge


def scrape_registry() -> CollectorRegistry:
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        MultiProcessCollector(registry)
    else:
        for metric in COLLECTED:
            registry.register(metric)
    registry.register(TaskQueueCollector())
    return registry


def _authorised(request) -> bool | None:
    """True for the right token, False for a wrong one, None when none is sent."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return hmac.compare_digest(token.strip().encode(), settings.METRICS_TOKEN.encode())


@method_decorator(never_cache, name="dispatch")
class MetricsView(View):
    # Names no Wagtail site: cms.page_routing then spares it the site lookup.
    uses_wagtail_site = False
    http_method_names = ["get", "head"]

    def get(self, request):
        if not settings.METRICS_TOKEN:
            raise Http404
        authorised = _authorised(request)
        if not authorised:
            response = HttpResponse(status=401 if authorised is None else 403)
            response["WWW-Authenticate"] = 'Bearer realm="metrics"'
            return response
        body = generate_latest(scrape_registry())
        return HttpResponse(body, content_type=CONTENT_TYPE_LATEST)
