"""gunicorn settings of the production command (`gunicorn -c gunicorn.conf.py`).

The address and the number of workers stay gunicorn's own options: `--bind` (or
`GUNICORN_CMD_ARGS="--bind 0.0.0.0:8000"`) and `WEB_CONCURRENCY`, which gunicorn reads
unless this file sets `workers`. What is set here bounds how long one request may hold a
worker: PostgreSQL stops a statement after DATABASE_STATEMENT_TIMEOUT_MS (5 s), and a
worker still busy after `timeout` seconds is killed and replaced."""

import os
import tempfile
from pathlib import Path

wsgi_app = "cms.wsgi:application"
# A request still running after 30 s is stopped: the worker is killed and replaced.
timeout = 30
# On a restart or a reload, a worker gets this long to finish its current requests.
graceful_timeout = 30
keepalive = 5
# Workers are replaced now and then, so that a slow leak cannot grow for ever; the jitter
# keeps them from restarting all at once.
max_requests = 5000
max_requests_jitter = 500
# The application is loaded once, in the master, before the workers fork: a replaced worker
# starts serving at once instead of importing Django and Wagtail again (about a second
# during which its share of requests waits). Connections are only opened per request.
preload_app = True
# No control socket (gunicorn 25.1+, for `gunicornc`): it is one path per user account by
# default, which two servers on one host (or the tests' servers) would fight over, and it
# is not used: workers are managed through signals and WEB_CONCURRENCY.
control_socket_disable = True
# gunicorn's own messages (workers started, killed on timeout…) go to the standard error
# through the application's formatter, JSON unless LOG_FORMAT=console, so that a log shipper
# reads one format. Its access log stays off: the application logs each request
# (`request_finished`) with its request id, its duration and no query string.
_log_format = os.environ.get("LOG_FORMAT", "json")
logconfig_dict = {
    "root": {"level": "INFO", "handlers": ["stderr"]},
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": [], "propagate": True},
        "gunicorn.access": {"level": "CRITICAL", "handlers": [], "propagate": False},
    },
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": _log_format}},
    "formatters": {_log_format: {"()": f"cms.observability.logs.{_log_format}_formatter"}},
}

# The workers' metrics are added up through files in this directory (cms/observability/
# metrics.py); prometheus-client reads the variable when it is imported, so it is set here,
# before the application loads. A directory of one's own may be given (on tmpfs, say).
METRICS_DIR = Path(
    os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", tempfile.mkdtemp(prefix="reperes-metrics-"))
)


def on_starting(server):
    """Counters start from zero with each start of the server: the files of a previous
    run would otherwise be added to the new one's (Prometheus handles the reset)."""
    METRICS_DIR.mkdir(parents=True, exist_ok=True)
    for stale in METRICS_DIR.glob("*.db"):
        stale.unlink()


def child_exit(server, worker):
    """A dead worker's counters still count (its files stay); its live gauges do not."""
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def when_ready(server):
    """In the master, once the application is loaded and before any worker forks: what
    Django otherwise loads on each worker's first request (the URL resolver, the French
    catalogues), about 0.3 s that every replaced worker would spend again. Nothing here
    opens a connection, which a forked worker must never share."""
    from django.conf import settings
    from django.urls import get_resolver
    from django.utils import translation

    get_resolver().resolve("/")
    translation.activate(settings.LANGUAGE_CODE)
    translation.deactivate()
