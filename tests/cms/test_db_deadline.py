"""The client-side deadline wakes a read blocked on a server that never answers."""

import socket
import time

from cms.db_deadline import Watchdog


def test_a_blocked_read_returns_once_the_deadline_runs_out():
    client, server = socket.socketpair()  # the server never writes: a frozen database
    with client, server:
        watchdog = Watchdog()
        deadline = watchdog.arm(client.fileno(), 0.05)
        client.settimeout(10)  # only so that a broken watchdog fails instead of hanging
        assert client.recv(1) == b""  # end of stream: the driver raises OperationalError
        watchdog.disarm(deadline)
        assert deadline.fired


def test_a_call_that_ends_in_time_keeps_its_connection():
    client, server = socket.socketpair()
    with client, server:
        watchdog = Watchdog()
        deadline = watchdog.arm(client.fileno(), 0.05)
        server.sendall(b"x")
        assert client.recv(1) == b"x"
        watchdog.disarm(deadline)
        time.sleep(0.2)  # past the deadline: the socket still works both ways
        server.sendall(b"y")
        client.settimeout(1)
        assert client.recv(1) == b"y"
        client.sendall(b"z")
        assert server.recv(1) == b"z"
        assert not deadline.fired
