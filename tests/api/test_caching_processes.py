"""The response cache across processes: two servers share one Redis, and a publish in a
third process makes both answer afresh. Needs a shared cache (`CACHE_URL=redis://…`, as in
CI); skipped on the local-memory default, which no two processes share."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from django.conf import settings
from django.db import connection

from wagtail.models import Page

from tests.factories.catalogue import ToolPageFactory

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        "redis" not in settings.CACHES["default"]["BACKEND"].lower(),
        reason="needs a cache shared between processes (CACHE_URL=redis://…)",
    ),
]

ROOT = Path(__file__).resolve().parents[2]
QUERY = "{ offers { items { title } } }"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def servers():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": _database_url(),
    }
    ports = [_free_port(), _free_port()]
    processes = [
        subprocess.Popen(  # noqa: S603  (our own manage.py, fixed arguments)
            [sys.executable, "manage.py", "runserver", "--noreload", "--skip-checks"]
            + [f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    try:
        deadline = time.monotonic() + 60
        for port in ports:
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    assert time.monotonic() < deadline, "a server did not start"
                    time.sleep(0.2)
        yield [f"http://127.0.0.1:{port}/graphql/" for port in ports]
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=10)


def titles(url: str) -> list[str]:
    with urllib.request.urlopen(  # noqa: S310  (a loopback URL built above)
        f"{url}?{urllib.parse.urlencode({'query': QUERY})}", timeout=30
    ) as response:
        body = json.load(response)
    return [item["title"] for item in body["data"]["offers"]["items"]]


def test_a_publish_in_one_process_refreshes_the_answers_of_the_others(catalogue, servers):
    tool = ToolPageFactory(parent=catalogue, title="Nextcloud")
    assert [titles(url) for url in servers] == [["Nextcloud"], ["Nextcloud"]]

    # A change that bypasses the signals: both servers keep their cached answer.
    Page.objects.filter(pk=tool.pk).update(title="Changé sans signal")
    assert [titles(url) for url in servers] == [["Nextcloud"], ["Nextcloud"]]

    tool.refresh_from_db()
    tool.title = "Nextcloud Hub"
    tool.save_revision().publish()

    assert [titles(url) for url in servers] == [["Nextcloud Hub"], ["Nextcloud Hub"]]
