"""Where a webhook may be sent: a public Internet address, over HTTPS. Never this machine
nor a private network, where a request from our server would reach services that trust
whoever calls from inside (server-side request forgery: databases, admin consoles, the
cloud's metadata service at 169.254.169.254).

The check runs twice. When a coordinator saves a webhook, for a clear form error. And
when a delivery connects, on the addresses it actually connects to: a name that pointed
to a public address when it was saved may point to 127.0.0.1 by the time of a delivery
(DNS rebinding), so a delivery resolves the name once, checks every address, and connects
to those very addresses, never to the name again.

`WEBHOOK_ALLOW_PRIVATE_NETWORKS` lifts the scheme and address rules (development, and the
tests' receiver on loopback); credentials in the URL stay refused."""

import ipaddress
import socket
from urllib.parse import SplitResult, urlsplit

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

DEFAULT_PORTS = {"http": 80, "https": 443}

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# IPv6 addresses that carry an IPv4 address a gateway will reach in the end: what counts
# is that IPv4 address. (IPv4-mapped ones have `ipv4_mapped`, 6to4 ones `sixtofour`.)
NAT64_PREFIX = ipaddress.ip_network("64:ff9b::/96")
# Not globally reachable, but not yet in the tables of Python 3.11's ipaddress (later
# versions added them: python/cpython#113171).
OTHER_NON_GLOBAL_NETWORKS = tuple(
    ipaddress.ip_network(network)
    for network in (
        "192.0.0.0/24",  # IETF protocol assignments
        "64:ff9b:1::/48",  # NAT64 for local use
        "3fff::/20",  # documentation
        "5f00::/16",  # segment routing
    )
)


class TargetRefused(Exception):
    """An address a webhook may not reach. The message is for the coordinator: it shows
    under the form field, and in the delivery log."""

    def __init__(self, message: Promise, code: str, **params):
        self.message, self.code, self.params = message, code, params
        super().__init__(self.text)

    @property
    def text(self) -> str:
        return str(self.message) % self.params if self.params else str(self.message)


def private_networks_allowed() -> bool:
    # Read at each call, so that a test may turn it on for its loopback receiver alone.
    return settings.WEBHOOK_ALLOW_PRIVATE_NETWORKS


def is_public_address(address: IPAddress) -> bool:
    """Whether the address is reachable on the public Internet, and only there."""
    if address.version == 6:
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address in NAT64_PREFIX:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFF_FFFF)
        if embedded is not None:
            return is_public_address(embedded)
    # `is_global` alone lets multicast through in Python 3.11, and knows no site-local;
    # the other tests it implies are spelt out, in case its tables change again.
    return (
        address.is_global
        and not address.is_private
        and not address.is_loopback
        and not address.is_unspecified
        and not address.is_multicast
        and not address.is_reserved
        and not address.is_link_local
        and not (address.version == 6 and address.is_site_local)
        and not any(address in network for network in OTHER_NON_GLOBAL_NETWORKS)
    )


def parse_url(url: str) -> SplitResult:
    """The URL's parts, once its scheme and the absence of credentials are checked."""
    parts = urlsplit(url)
    schemes = ("http", "https") if private_networks_allowed() else ("https",)
    if parts.scheme not in schemes:
        raise TargetRefused(_("Use an address that starts with https://."), "scheme")
    # Credentials in a URL end up in logs and in the admin's listing; a partner who wants
    # to authenticate our calls checks the signature.
    if parts.username is not None or parts.password is not None:
        raise TargetRefused(
            _("The address must not contain a user name or a password."), "credentials"
        )
    if not parts.hostname:
        raise TargetRefused(_("The address has no host name."), "host")
    return parts


def target_port(parts: SplitResult) -> int:
    return parts.port or DEFAULT_PORTS[parts.scheme]


def resolve(host: str, port: int) -> list[tuple]:
    """Every address `host` resolves to, as `socket.getaddrinfo` gives them, each one
    checked: a single private address refuses the name, since the next resolution may
    well put it first. DNS failures are left to the caller (`socket.gaierror`)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    if private_networks_allowed():
        return infos
    for _family, _type, _proto, _canonname, sockaddr in infos:
        address = ipaddress.ip_address(sockaddr[0])
        if is_public_address(address):
            continue
        if address == _literal_address(host):
            raise TargetRefused(
                _(
                    "%(address)s is a private, local or reserved address: a webhook only "
                    "reaches public Internet addresses."
                ),
                "private_address",
                address=address,
            )
        raise TargetRefused(
            _(
                "%(host)s points to %(address)s, a private, local or reserved address: a "
                "webhook only reaches public Internet addresses."
            ),
            "private_address",
            host=host,
            address=address,
        )
    return infos


def _literal_address(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


def check_url(url: str) -> None:
    """What a webhook's URL must pass to be saved; raises `TargetRefused`."""
    parts = parse_url(url)
    try:
        resolve(parts.hostname, target_port(parts))
    except (socket.gaierror, UnicodeError) as error:
        raise TargetRefused(
            _("The host name %(host)s cannot be found."), "unknown_host", host=parts.hostname
        ) from error


def connect(host: str, port: int, *, timeout: float) -> socket.socket:
    """A socket connected to `host`, through the addresses `resolve` checked: the name is
    resolved here once, and never again for this connection."""
    error: OSError | None = None
    for family, type_, proto, _canonname, sockaddr in resolve(host, port):
        sock = socket.socket(family, type_, proto)
        try:
            sock.settimeout(timeout)
            sock.connect(sockaddr)
        except OSError as exc:
            sock.close()
            error = exc
            continue
        return sock
    raise error or OSError(f"{host} has no address")
