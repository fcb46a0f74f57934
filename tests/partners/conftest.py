import ipaddress
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


class Receiver:
    """A partner's server on loopback: records each request and answers the statuses
    it is told, in turn (the last one repeats); with a TLS context, over HTTPS, keeping
    the server names the clients asked for (SNI)."""

    def __init__(self, statuses, tls=None, headers=None):
        self.statuses = list(statuses)
        self.requests = []
        self.server_names = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append({"headers": dict(self.headers), "body": body})
                index = min(len(receiver.requests), len(receiver.statuses)) - 1
                self.send_response(receiver.statuses[index])
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_port
        self.url = f"http://127.0.0.1:{self.port}/hooks/reperes"
        if tls is not None:
            tls.sni_callback = lambda _socket, name, _context: self.server_names.append(name)
            self.server.socket = tls.wrap_socket(self.server.socket, server_side=True)
            self.url = f"https://127.0.0.1:{self.port}/hooks/reperes"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def loopback_allowed(settings):
    """Receivers listen on loopback, which webhooks may only reach with this setting."""
    settings.WEBHOOK_ALLOW_PRIVATE_NETWORKS = True


@pytest.fixture
def receiver(loopback_allowed):
    """A receiver answering 200; `receiver_factory` for other statuses."""
    with Receiver([200]) as server:
        yield server


@pytest.fixture
def receiver_factory(loopback_allowed):
    servers = []

    def make(statuses, **options):
        server = Receiver(statuses, **options).__enter__()
        servers.append(server)
        return server

    yield make
    for server in servers:
        server.__exit__(None, None, None)


class FakeResolver(dict):
    def __init__(self):
        super().__init__()
        self.lookups = []


@pytest.fixture
def dns(monkeypatch):
    """`socket.getaddrinfo` answering for the names it is given
    (`dns["partenaire.example"] = ["10.0.0.5"]`) and recording each lookup of them
    (`dns.lookups`). Other names go to the real resolver, so that the database and the
    cache are still found."""
    resolver = FakeResolver()
    real_getaddrinfo = socket.getaddrinfo

    def getaddrinfo(host, port, family=0, type=0, proto=0, flags=0):
        if host not in resolver:
            return real_getaddrinfo(host, port, family, type, proto, flags)
        resolver.lookups.append(host)
        infos = []
        for text in resolver[host]:
            address = ipaddress.ip_address(text)
            if address.version == 4:
                infos.append((socket.AF_INET, socket.SOCK_STREAM, 6, "", (text, port)))
            else:
                infos.append((socket.AF_INET6, socket.SOCK_STREAM, 6, "", (text, port, 0, 0)))
        return infos

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return resolver
