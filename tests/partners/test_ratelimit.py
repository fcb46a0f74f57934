"""Rate limits hold across processes: two gunicorn servers, production settings, one Redis."""

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from partners import ratelimit
from tests.factories.partners import ApiKeyFactory

ROOT = Path(__file__).resolve().parents[2]
PORTS = (8241, 8242)
ANONYMOUS_LIMIT = 4


def test_retry_after_counts_to_the_end_of_the_window(monkeypatch):
    monkeypatch.setattr(ratelimit, "clock", lambda: 1_800_000_000.0 + 42.5)
    decision = ratelimit.rate_limit_hit("test", limit=1)
    assert decision.allowed
    assert decision.retry_after == 18
    assert not ratelimit.rate_limit_hit("test", limit=1).allowed


def _shared_backends() -> bool:
    return (
        settings.CACHES["default"]["BACKEND"].endswith("RedisCache")
        and connection.vendor == "postgresql"
    )


def _database_url() -> str:
    db = settings.DATABASES["default"]
    user = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{user}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


def _get(port: int, token: str | None = None) -> int:
    request = urllib.request.Request(  # noqa: S310 (loopback)
        f"http://127.0.0.1:{port}/graphql/?query=%7B__typename%7D",
        headers={"Authorization": f"Bearer {token}"} if token else {},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            assert json.load(response) == {"data": {"__typename": "Query"}}
            return response.status
    except urllib.error.HTTPError as error:
        body = json.load(error)
        if error.code == 429:
            assert body["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
            assert int(error.headers["Retry-After"]) >= 1
        return error.code


@pytest.fixture
def two_servers(django_db_serialized_rollback, transactional_db):
    # Every transactional test of the suite rolls back serialized: the flush after one
    # that does not recreates the content types, which the next serialized one then
    # inserts again (a duplicate key).
    if not _shared_backends():
        pytest.skip("needs PostgreSQL and Redis (DATABASE_URL, CACHE_URL), as in CI")
    environment = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SERVE_STATIC": "false",
        "DATABASE_URL": _database_url(),
        "CACHE_URL": os.environ["CACHE_URL"],
        "API_RATE_LIMIT_ANONYMOUS": str(ANONYMOUS_LIMIT),
    }
    servers = [
        subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "gunicorn", "cms.wsgi", "-w", "1", "-b", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for port in PORTS
    ]
    try:
        deadline = time.monotonic() + 60
        for port, server in zip(PORTS, servers, strict=True):
            while True:
                assert server.poll() is None, server.stderr.read().decode()
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/admin/login/", timeout=2)  # noqa: S310
                    break
                except OSError:
                    assert time.monotonic() < deadline, "the server did not start"
                    time.sleep(0.3)
        # The window is a clock minute: start early enough in one to finish in it.
        if time.time() % 60 > 40:
            time.sleep(60 - time.time() % 60 + 0.5)
        cache.clear()
        yield PORTS
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=30)


def test_two_processes_share_the_limits(two_servers):
    first, second = two_servers
    key = ApiKeyFactory(rate_limit=3)

    statuses = [_get(port) for port in (first, second) * ANONYMOUS_LIMIT]
    assert statuses == [200] * ANONYMOUS_LIMIT + [429] * ANONYMOUS_LIMIT

    statuses = [_get(port, key.token) for port in (first, second) * 3]
    assert statuses == [200, 200, 200, 429, 429, 429]
    # Their daily use is counted in one place too.
    usage = cache.get(f"partners:usage:{key.id}:{timezone.localdate().isoformat()}")
    assert usage == 3
    assert key.usage.get().count == 1  # written on the day's first request only
