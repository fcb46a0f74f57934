"""A throwaway redis-server owned by the load run (`bench/load.py`), and the thread that
stops it during a run and starts it again, as a Redis restart or crash in production
would.

The server is `redis-server` from PATH, on 127.0.0.1 and a free port, without
persistence: what it held is lost when it stops, as the cache of a restarted Redis
without a dump is. It is never the shared Redis (a restart would hit every other user
of it)."""

import shutil
import socket
import subprocess
import threading
import time


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")
    except OSError:
        return False


class RedisServer:
    """One redis-server on a fixed port, which can be stopped and started again."""

    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self._process: subprocess.Popen | None = None
        # The restart thread and the main thread's `finally` may both stop it.
        self._lock = threading.Lock()

    def start(self, timeout: float = 10) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            raise RuntimeError(
                "redis-server is not on PATH (Debian: apt-get install redis-server)."
            )
        with self._lock:
            self._process = subprocess.Popen(  # noqa: S603 - our own command line
                [
                    binary,
                    "--port",
                    str(self.port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--loglevel",
                    "warning",
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
            process = self._process
        deadline = time.monotonic() + timeout
        while not _answers(self.port):
            if process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"redis-server did not answer on port {self.port}.")
            time.sleep(0.05)

    def stop(self) -> None:
        with self._lock:
            process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


class Restart(threading.Thread):
    """Stops `server` `stop_after` seconds after being started, starts it again
    `down_for` seconds later, and notes when (seconds since the thread started).
    `cancel` ends the wait early: the run is over, the server is left as it is."""

    def __init__(self, server: RedisServer, stop_after: float, down_for: float):
        super().__init__(name="redis-restart", daemon=True)
        self.server, self.stop_after, self.down_for = server, stop_after, down_for
        self.cancel = threading.Event()
        self.events: list[str] = []
        self.error: Exception | None = None

    def run(self) -> None:
        start = time.monotonic()
        try:
            if self.cancel.wait(self.stop_after):
                return
            self.server.stop()
            self.events.append(
                f"Redis arrêté à {time.monotonic() - start:.1f} s du lancement de locust"
            )
            if self.cancel.wait(self.down_for):
                return
            self.server.start()
            self.events.append(f"Redis relancé (vide) à {time.monotonic() - start:.1f} s")
        except Exception as exc:  # noqa: BLE001 - reported with the run's figures
            self.error = exc
