"""The deadlines of our PostgreSQL backend (cms/postgresql): a statement gets the client
timeout, the check of a kept connection only the connect timeout, so that a frozen server
is answered 503 within 2 s (the fault suite, tests/faults, freezes a real one)."""

import pytest

from django.db import connections

from cms.db_deadline import watchdog

# The wrapper itself: `django.db.connection` is a proxy, without its cached properties.
connection = connections["default"]


@pytest.fixture
def fresh_timeouts():
    def clear():
        for name in ("client_timeout", "check_timeout"):
            connection.__dict__.pop(name, None)

    clear()
    yield
    clear()


@pytest.mark.django_db
def test_a_kept_connection_is_checked_within_the_connect_timeout(
    settings, monkeypatch, fresh_timeouts
):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's backend only")
    settings.DATABASE_CLIENT_TIMEOUT_MS = 6000
    settings.DATABASE_CONNECT_TIMEOUT = 1.5
    armed = []
    arm = watchdog.arm

    def recording_arm(fileno, timeout):
        armed.append(timeout)
        return arm(fileno, timeout)

    connection.ensure_connection()
    monkeypatch.setattr(watchdog, "arm", recording_arm)
    assert connection.is_usable()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    assert armed == [1.5, 6.0]


@pytest.mark.django_db
def test_without_a_client_timeout_nothing_is_armed(settings, monkeypatch, fresh_timeouts):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's backend only")
    settings.DATABASE_CLIENT_TIMEOUT_MS = 0
    connection.ensure_connection()
    monkeypatch.setattr(watchdog, "arm", lambda *args: pytest.fail("a deadline was armed"))
    assert connection.is_usable()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
