import shutil
from pathlib import Path

import pytest

from .services import PostgresCluster, RedisServer, Site, postgres_bin

# Short enough that each scenario ends in seconds, long enough for the machine's load.
SITE_SETTINGS = {
    # No collectstatic: the pages link to static files the tests never fetch.
    "SERVE_STATIC": "false",
    "DATABASE_STATEMENT_TIMEOUT_MS": "800",
    "DATABASE_CLIENT_TIMEOUT_MS": "1000",
    "DATABASE_CONNECT_TIMEOUT": "1",
    "DATABASE_BREAKER_SECONDS": "3",
    "CACHE_BREAKER_SECONDS": "1",
    "HEALTH_CHECK_TIMEOUT": "0.5",
    # Each scenario calls from addresses of its own (X-Forwarded-For), so that only the
    # rate limit test ever reaches the limit.
    "API_RATE_LIMIT_ANONYMOUS": "3",
    "API_CLIENT_IP_HEADER": "X-Forwarded-For",
}


@pytest.fixture(scope="package")
def postgres():
    if postgres_bin() is None or shutil.which("pgrep") is None:
        pytest.skip("PostgreSQL's server programs are not installed")
    cluster = PostgresCluster()
    try:
        cluster.init()
        cluster.start()
        cluster.create_database()
        yield cluster
    finally:
        cluster.remove()


@pytest.fixture(scope="package")
def redis():
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    server = RedisServer()
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="package")
def site(postgres, redis):
    site = Site(database_url=postgres.url, cache_url=redis.url, **SITE_SETTINGS)
    try:
        site.manage("migrate", "--no-input")
        site.manage("shell", "-c", (Path(__file__).parent / "seed.py").read_text())
        site.start()
        yield site
    finally:
        site.remove()
