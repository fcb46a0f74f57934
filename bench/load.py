"""Load run: the site under gunicorn on loopback (3 sync workers, production settings,
Redis cache, PostgreSQL, static files served by the application), driven by locust
(headless), one bounded run per request:

- a cached `offers(perPage: 100)` GET (the same GET each time);
- an uncached `offers(perPage: 10)` (a new document each time);
- `{__typename}` while three users send 1,000-alias attacks;
- the catalogue's HTML page, `/catalogue/`.

Each prints its requests a second and its 99th percentile, from locust's own figures,
with the number of answers they rest on: a request still waiting when the run ends is
not counted, so few answers mean most requests waited longer than the run.

    DATABASE_URL=postgres://… CACHE_URL=redis://… python3 tasks.py bench --scenario load \
        [--offers 1000] [--seconds 15]

It empties and seeds the database of `DATABASE_URL`, listens on 127.0.0.1 only (port
`BENCH_PORT`, 8271 by default), and stops gunicorn when done, whatever happens. locust
is in the dev extras; nothing is installed system-wide. locust shares the machine's
cores with gunicorn and PostgreSQL: the figures are those of one machine doing both."""

import csv
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
USERS = 10
# (title, locust user classes, number of users, the request whose figures are printed)
RUNS = [
    ("GET offers(perPage: 100), en cache", ["CachedOffers"], USERS, "GET offers(perPage:100)"),
    (
        "offers(perPage: 10), sans cache",
        ["UncachedOffers"],
        USERS,
        "offers(perPage:10) sans cache",
    ),
    ("GET /catalogue/", ["CataloguePage"], USERS, "GET /catalogue/"),
    # Last: attacks still queued when locust stops keep the workers busy for a while.
    ("{__typename} pendant 3 attaques", ["Attacker", "Typename"], 3 + 2, "{__typename}"),
]


def _server_environment(port: int, static_root: str) -> dict:
    for name in ("DATABASE_URL", "CACHE_URL"):
        if not os.environ.get(name):
            sys.exit(f"The load run needs {name} (PostgreSQL and Redis, as in production).")
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"http://127.0.0.1:{port}",
        # Plain HTTP on loopback: no TLS in front of it here.
        "SECURE_SSL_REDIRECT": "false",
        "SERVE_STATIC": "true",
        "STATIC_ROOT": static_root,
        # Every simulated user calls from 127.0.0.1: one address's anonymous limit would
        # answer 429 to nearly all of them.
        "API_RATE_LIMIT_ANONYMOUS": "0",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }


def _wait_until_up(url: str, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit("gunicorn stopped before answering.")
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 - loopback URL
                return
        except OSError:
            time.sleep(0.5)
    sys.exit("gunicorn did not answer in time.")


def _locust(host: str, classes: list[str], users: int, seconds: int, out: str) -> None:
    subprocess.run(  # noqa: S603 - our own command line
        [
            str(BIN / "locust"),
            "-f",
            str(ROOT / "bench" / "locustfile.py"),
            "--headless",
            "--only-summary",
            "--users",
            str(users),
            "--spawn-rate",
            str(users),
            "--run-time",
            f"{seconds}s",
            "--stop-timeout",
            "5",
            "--host",
            host,
            "--csv",
            out,
            "--loglevel",
            "ERROR",
            *classes,
        ],
        check=False,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=seconds + 60,
    )


def _figures(out: str, name: str) -> tuple[float, str, int, int]:
    with open(f"{out}_stats.csv", newline="") as stats:
        for row in csv.DictReader(stats):
            if row["Name"] == name:
                return (
                    float(row["Requests/s"]),
                    row["99%"],
                    int(row["Request Count"]),
                    int(row["Failure Count"]),
                )
    return 0.0, "-", 0, 0


def main(count: int, seconds: int) -> None:
    from bench.seed import listing_catalogue

    port = int(os.environ.get("BENCH_PORT", "8271"))
    host = f"http://127.0.0.1:{port}"
    listing_catalogue(count)
    with tempfile.TemporaryDirectory() as work:
        env = _server_environment(port, os.path.join(work, "static"))
        subprocess.run(  # noqa: S603 - our own command line
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
        server = subprocess.Popen(  # noqa: S603 - our own command line
            [
                str(BIN / "gunicorn"),
                "cms.wsgi",
                "--workers",
                "3",
                "--bind",
                f"127.0.0.1:{port}",
                "--timeout",
                "30",
                "--graceful-timeout",
                "5",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )
        try:
            _wait_until_up(f"{host}/graphql/?query=%7B__typename%7D", server)
            for title, classes, users, name in RUNS:
                out = os.path.join(work, classes[-1])
                _locust(host, classes, users, seconds, out)
                rate, p99, total, failed = _figures(out, name)
                print(
                    f"{title:<38}: {rate:7.1f} req/s, p99 {p99:>6} ms "
                    f"({total} réponses, {failed} en échec, {users} utilisateurs, {seconds} s)"
                )
        finally:
            try:
                os.killpg(server.pid, signal.SIGTERM)
            except ProcessLookupError:  # it stopped by itself (a port in use, say)
                return
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                # Workers still inside an attack's request do not stop on SIGTERM.
                os.killpg(server.pid, signal.SIGKILL)
                server.wait(timeout=15)
