"""Who is calling: the address that rate limits count anonymous requests against."""

import ipaddress

from django.conf import settings


def client_address(request) -> str:
    """The caller's address: `REMOTE_ADDR`, or behind a proxy the header it sets
    (`API_CLIENT_IP_HEADER`). Of a list such as `X-Forwarded-For`, the right-most entry is
    the one our own proxy wrote; those left of it are whatever the client claimed.

    IPv6 callers are counted per /64, the block one subscriber gets: counting single
    addresses would give anyone billions of fresh limits."""
    candidates = []
    if settings.API_CLIENT_IP_HEADER:
        meta = "HTTP_" + settings.API_CLIENT_IP_HEADER.upper().replace("-", "_")
        candidates.append(request.META.get(meta, "").rsplit(",", 1)[-1].strip())
    candidates.append(request.META.get("REMOTE_ADDR", ""))
    for candidate in candidates:
        try:
            address = ipaddress.ip_address(candidate)
        except ValueError:
            continue
        if address.version == 6 and address.ipv4_mapped is None:
            return str(ipaddress.ip_network(f"{address}/64", strict=False))
        return str(getattr(address, "ipv4_mapped", None) or address)
    return "unknown"
