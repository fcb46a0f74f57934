"""The load balancer's probes, through django-health-check.

- `/healthz`, liveness: the process answers. It touches nothing (no database, no cache),
  so that a database outage never makes an orchestrator restart healthy web processes.
- `/readyz`, readiness: whether this process can serve. The database is required (a
  `SELECT 1` on a new connection) and so is the task queue's table; Redis down, or a task
  queue that no worker drains (`HEALTH_TASK_QUEUE_MAX_AGE`), only make it "degraded":
  the site still serves then, and a load balancer that took every server out of rotation
  for it would turn a degraded service into an outage.

Both answer JSON, 200 or 503, never cached (`Cache-Control: no-store`), outside the page
cache and the API's rate limits. Each check has `HEALTH_CHECK_TIMEOUT` seconds, and
django-health-check one more of grace, so a probe is answered within about two seconds
however the database fails; the checks run in threads of their own, which a frozen
database may hold until the connection timeout, never the request."""

import asyncio
import dataclasses
import datetime
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext

from django_tasks_db.models import DBTaskResult, get_date_max
from health_check.base import HealthCheck
from health_check.checks import Database
from health_check.exceptions import ServiceUnavailable, ServiceWarning
from health_check.views import HealthCheckView

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.db.models import Case, F, When
from django.http import JsonResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views import View

OK = "ok"
DEGRADED = "degraded"
UNAVAILABLE = "unavailable"

# Threads kept between probes; a check that outlives its timeout leaves its thread busy
# until the connection gives up, while the probe has already answered.
_executor = ThreadPoolExecutor(max_workers=4, thread_name_prefix="readyz")


class _Timed:
    """A check's budget from the settings (django-health-check reads `timeout`)."""

    def __post_init__(self):
        self.timeout = datetime.timedelta(seconds=settings.HEALTH_CHECK_TIMEOUT)


@dataclasses.dataclass
class DatabaseCheck(_Timed, Database):
    name = "database"
    required = True


@dataclasses.dataclass
class CacheCheck(_Timed, HealthCheck):
    """Redis answers a PING, whatever the cache's circuit breaker says."""

    name = "cache"
    required = False

    def run(self):
        ping = getattr(cache, "ping", None)
        if ping is None:  # a process-local cache (development): nothing to reach
            return
        try:
            ping()
        except Exception as error:
            raise ServiceUnavailable(type(error).__name__) from error


@dataclasses.dataclass
class TaskQueueCheck(_Timed, HealthCheck):
    """The background queue's table answers; with `HEALTH_TASK_QUEUE_MAX_AGE`, no task has
    been ready longer than that (a worker would have taken it)."""

    name = "task_queue"
    required = True

    def run(self):
        backend = settings.TASKS[settings.BACKGROUND_TASKS]["BACKEND"]
        if backend != "django_tasks_db.DatabaseBackend":
            return
        ready = DBTaskResult.objects.ready().filter(backend_name=settings.BACKGROUND_TASKS)
        try:
            oldest = (
                ready.annotate(
                    ready_since=Case(
                        When(run_after=get_date_max(), then=F("enqueued_at")),
                        default=F("run_after"),
                    )
                )
                .order_by("ready_since")
                .values_list("ready_since", flat=True)
                .first()
            )
        except DatabaseError as error:
            raise ServiceUnavailable(type(error).__name__) from error
        finally:
            # The checks' threads outlive the request, and Django only tidies the
            # connections of a request's own thread: a connection left open here would
            # be reused by the next probe, broken or not (the database check's too).
            connection.close()
        limit = settings.HEALTH_TASK_QUEUE_MAX_AGE
        if limit and oldest is not None:
            age = (timezone.now() - oldest).total_seconds()
            if age > limit:
                raise ServiceWarning(f"oldest ready task waiting for {age:.0f} s")


class Liveness(View):
    uses_wagtail_site = False  # cms.page_routing then reads no site for it

    def get(self, request):
        response = JsonResponse({"status": OK})
        add_never_cache_headers(response)
        return response


class Readiness(HealthCheckView):
    uses_wagtail_site = False
    checks = (DatabaseCheck, CacheCheck, TaskQueueCheck)

    def get_executor(self):
        return nullcontext(_executor)

    async def get(self, request, *args, **kwargs):
        checks = list(self.get_checks())
        with self.get_executor() as executor:
            results = await asyncio.gather(*(check.get_result(executor) for check in checks))
        report = {result.check.name: _state(result) for result in results}
        if any(_fails_readiness(result) for result in results):
            status, code = UNAVAILABLE, 503
        elif any(result.error for result in results):
            status, code = DEGRADED, 200
        else:
            status, code = OK, 200
        return JsonResponse({"status": status, "checks": report}, status=code)


def _fails_readiness(result) -> bool:
    return (
        result.error is not None
        and result.check.required
        and not isinstance(result.error, ServiceWarning)
    )


def _state(result) -> str:
    if result.error is None:
        return OK
    kind = DEGRADED if isinstance(result.error, ServiceWarning) else UNAVAILABLE
    return f"{kind}: {result.error.message}"


liveness = Liveness.as_view()
readiness = Readiness.as_view()
