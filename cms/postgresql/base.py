"""Django's PostgreSQL backend, made to fail fast when the server is down or frozen.

`DATABASES` names this backend whenever `DATABASE_URL` is a PostgreSQL one (base.py). It
adds, to what psycopg's `connect_timeout` and the server's `statement_timeout` already
bound:

- connections that give up after `DATABASE_CONNECT_TIMEOUT` even below psycopg's 2 s;
- a client-side deadline (`DATABASE_CLIENT_TIMEOUT_MS`) on every statement, commit,
  rollback and connection check (`cms.db_deadline`), for a server that stops answering on
  a connection already open (`CONN_MAX_AGE`);
- a circuit breaker (`DATABASE_BREAKER_SECONDS`, `cms.breaker`): once the server is found
  down, new connections fail at once for a few seconds, so each request is answered 503
  at once (`cms.unavailable`) instead of waiting for its own timeout.

Recovery needs nothing: Django discards a broken connection (`CONN_HEALTH_CHECKS` checks
a persistent one before its first use in a request), and the breaker lets a connection
through again after its pause."""

import logging
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import contextmanager

from django.conf import settings
from django.db import OperationalError
from django.db.backends.postgresql import base
from django.utils.functional import cached_property

from cms.breaker import Breaker
from cms.db_deadline import watchdog

logger = logging.getLogger("cms.database")

# One per database alias and process: a replica's outage leaves the primary alone.
_breakers: dict[str, Breaker] = {}
# Connections opened with a timeout shorter than psycopg's shortest (see _connect_within).
_connector = ThreadPoolExecutor(max_workers=2, thread_name_prefix="db-connect")


def _close_late(future) -> None:
    if not future.cancelled() and future.exception() is None:
        future.result().close()


class DatabaseWrapper(base.DatabaseWrapper):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # First in the list, so outermost: it also sees the errors of the others.
        self.execute_wrappers.insert(0, self._execute_within_deadline)

    @cached_property
    def breaker(self) -> Breaker:
        name = f"PostgreSQL ({self.alias})"
        return _breakers.setdefault(
            self.alias, Breaker(name, pause=settings.DATABASE_BREAKER_SECONDS)
        )

    @cached_property
    def client_timeout(self) -> float:
        return settings.DATABASE_CLIENT_TIMEOUT_MS / 1000

    def get_new_connection(self, conn_params):
        if self.breaker.is_open():
            raise OperationalError("PostgreSQL unavailable (circuit breaker open)")
        try:
            connection = self._connect_within(settings.DATABASE_CONNECT_TIMEOUT, conn_params)
        except Exception as error:
            self.breaker.failed(logger, error)
            raise
        self.breaker.succeeded(logger)
        return connection

    def _connect_within(self, timeout: float, conn_params):
        """psycopg waits at least 2 s for a connection (libpq's rule, `connect_timeout`
        rounded up). A shorter timeout is kept by connecting in a helper thread: past it,
        the request gives up, and a connection that comes late is closed by the helper."""
        if timeout >= conn_params.get("connect_timeout", 0):
            return super().get_new_connection(conn_params)
        future = _connector.submit(super().get_new_connection, conn_params)
        try:
            return future.result(timeout)
        except FutureTimeout:
            future.add_done_callback(_close_late)
            raise OperationalError(f"connection timeout expired ({timeout:g} s)") from None

    @cached_property
    def check_timeout(self) -> float:
        # A connection check is one `SELECT 1`: it gets no longer than a new connection
        # would, so that a frozen server is known within the connect timeout, not the
        # statement's (which a long report may need).
        if not self.client_timeout:
            return 0
        return min(self.client_timeout, settings.DATABASE_CONNECT_TIMEOUT)

    @contextmanager
    def _deadline(self, timeout: float | None = None):
        timeout = self.client_timeout if timeout is None else timeout
        connection = self.connection
        if not timeout or connection is None or connection.closed:
            yield None
            return
        deadline = watchdog.arm(connection.fileno(), timeout)
        try:
            yield deadline
        except Exception as error:
            if connection.broken or deadline.fired:
                self.breaker.failed(logger, error)
            raise
        finally:
            watchdog.disarm(deadline)

    def _execute_within_deadline(self, execute, sql, params, many, context):
        with self._deadline():
            return execute(sql, params, many, context)

    def _commit(self):
        with self._deadline():
            return super()._commit()

    def _rollback(self):
        with self._deadline():
            return super()._rollback()

    def is_usable(self):
        # A persistent connection is checked before its first use in a request: on a
        # frozen server that check would wait for ever. Cut short, it says "unusable",
        # and the breaker opens so that the reconnection fails at once.
        with self._deadline(self.check_timeout) as deadline:
            usable = super().is_usable()
        if deadline is not None and deadline.fired:
            self.breaker.failed(logger, OperationalError("connection check timed out"))
        return usable
