"""Fuzzes the GraphQL API with schemathesis against a live server on loopback, and fails
when any answer is a server error (HTTP 5xx).

    .venv/bin/python scripts/fuzz_api.py [--max-examples 8] [--seed 8]

A live server rather than schemathesis' in-process WSGI mode, so that the whole stack
answers: the URL routing, the middleware and the database driver. It starts
`manage.py runserver` on a free loopback port with a throwaway SQLite database that holds
the demo content, runs schemathesis with a fixed seed and a bounded number of examples
per root field, then stops the server. The check is `not_an_internal_error`
(`scripts/fuzz_checks.py`): schemathesis' `not_a_server_error`, except that our coded
`NOT_FOUND` for a lookup is the documented answer, not a server error. `.ci/run` calls it; its exit status is
schemathesis' own. Meant to take under two minutes."""

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SCHEMATHESIS = Path(PYTHON).with_name("schemathesis")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"The server stopped before answering (status {server.returncode}).")
        try:
            with urllib.request.urlopen(url + "?query=%7B__typename%7D", timeout=2):  # noqa: S310 - loopback
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
    raise SystemExit(f"The server did not answer on {url} within {seconds:.0f} s.")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--max-examples", type=int, default=8)
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="reperes-fuzz-") as tmp:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
            # Production's behaviour on errors (no debug page), with development's hosts.
            "DEBUG": "false",
            "DATABASE_URL": f"sqlite:///{tmp}/fuzz.sqlite3",
            "CACHE_URL": "locmem://",
            "MEDIA_ROOT": f"{tmp}/media",
            "EMAIL_URL": "memorymail://",
            # One client on one address sending every case: the anonymous limit would answer
            # 429 to most of them, and the fuzzing would never reach the resolvers.
            "API_RATE_LIMIT_ANONYMOUS": "0",
        }
        manage = [PYTHON, str(BASE_DIR / "manage.py")]
        subprocess.run([*manage, "migrate", "--no-input", "-v0"], env=env, check=True)  # noqa: S603
        subprocess.run([*manage, "load_demo"], env=env, check=True, stdout=subprocess.DEVNULL)  # noqa: S603

        port = free_port()
        url = f"http://127.0.0.1:{port}/graphql/"
        with open(f"{tmp}/server.log", "w") as log:
            server = subprocess.Popen(  # noqa: S603
                [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        try:
            wait_until_up(url, server)
            result = subprocess.run(  # noqa: S603
                [
                    str(SCHEMATHESIS),
                    "run",
                    url,
                    "--checks",
                    "not_an_internal_error",
                    "--seed",
                    str(args.seed),
                    "--max-examples",
                    str(args.max_examples),
                    "--generation-database",
                    "none",
                    "--workers",
                    "1",
                    "--request-timeout",
                    "30",
                    "--no-color",
                ],
                env={
                    **os.environ,
                    "SCHEMATHESIS_HOOKS": "fuzz_checks",
                    "PYTHONPATH": str(Path(__file__).resolve().parent),
                },
                cwd=tmp,
            )
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
        if result.returncode != 0:
            sys.stderr.write(Path(f"{tmp}/server.log").read_text()[-5000:])
        return result.returncode


if __name__ == "__main__":
    sys.exit(main())
