"""Helpers of the tests that start the application in processes of its own (gunicorn,
honcho): a database of their own, created and migrated outside pytest-django's
transaction, free ports, and waiting for a server to answer."""

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench.redis_server import free_port  # noqa: F401  (the one free-port probe)

ROOT = Path(__file__).resolve().parents[1]
STARTUP_SECONDS = 90


def base_environment(**variables: str) -> dict[str, str]:
    """Only PATH is inherited: the test run's own variables (its test database, its
    settings module) must not leak into the processes."""
    return {"PATH": os.environ["PATH"], "LANG": "C.UTF-8", **variables}


def manage(environment: dict, *args: str, timeout: int = 300) -> str:
    result = subprocess.run(  # noqa: S603  (our own manage.py)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def postgres_url() -> str | None:
    """The server of the test run's PostgreSQL (DATABASE_URL), or None without one."""
    url = urlsplit(os.environ.get("DATABASE_URL", ""))
    return urlunsplit(url._replace(path="/")) if url.scheme.startswith("postgres") else None


class PostgresDatabase:
    """A database created on the test run's PostgreSQL server with createdb, under a name
    no other run uses, and dropped at the end."""

    def __init__(self, server_url: str):
        self.server = urlsplit(server_url)
        self.name = f"reperes_procs_{uuid.uuid4().hex[:10]}"
        self.url = urlunsplit(self.server._replace(path=f"/{self.name}"))

    def _client(self, *command: str, check: bool = True) -> None:
        server = self.server
        subprocess.run(  # noqa: S603  (PostgreSQL's own clients)
            [*command, "-h", server.hostname or "127.0.0.1", "-p", str(server.port or 5432)]
            + ["-U", server.username or "postgres", self.name],
            env={**os.environ, "PGPASSWORD": server.password or ""},
            check=check,
            capture_output=True,
        )

    def __enter__(self):
        self._client("createdb")
        return self

    def __exit__(self, *exc):
        # `--force` closes the connections a killed server may have left open.
        self._client("dropdb", "--force", check=False)


def wait_until_serving(url: str, processes=()) -> None:
    """Wait for `url` to answer anything over HTTP, failing early if a process died."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        for process in processes:
            assert process.poll() is None, f"a server stopped (exit code {process.returncode})"
        try:
            urllib.request.urlopen(url, timeout=2).close()  # noqa: S310  (loopback)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            assert time.monotonic() < deadline, f"nothing answered at {url}"
            time.sleep(0.3)
