"""The counters of every gunicorn worker add up, those of replaced workers included: a real
gunicorn, with the project's gunicorn.conf.py, whose workers are replaced every few
requests, then scraped once."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.processes import free_port

ROOT = Path(__file__).resolve().parents[3]
TOKEN = "scrape-token-0123456789"
REQUESTS = 12


def _get(url: str, **headers) -> bytes:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.read()
    except urllib.error.HTTPError as error:
        return error.read()


@pytest.fixture
def gunicorn(tmp_path):
    port = free_port()
    metrics_dir = tmp_path / "metrics"
    environment = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "METRICS_TOKEN": TOKEN,
        "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir),
    }
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "-c",
        "gunicorn.conf.py",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "2",
        # Each worker is replaced after 3 requests: most requests are counted by workers
        # that are gone when the scrape comes.
        "--max-requests",
        "3",
        "--max-requests-jitter",
        "0",
    ]
    server = subprocess.Popen(  # noqa: S603
        command, cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            assert server.poll() is None, server.stderr.read().decode()
            time.sleep(0.2)
    try:
        yield f"http://127.0.0.1:{port}", metrics_dir
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_the_counts_of_all_workers_add_up(gunicorn):
    url, metrics_dir = gunicorn
    for _ in range(REQUESTS):
        _get(f"{url}/graphql/?query={{__typename}}")
    text = _get(f"{url}/metrics", Authorization=f"Bearer {TOKEN}").decode()
    counted = sum(
        sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
        if sample.name == "reperes_http_requests_total" and sample.labels["kind"] == "api"
    )
    assert counted == REQUESTS
    # Counted by at least REQUESTS / 3 processes, each its own file.
    assert len(list(metrics_dir.glob("counter_*.db"))) >= REQUESTS // 3
