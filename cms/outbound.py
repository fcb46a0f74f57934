"""Requests our server makes to addresses that people typed: webhooks, the links of offers.
They go to the public Internet only, never to this machine nor a private network, where a
request from our server would reach services that trust whoever calls from inside
(server-side request forgery: databases, admin consoles, the cloud's metadata service at
169.254.169.254).

The rule holds on the addresses a request actually connects to: a name that pointed to a
public address when it was typed may point to 127.0.0.1 by the time of the request (DNS
rebinding), so a connection resolves the name once, checks every address, and connects to
those very addresses, never to the name again. A form may also check a URL beforehand
(`check_url`), for a clear error under the field.

Each kind of request declares its `Targets`: the schemes it uses, the setting that opens
private networks to it (development, and tests with a server on loopback; credentials in
the URL stay refused) and how its refusals are worded for the people who read them."""

import functools
import http.client
import ipaddress
import socket
import ssl
from dataclasses import dataclass
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
    """An address a request may not reach. The message is for the people who typed it: it
    shows under a form field, in a delivery log or in a report."""

    def __init__(self, message: Promise, code: str, **params):
        self.message, self.code, self.params = message, code, params
        super().__init__(self.text)

    @property
    def text(self) -> str:
        return str(self.message) % self.params if self.params else str(self.message)


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


def target_port(parts: SplitResult) -> int:
    return parts.port or DEFAULT_PORTS[parts.scheme]


@functools.cache
def tls_context() -> ssl.SSLContext:
    """The system's trusted authorities, host names checked; loaded on the first HTTPS
    request rather than by every process that imports this module."""
    return ssl.create_default_context()


@dataclass(frozen=True)
class Targets:
    """Where one kind of request may go.

    `schemes` are those it may use; with the setting named `allow_private_setting` on,
    plain HTTP is accepted too (a developer's server seldom has a certificate). The
    messages are worded for the request's readers: `private_address_message` takes
    `%(address)s`, `private_name_message` `%(host)s` and `%(address)s`."""

    allow_private_setting: str
    schemes: tuple[str, ...]
    scheme_message: Promise
    private_address_message: Promise
    private_name_message: Promise

    def private_networks_allowed(self) -> bool:
        # Read at each call, so that a test may turn it on for its loopback server alone.
        return getattr(settings, self.allow_private_setting)

    def parse_url(self, url: str) -> SplitResult:
        """The URL's parts, once its scheme and the absence of credentials are checked."""
        parts = urlsplit(url)
        schemes = ("http", "https") if self.private_networks_allowed() else self.schemes
        if parts.scheme not in schemes:
            raise TargetRefused(self.scheme_message, "scheme")
        # Credentials in a URL end up in logs and in the admin's listings.
        if parts.username is not None or parts.password is not None:
            raise TargetRefused(
                _("The address must not contain a user name or a password."), "credentials"
            )
        if not parts.hostname:
            raise TargetRefused(_("The address has no host name."), "host")
        return parts

    def resolve(self, host: str, port: int) -> list[tuple]:
        """Every address `host` resolves to, as `socket.getaddrinfo` gives them, each one
        checked: a single private address refuses the name, since the next resolution may
        well put it first. DNS failures are left to the caller (`socket.gaierror`)."""
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        if self.private_networks_allowed():
            return infos
        for _family, _type, _proto, _canonname, sockaddr in infos:
            address = ipaddress.ip_address(sockaddr[0])
            if is_public_address(address):
                continue
            if address == _literal_address(host):
                raise TargetRefused(
                    self.private_address_message, "private_address", address=address
                )
            raise TargetRefused(
                self.private_name_message, "private_address", host=host, address=address
            )
        return infos

    def check_url(self, url: str) -> None:
        """What a URL must pass to be saved; raises `TargetRefused`."""
        parts = self.parse_url(url)
        try:
            self.resolve(parts.hostname, target_port(parts))
        except (socket.gaierror, UnicodeError) as error:
            raise _unknown_host(parts.hostname) from error

    def connect(self, host: str, port: int, *, timeout: float) -> socket.socket:
        """A socket connected to `host`, through the addresses `resolve` checked: the name
        is resolved here once, and never again for this connection."""
        error: OSError | None = None
        for family, type_, proto, _canonname, sockaddr in self.resolve(host, port):
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

    def http_connection(self, parts: SplitResult, *, timeout: float) -> http.client.HTTPConnection:
        """An HTTP(S) connection to the URL's host, not yet open, that connects through
        `connect` when a request is sent. `parts` come from `parse_url`."""
        connection_class = (
            _CheckedHTTPSConnection if parts.scheme == "https" else _CheckedHTTPConnection
        )
        return connection_class(
            _ascii_host(parts.hostname), target_port(parts), timeout=timeout, targets=self
        )


class _CheckedHTTPConnection(http.client.HTTPConnection):
    """A connection made through `Targets.connect`, to the addresses it checked. The host
    name stays the connection's `host`, so the Host header names it."""

    def __init__(self, host: str, port: int, *, timeout: float, targets: Targets):
        super().__init__(host, port, timeout=timeout)
        self.targets = targets

    def connect(self):
        self.sock = self.targets.connect(self.host, self.port, timeout=self.timeout)


class _CheckedHTTPSConnection(_CheckedHTTPConnection):
    default_port = http.client.HTTPS_PORT

    def connect(self):
        super().connect()
        # The checked address is connected to, but TLS is spoken with the host name: it
        # goes in the SNI and the certificate must be valid for it.
        self.sock = tls_context().wrap_socket(self.sock, server_hostname=self.host)


def _literal_address(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


def _unknown_host(host: str) -> TargetRefused:
    return TargetRefused(_("The host name %(host)s cannot be found."), "unknown_host", host=host)


def _ascii_host(host: str) -> str:
    """The host name as it goes on the wire and in the Host header: an internationalised
    name (`é` in it) in its IDNA form, which `http.client` would refuse to send as it is."""
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError as error:
        raise _unknown_host(host) from error
