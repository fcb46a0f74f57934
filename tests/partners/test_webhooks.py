"""One delivery attempt on the wire: the name is resolved once, every address checked, and
the connection made to a checked address while HTTP and TLS still speak to the name (Host
header, SNI, certificate). Redirects are not followed. The partner's server is a receiver
on loopback, given a name by the `dns` fixture."""

import shutil
import socket
import ssl
import subprocess
from types import SimpleNamespace

import pytest

from cms import outbound
from partners import webhooks

NAME = "partenaire.example"


def _post(url: str) -> webhooks.Outcome:
    return webhooks.post(
        url=url, body='{"event":"page.published"}', secret="s", event="e", delivery="d", timeout=5
    )


def test_the_connection_goes_to_the_checked_address_and_keeps_the_name(dns, receiver):
    dns[NAME] = ["127.0.0.1"]
    outcome = _post(f"http://{NAME}:{receiver.port}/hooks/reperes?site=12")
    assert (outcome.status_code, outcome.error) == (200, "")
    [request] = receiver.requests
    assert request["headers"]["Host"] == f"{NAME}:{receiver.port}"
    # Resolved once: a second lookup is what DNS rebinding would answer differently.
    assert dns.lookups == [NAME]


@pytest.fixture
def no_connection(monkeypatch):
    """Fails the test if a socket is made to connect anywhere (the resolver still works)."""

    def refuse(*args):
        pytest.fail(f"a socket was made: {args}")

    guarded = SimpleNamespace(
        getaddrinfo=lambda *args, **kwargs: socket.getaddrinfo(*args, **kwargs),
        gaierror=socket.gaierror,
        SOCK_STREAM=socket.SOCK_STREAM,
        socket=refuse,
    )
    monkeypatch.setattr(outbound, "socket", guarded)


@pytest.mark.parametrize(
    "addresses", [["10.0.0.5"], ["169.254.169.254"], ["::1"], ["8.8.8.8", "127.0.0.1"]]
)
def test_a_name_that_points_inside_is_refused_before_any_connection(dns, no_connection, addresses):
    dns[NAME] = addresses
    outcome = _post(f"https://{NAME}/hooks/reperes")
    assert outcome.status_code is None
    assert outcome.permanent
    assert "adresse privée, locale ou réservée" in outcome.error
    assert dns.lookups == [NAME]


def test_the_rules_of_the_form_hold_at_delivery_too(dns, no_connection):
    dns[NAME] = ["8.8.8.8"]
    for url in (f"http://{NAME}/hooks", f"https://moi:secret@{NAME}/hooks"):
        outcome = _post(url)
        assert (outcome.status_code, outcome.permanent) == (None, True)
    assert dns.lookups == []


def test_a_redirect_is_not_followed(receiver_factory):
    receiver = receiver_factory(
        [302], headers={"Location": "http://169.254.169.254/latest/meta-data/"}
    )
    outcome = _post(receiver.url)
    assert len(receiver.requests) == 1
    assert outcome.status_code == 302
    assert not outcome.ok
    assert "la redirection vers http://169.254.169.254/latest/meta-data/ n'est pas suivie" in (
        outcome.error
    )


@pytest.fixture
def certificate(tmp_path):
    """A self-signed certificate for NAME only, and a client context that trusts it."""
    if not shutil.which("openssl"):
        pytest.skip("openssl is needed to make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(  # noqa: S603 (fixed arguments)
        [  # noqa: S607
            "openssl",
            "req",
            "-x509",
            "-nodes",
            "-days",
            "1",
            "-subj",
            f"/CN={NAME}",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-addext",
            f"subjectAltName=DNS:{NAME}",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],  # fmt: skip
        check=True,
        capture_output=True,
    )
    server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server.load_cert_chain(cert, key)
    return server, ssl.create_default_context(cafile=cert)


def test_tls_speaks_to_the_name_on_the_checked_address(
    dns, receiver_factory, certificate, monkeypatch
):
    server_context, client_context = certificate
    monkeypatch.setattr(outbound, "tls_context", lambda: client_context)
    receiver = receiver_factory([204], tls=server_context)
    dns[NAME] = ["127.0.0.1"]
    outcome = _post(f"https://{NAME}:{receiver.port}/hooks/reperes")
    assert (outcome.status_code, outcome.error) == (204, "")
    assert receiver.server_names == [NAME]
    assert receiver.requests[0]["headers"]["Host"] == f"{NAME}:{receiver.port}"

    # The certificate is checked against the name asked for, not the address reached.
    dns["autre.example"] = ["127.0.0.1"]
    outcome = _post(f"https://autre.example:{receiver.port}/hooks/reperes")
    assert outcome.status_code is None
    assert "CERTIFICATE_VERIFY_FAILED" in outcome.error
    assert not outcome.permanent
