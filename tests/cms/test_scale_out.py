"""Two application processes, as behind a load balancer: two gunicorn servers with the
production settings, one PostgreSQL database and one Redis. What one process counts,
stores or invalidates, the other sees: rate limits (anonymous and per API key), a key's
daily use, the response cache and persisted queries live in the shared services, never in
a process.

The database is the test's own, created with createdb and migrated once in a subprocess
(about 20 s), outside pytest-django's transaction, since other processes read it. Needs
PostgreSQL and Redis (DATABASE_URL, CACHE_URL), as in CI."""

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from tests.processes import (
    ROOT,
    PostgresDatabase,
    base_environment,
    free_port,
    manage,
    postgres_url,
    wait_until_serving,
)

ANONYMOUS_LIMIT = 5
OFFERS = "{ offers { items { title } } }"

SEED = """
from wagtail.models import Page, Site
from home.models import HomePage
from tests.factories.catalogue import CatalogueIndexPageFactory, ToolPageFactory

home = HomePage(title="Repères", slug="accueil")
Page.get_first_root_node().add_child(instance=home)
home.save_revision().publish()
Site.objects.all().delete()
Site.objects.create(hostname="127.0.0.1", port=80, root_page=home, is_default_site=True)
index = CatalogueIndexPageFactory(parent=home)
index.save_revision().publish()
print(ToolPageFactory(parent=index, title="Nextcloud").pk)
"""

API_KEY = """
from tests.factories.partners import ApiKeyFactory
key = ApiKeyFactory(rate_limit=3)
print(key.pk, key.token)
"""

# What the processes counted for the key today: in the shared cache, and in the database.
KEY_USAGE = """
from django.utils import timezone
from partners.key_services import _usage_cache_key
from partners.models import ApiKey
from django.core.cache import cache
key = ApiKey.objects.get(pk={pk})
print(cache.get(_usage_cache_key(key.pk, timezone.localdate())), key.usage.get().count)
"""

pytestmark = pytest.mark.skipif(
    postgres_url() is None or not os.environ.get("CACHE_URL", "").startswith("redis"),
    reason="needs PostgreSQL and Redis (DATABASE_URL, CACHE_URL), as in CI",
)


@pytest.fixture(scope="module")
def environment():
    with PostgresDatabase(postgres_url()) as database:
        env = base_environment(
            DJANGO_SETTINGS_MODULE="cms.settings.production",
            SECRET_KEY="s" * 50,
            ALLOWED_HOSTS="127.0.0.1",
            SECURE_SSL_REDIRECT="false",
            SERVE_STATIC="false",
            DATABASE_URL=database.url,
            # The test run's own Redis database (one per xdist worker).
            CACHE_URL=os.environ["CACHE_URL"],
            API_RATE_LIMIT_ANONYMOUS=str(ANONYMOUS_LIMIT),
            # Each test calls from addresses of its own, so that their limits never meet.
            API_CLIENT_IP_HEADER="X-Forwarded-For",
        )
        manage({**env, "DATABASE_STATEMENT_TIMEOUT_MS": "0"}, "migrate", "--no-input", "-v0")
        env["TOOL_ID"] = manage(env, "shell", "-c", SEED).split()[-1]
        yield env


@pytest.fixture(scope="module")
def servers(environment):
    """The addresses of process A and process B."""
    ports = [free_port(), free_port()]
    processes = [
        subprocess.Popen(  # noqa: S603  (gunicorn, fixed arguments)
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"]
            + ["--workers", "1", "--bind", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    try:
        urls = [f"http://127.0.0.1:{port}/graphql/" for port in ports]
        for url in urls:
            wait_until_serving(url.replace("/graphql/", "/robots.txt"), processes)
        yield urls
    finally:
        for process in processes:
            process.send_signal(signal.SIGINT)  # gunicorn's quick shutdown
        for process in processes:
            process.wait(timeout=30)


def an_address() -> str:
    """An address of its own (an IPv6 /64, which the limits count as one caller)."""
    return f"2001:db8:{random.randrange(1 << 16):x}:{random.randrange(1 << 16):x}::1"  # noqa: S311


@pytest.fixture
def caller():
    return an_address()


def call(url: str, caller: str, *, params=None, body=None, token=None) -> tuple[int, dict]:
    data = json.dumps(body).encode() if body is not None else None
    headers = {"X-Forwarded-For": caller, "Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(  # noqa: S310  (a loopback URL)
        f"{url}?{urllib.parse.urlencode(params)}" if params else url,
        data=data,
        headers=headers,
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def titles(url: str) -> list[str]:
    """From an address of its own each time: only the response cache is under test."""
    status, body = call(url, an_address(), params={"query": OFFERS})
    assert status == 200, body
    return [item["title"] for item in body["data"]["offers"]["items"]]


def start_early_in_a_minute():
    """A limit's window is a clock minute: start early enough in one to finish in it."""
    if time.time() % 60 > 45:
        time.sleep(60.5 - time.time() % 60)


def alternate(servers, caller, count: int, token=None) -> list[int]:
    """The statuses of `count` requests sent in turn to A and B."""
    statuses = []
    for turn in range(count):
        status, body = call(
            servers[turn % 2], caller, params={"query": "{ __typename }"}, token=token
        )
        if status == 429:
            assert body["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
        statuses.append(status)
    return statuses


def test_the_rate_limit_is_one_count_whichever_process_answers(servers, caller):
    start_early_in_a_minute()
    # The sixth request went to B, the seventh to A: both refuse.
    assert alternate(servers, caller, ANONYMOUS_LIMIT + 2) == [200] * ANONYMOUS_LIMIT + [429, 429]


def test_an_api_keys_limit_and_daily_use_are_counted_once(servers, environment, caller):
    pk, token = manage(environment, "shell", "-c", API_KEY).split()[-2:]
    start_early_in_a_minute()
    assert alternate(servers, caller, 6, token=token) == [200, 200, 200, 429, 429, 429]
    # Three requests answered, by two processes; the day's row written on the first only.
    assert manage(environment, "shell", "-c", KEY_USAGE.format(pk=pk)).split()[-2:] == ["3", "1"]


def test_a_publish_elsewhere_refreshes_the_answers_cached_by_both_processes(servers, environment):
    tool_id = environment["TOOL_ID"]
    assert [titles(url) for url in servers] == [["Nextcloud"]] * 2

    # A change that moves no generation: both keep serving their cached answer.
    manage(
        environment,
        "shell",
        "-c",
        f"from wagtail.models import Page; Page.objects.filter(pk={tool_id}).update(title='Sans signal')",
    )
    assert [titles(url) for url in servers] == [["Nextcloud"]] * 2

    # A publish in a third process (an editor's, through another server) moves it.
    manage(
        environment,
        "shell",
        "-c",
        "from catalogue.models import ToolPage\n"
        f"tool = ToolPage.objects.get(pk={tool_id})\n"
        "tool.title = 'Nextcloud Hub'\n"
        "tool.save_revision().publish()",
    )
    assert [titles(url) for url in servers] == [["Nextcloud Hub"]] * 2


def test_a_query_persisted_through_one_process_is_known_to_the_other(servers, caller):
    process_a, process_b = servers
    query = "query Titles { offers { items { title } } }"
    persisted = {
        "persistedQuery": {"version": 1, "sha256Hash": hashlib.sha256(query.encode()).hexdigest()}
    }
    by_hash = {"extensions": json.dumps(persisted)}

    status, body = call(process_b, caller, params=by_hash)
    assert body["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"

    status, body = call(process_a, caller, body={"query": query, "extensions": persisted})
    assert status == 200 and "errors" not in body, body

    status, body = call(process_b, caller, params=by_hash)
    assert status == 200, body
    assert body["data"]["offers"]["items"]
