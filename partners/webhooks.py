"""The wire format of webhooks: the body, its signature and the HTTP call. Partners
verify with the same recipe (docs/api.md)."""

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass

SIGNATURE_HEADER = "X-Reperes-Signature"
TIMESTAMP_HEADER = "X-Reperes-Timestamp"
EVENT_HEADER = "X-Reperes-Event"
DELIVERY_HEADER = "X-Reperes-Delivery"
USER_AGENT = "Reperes-Webhooks/1"


def encode(payload: dict) -> str:
    """The body, compact and in a fixed key order, stored as sent."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def signature(body: bytes, secret: str) -> str:
    """`sha256=<hex>`: the HMAC-SHA256 of the raw body, keyed with the webhook's secret."""
    digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


@dataclass
class Outcome:
    status_code: int | None
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    # A redirect would turn the POST into a GET without the body; the partner must give
    # the final address instead.
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def post(*, url: str, body: str, secret: str, event: str, delivery: str, timeout: float) -> Outcome:
    raw = body.encode()
    request = urllib.request.Request(  # noqa: S310 (the URL field allows http and https only)
        url,
        data=raw,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": USER_AGENT,
            SIGNATURE_HEADER: signature(raw, secret),
            TIMESTAMP_HEADER: str(int(time.time())),
            EVENT_HEADER: event,
            DELIVERY_HEADER: delivery,
        },
    )
    try:
        with _opener.open(request, timeout=timeout) as response:
            return Outcome(response.status)
    except urllib.error.HTTPError as error:
        return Outcome(error.code, f"HTTP {error.code} {error.reason}"[:500])
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        return Outcome(None, f"{type(error).__name__}: {reason}"[:500])
