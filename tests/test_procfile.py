"""The Procfile, started as `python3 tasks.py serve` starts it: honcho runs gunicorn, the
task worker and the scheduler on a fresh database. A publish in another process queues a
webhook, which the worker, not the publishing process, delivers to a receiver on loopback;
the scheduler queues its periodic tasks; and stopping honcho stops every process."""

import json
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import psutil
import pytest

from tests.processes import ROOT, base_environment, free_port, manage, wait_until_serving

DELIVERY_SECONDS = 90

PUBLISH = """
from wagtail.models import Page, Site
from home.models import HomePage
from partners.models import Webhook

Webhook.objects.create(name="Récepteur", url="{url}", events=["page.published"])
home = HomePage(title="Repères", slug="accueil")
Page.get_first_root_node().add_child(instance=home)
Site.objects.all().delete()
Site.objects.create(hostname="127.0.0.1", port=80, root_page=home, is_default_site=True)
home.save_revision().publish()
"""

QUEUE_STATE = """
import json
from django_tasks_db.models import DBTaskResult
from partners.models import WebhookDelivery

print(json.dumps({
    "deliveries": list(WebhookDelivery.objects.values_list("status", flat=True)),
    "tasks": {
        result.task_path: {"status": result.status, "workers": result.worker_ids}
        for result in DBTaskResult.objects.all()
    },
}))
"""


@pytest.fixture
def receiver():
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    server.received = received
    server.url = f"http://127.0.0.1:{server.server_port}/hooks/reperes"
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def environment(tmp_path):
    env = base_environment(
        # The virtual environment's gunicorn and python, as `tasks.py serve` puts them first.
        PATH=f"{Path(sys.executable).parent}:{base_environment()['PATH']}",
        DJANGO_SETTINGS_MODULE="cms.settings.dev",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        MEDIA_ROOT=str(tmp_path / "media"),
        CACHE_URL="locmem://",
        EMAIL_URL="memorymail://",
        WEBHOOK_ALLOW_PRIVATE_NETWORKS="true",
        WEB_CONCURRENCY="1",
        PORT=str(free_port()),
    )
    manage(env, "migrate", "--no-input", "-v0")
    return env


def test_the_procfile_serves_delivers_webhooks_and_stops_cleanly(environment, receiver, tmp_path):
    empty_env_file = tmp_path / "empty.env"  # not the developer's own .env
    empty_env_file.write_text("")
    log = (tmp_path / "honcho.log").open("w")
    honcho = subprocess.Popen(  # noqa: S603  (honcho, fixed arguments)
        [str(Path(sys.executable).parent / "honcho"), "start"]
        + ["-f", str(ROOT / "Procfile"), "-d", str(ROOT), "-e", str(empty_env_file)],
        cwd=ROOT,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    processes = []
    try:
        wait_until_serving(f"http://127.0.0.1:{environment['PORT']}/robots.txt", [honcho])
        processes = psutil.Process(honcho.pid).children(recursive=True)
        commands = " ".join(" ".join(process.cmdline()) for process in processes)
        assert "gunicorn" in commands and "db_worker" in commands and "run_scheduler" in commands

        manage(environment, "shell", "-c", PUBLISH.format(url=receiver.url))
        deadline = time.monotonic() + DELIVERY_SECONDS
        while not receiver.received:
            assert time.monotonic() < deadline, (tmp_path / "honcho.log").read_text()
            time.sleep(0.5)
        assert receiver.received[0]["event"] == "page.published"

        state = json.loads(manage(environment, "shell", "-c", QUEUE_STATE).splitlines()[-1])
        assert state["deliveries"] == ["succeeded"]
        # Run by a worker (the immediate backend of a request records none), and the
        # scheduler queued its periodic tasks, which the worker ran too.
        delivery = state["tasks"]["partners.tasks.deliver_webhook"]
        assert delivery["status"] == "SUCCESSFUL" and delivery["workers"]
        assert state["tasks"]["partners.tasks.flush_api_usage"]["status"] == "SUCCESSFUL"
    finally:
        honcho.send_signal(signal.SIGTERM)
        honcho.wait(timeout=60)
        log.close()
    assert honcho.returncode is not None
    _gone, alive = psutil.wait_procs(processes, timeout=10)
    assert not alive, [process.cmdline() for process in alive]
