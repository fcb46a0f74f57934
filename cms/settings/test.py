"""The test suite: e-mails kept in memory, fast password hashing, GraphiQL on."""

import os
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from .environment import env


def _worker_cache_url() -> None:
    """pytest-xdist runs the suite in several processes, and each test empties the cache: so
    each process gets a Redis database of its own, the next ones after CACHE_URL's. It is
    written back to the environment, where the servers its tests start read it (once: they
    inherit the mark too)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    url = urlsplit(os.environ.get("CACHE_URL", ""))
    if not worker.startswith("gw") or not url.scheme.startswith("redis"):
        return
    if os.environ.get("REPERES_CACHE_WORKER") == worker:
        return
    database = int(url.path.strip("/") or 0) + 1 + int(worker[2:])
    os.environ["CACHE_URL"] = urlunsplit(url._replace(path=f"/{database}"))
    os.environ["REPERES_CACHE_WORKER"] = worker


_worker_cache_url()

env.set_defaults(
    GRAPHIQL_ENABLED="true",
    EMAIL_URL="memorymail://",
    ALLOWED_HOSTS="localhost,127.0.0.1,[::1],testserver",
    # Tests post many queries from one address; those about limits set their own.
    API_RATE_LIMIT_ANONYMOUS="0",
    TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
    MEDIA_ROOT=str(Path(__file__).resolve().parents[2] / ".test-media"),
    # Creating and migrating the test database on a loaded CI machine may take longer
    # than a web request should; the timeout's own test sets one in its transaction.
    DATABASE_STATEMENT_TIMEOUT_MS="0",
    # Warnings and errors only: a line per request would drown pytest's report.
    LOG_LEVEL="WARNING",
    # `client.login()` authenticates without a request, which axes refuses; and most tests
    # sign in with a password only. The tests of accounts/ turn both on.
    AXES_ENABLED="false",
    ADMIN_2FA_REQUIRED="false",
)

from .base import *  # noqa: E402, F403

# Only the tests hash passwords by the thousand; MD5 keeps them fast.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
