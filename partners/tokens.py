"""The form of an API key, and the hash under which it is stored.

A key is `rp_` and 40 random URL-safe characters (240 bits). Such a key cannot be guessed,
so a plain SHA-256 is enough to store it: a slow password hash would only slow every API
request down. The visible start (`rp_` and 8 characters) identifies a key in the admin and
in logs without revealing it."""

import hashlib
import secrets

TOKEN_PREFIX = "rp_"  # noqa: S105 (a visible marker, not a secret)
VISIBLE_CHARS = len(TOKEN_PREFIX) + 8


def token_generate() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(30)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_visible_start(token: str) -> str:
    return token[:VISIBLE_CHARS]
