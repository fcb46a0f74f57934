"""A client-side deadline on database calls, for a server that stops answering.

PostgreSQL's `statement_timeout` is enforced by the server: a server that is frozen (a
stopped process, a host that vanished behind a live TCP connection) never enforces it, and
TCP keepalives do not help either while the peer's kernel still acknowledges. Without a
deadline of our own, a request waits until gunicorn kills its worker (30 s).

One watchdog thread per process keeps the deadlines of the calls in progress; when one
runs out, it shuts down that connection's socket (a duplicate of its descriptor, so that
the driver's own stays valid). The blocked read then returns at once and the driver raises
an `OperationalError`: the connection is broken, Django discards it, and the next request
connects anew. Shutting the socket down is the one way to wake a read in another thread
that needs no help from the server (a cancel request is sent to the same frozen server)."""

import logging
import os
import socket
import threading
import time

logger = logging.getLogger("cms.database")


class Deadline:
    __slots__ = ("expires", "fd", "fired")

    def __init__(self, expires: float, fd: int):
        self.expires = expires
        self.fd = fd
        self.fired = False


class Watchdog:
    def __init__(self):
        self._condition = threading.Condition()
        self._deadlines: set[Deadline] = set()
        self._pid = None

    def arm(self, fd: int, seconds: float) -> Deadline:
        """Sever the socket `fd` in `seconds` unless `disarm()` comes first; the
        deadline's `fired` then says that the call was cut short."""
        deadline = Deadline(time.monotonic() + seconds, fd)
        with self._condition:
            self._start()
            self._deadlines.add(deadline)
            self._condition.notify()
        return deadline

    def disarm(self, deadline: Deadline) -> None:
        with self._condition:
            self._deadlines.discard(deadline)

    def _start(self) -> None:
        # The thread is started lazily, and again in a forked child (gunicorn loads the
        # application in its master, then forks workers: threads do not survive a fork).
        if self._pid != os.getpid():
            self._pid = os.getpid()
            threading.Thread(target=self._run, name="db-deadline", daemon=True).start()

    def _run(self) -> None:
        with self._condition:
            while True:
                now = time.monotonic()
                for deadline in [d for d in self._deadlines if d.expires <= now]:
                    # Under the lock: a call that ends now waits for this to finish, so a
                    # socket is never shut down once its deadline is disarmed.
                    self._deadlines.discard(deadline)
                    deadline.fired = True
                    _sever(deadline.fd)
                wait = min((d.expires for d in self._deadlines), default=now + 3600) - now
                self._condition.wait(max(wait, 0.001))


def _sever(fd: int) -> None:
    try:
        sock = socket.socket(fileno=os.dup(fd))
    except OSError:  # already closed
        return
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    finally:
        sock.close()
    logger.warning("Database call abandoned after its client-side deadline")


watchdog = Watchdog()
