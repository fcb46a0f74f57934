"""Sentry: never imported without SENTRY_DSN, a clear message when the DSN is set but the
package is missing, and with a DSN, a view's exception reported once, tagged with the
request id and free of personal data. A receiver on loopback plays Sentry's server."""

import gzip
import json
import logging
import os
import subprocess
import sys
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from django.core.exceptions import ImproperlyConfigured
from django.urls import path

from cms.observability.sentry import init_sentry

ROOT = Path(__file__).resolve().parents[3]


def _boom(request):
    logging.getLogger("cms.api").warning("Slow answer for %s", request.user.email)
    raise RuntimeError(f"Boom in a view of {request.user.email}")


urlpatterns = [path("boom/", _boom)]


def _decoded(body: bytes, encoding: str | None) -> bytes:
    if encoding == "gzip":
        return gzip.decompress(body)
    if encoding == "br":
        import brotli

        return brotli.decompress(body)
    if encoding == "deflate":
        return zlib.decompress(body)
    return body


class _Envelopes(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.envelopes.append(_decoded(body, self.headers.get("Content-Encoding")))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def _events(envelopes: list[bytes]) -> list[dict]:
    """The `event` items of Sentry envelopes: a header line, then header and payload
    lines for each item."""
    events = []
    for envelope in envelopes:
        lines = envelope.split(b"\n")[1:]
        for header, payload in zip(lines[::2], lines[1::2], strict=False):
            if json.loads(header).get("type") == "event":
                events.append(json.loads(payload))
    return events


@pytest.fixture
def sentry_server(settings):
    import sentry_sdk

    server = ThreadingHTTPServer(("127.0.0.1", 0), _Envelopes)
    server.envelopes = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.SENTRY_DSN = f"http://publickey@127.0.0.1:{server.server_port}/1"
    settings.SENTRY_ENVIRONMENT = "recette"
    try:
        assert init_sentry()
        yield server
    finally:
        sentry_sdk.get_client().close()
        sentry_sdk.get_global_scope().set_client(None)
        server.shutdown()
        server.server_close()


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_an_exception_in_a_view_is_reported_with_the_request_id_and_no_personal_data(
    client, admin_user, sentry_server
):
    import sentry_sdk

    client.force_login(admin_user)
    client.raise_request_exception = False
    response = client.get("/boom/?token=s3cr3t-preview", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert response.status_code == 500
    sentry_sdk.flush(timeout=5)

    [event] = _events(sentry_server.envelopes)
    [exception] = event["exception"]["values"]
    assert exception["type"] == "RuntimeError"
    assert exception["value"] == "Boom in a view of [email]"
    assert not sentry_sdk.get_client().options["send_default_pii"]
    assert event["tags"]["request_id"] == response["X-Request-ID"]
    assert event["environment"] == "recette"
    breadcrumbs = [crumb.get("message") for crumb in event["breadcrumbs"]["values"]]
    assert "Slow answer for [email]" in breadcrumbs
    raw = json.dumps(event)
    for personal in (admin_user.email, "203.0.113.9", "s3cr3t-preview", client.session.session_key):
        assert personal not in raw
    assert "email" not in event.get("user", {})
    assert "ip_address" not in event.get("user", {})


def test_a_dsn_without_the_package_says_how_to_install_it(settings, monkeypatch):
    monkeypatch.setitem(sys.modules, "sentry_sdk", None)  # as if not installed
    settings.SENTRY_DSN = "http://publickey@127.0.0.1:9/1"
    with pytest.raises(ImproperlyConfigured, match="pip install sentry-sdk"):
        init_sentry()


def test_without_a_dsn_sentry_is_neither_imported_nor_started():
    script = (
        "import sys, django; django.setup(); import cms.urls; "
        "from cms.observability.sentry import init_sentry; "
        "print(init_sentry(), 'sentry_sdk' in sys.modules)"
    )
    environment = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "cms.settings.test"}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False"]
