"""The wire format of webhooks: the body, its signature and the HTTP call. Partners
verify with the same recipe (docs/api.md)."""

import hashlib
import hmac
import http.client
import json
import time
from dataclasses import dataclass

from django.utils.translation import gettext

from . import webhook_targets

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
    # Trying again cannot help (an address we refuse to reach): no retry.
    permanent: bool = False

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def post(*, url: str, body: str, secret: str, event: str, delivery: str, timeout: float) -> Outcome:
    """One attempt. The address is checked again here (`webhook_targets`), whatever the
    form let through when the webhook was saved. Redirects are not followed: one would
    turn the POST into a GET without its body, and lead to an address nobody checked."""
    raw = body.encode()
    try:
        parts = webhook_targets.parse_url(url)
        connection = webhook_targets.TARGETS.http_connection(parts, timeout=timeout)
        path = parts.path or "/"
        if parts.query:
            path = f"{path}?{parts.query}"
        try:
            connection.request(
                "POST",
                path,
                body=raw,
                headers={
                    "Content-Type": "application/json; charset=utf-8",
                    "User-Agent": USER_AGENT,
                    SIGNATURE_HEADER: signature(raw, secret),
                    TIMESTAMP_HEADER: str(int(time.time())),
                    EVENT_HEADER: event,
                    DELIVERY_HEADER: delivery,
                },
            )
            response = connection.getresponse()
            status, reason = response.status, response.reason
            location = response.getheader("Location", "")
        finally:
            connection.close()
    except webhook_targets.TargetRefused as refusal:
        return Outcome(None, refusal.text[:500], permanent=True)
    except (OSError, http.client.HTTPException, ValueError) as error:
        return Outcome(None, f"{type(error).__name__}: {error}"[:500])
    if 300 <= status < 400:
        message = gettext(
            "HTTP %(status)s %(reason)s: the redirection to %(location)s is not followed; "
            "give the webhook its final address."
        ) % {"status": status, "reason": reason, "location": location}
        return Outcome(status, message[:500])
    if not 200 <= status < 300:
        return Outcome(status, f"HTTP {status} {reason}"[:500])
    return Outcome(status)
