"""The schemathesis check of `scripts/fuzz_api.py`, loaded through SCHEMATHESIS_HOOKS.

schemathesis' own `not_a_server_error` takes any GraphQL error that carries a `path` and
no code it knows as a server error, which includes our documented `NOT_FOUND` for a
lookup (`data: {offer: null}`, a coded error). Our errors always carry a code, and a
server failure is exactly `INTERNAL`; so this check fails on an HTTP 5xx, a body that is
not a JSON object, an error without a code, or an `INTERNAL` one."""

import json

import schemathesis

SERVER_CODES = {"INTERNAL"}


@schemathesis.check
def not_an_internal_error(ctx, response, case):
    if response.status_code >= 500:
        raise AssertionError(f"HTTP {response.status_code}")
    try:
        payload = json.loads(response.content)
    except ValueError:
        raise AssertionError("The answer is not JSON.") from None
    if not isinstance(payload, dict):
        raise AssertionError("The answer is not a JSON object.")
    for error in payload.get("errors") or ():
        code = (error.get("extensions") or {}).get("code")
        if code is None or code in SERVER_CODES:
            raise AssertionError(f"Error {code or 'without a code'}: {error.get('message')}")
