"""Checking addresses over HTTP, politely: a few requests at a time (`LINK_CHECK_CONCURRENCY`)
and fewer to any one host (`LINK_CHECK_PER_HOST`), each bounded by a timeout, a `User-Agent`
that names the site and where to reach it, HEAD first and GET only when HEAD is refused.

The addresses were typed by editors, and the server is the one that connects: every
connection, redirects included, goes through the public-address guard of `cms.outbound`
(`LINK_CHECK_ALLOW_PRIVATE_NETWORKS` opens private networks, for development and the tests'
server on loopback). That is why redirects are followed here, hop by hop, rather than by
urllib: each hop is checked like the first, and HEAD stays HEAD (urllib turns a redirected
HEAD into a GET).

This module knows no model: it takes addresses and gives results."""

import http.client
import socket
import ssl
import threading
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from itertools import chain, zip_longest
from urllib.parse import SplitResult, quote, urljoin, urlsplit

from django.conf import settings
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from cms.outbound import TargetRefused, Targets

TARGETS = Targets(
    allow_private_setting="LINK_CHECK_ALLOW_PRIVATE_NETWORKS",
    schemes=("http", "https"),
    scheme_message=_("Use an address that starts with http:// or https://."),
    private_address_message=_(
        "%(address)s is a private, local or reserved address: the link checker only "
        "reaches public Internet addresses."
    ),
    private_name_message=_(
        "%(host)s points to %(address)s, a private, local or reserved address: the link "
        "checker only reaches public Internet addresses."
    ),
)

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# Characters left as they are in a request's path and query; anything else (accented
# letters, spaces typed by an editor) is percent-encoded, as a browser would.
PATH_SAFE = "/%:@!$&'()*+,;=-._~"
QUERY_SAFE = PATH_SAFE + "?"


@dataclass(frozen=True)
class LinkResult:
    """The outcome of checking one address: the final HTTP status, or why there is none."""

    status_code: int | None = None
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error and self.status_code is not None and self.status_code < 400


class _Redirect(Exception):
    def __init__(self, location: str):
        self.location = location


def user_agent() -> str:
    """`Mozilla/5.0 (compatible; …)` as the crawlers of search engines write it, so that
    servers which answer browsers only still answer; the name of the site in ASCII (a
    header allows no other), and its address, where a webmaster learns who calls."""
    name = unicodedata.normalize("NFKD", settings.WAGTAIL_SITE_NAME)
    name = "".join(c for c in name.encode("ascii", "ignore").decode() if c.isalnum()) or "Site"
    return f"Mozilla/5.0 (compatible; {name}-LinkChecker/1.0; +{settings.SITE_URL}/)"


class LinkChecker:
    """Checks addresses with a pool of `concurrency` threads, never more than `per_host`
    requests at once to the same host name."""

    def __init__(
        self,
        *,
        concurrency: int,
        per_host: int,
        timeout: float,
        max_redirects: int,
        user_agent: str,
    ):
        self.concurrency = max(1, concurrency)
        self.per_host = max(1, per_host)
        self.timeout = timeout
        self.max_redirects = max_redirects
        self.user_agent = user_agent
        self._host_slots: dict[str, threading.BoundedSemaphore] = {}
        self._host_slots_lock = threading.Lock()

    @classmethod
    def from_settings(cls) -> "LinkChecker":
        return cls(
            concurrency=settings.LINK_CHECK_CONCURRENCY,
            per_host=settings.LINK_CHECK_PER_HOST,
            timeout=settings.LINK_CHECK_TIMEOUT_SECONDS,
            max_redirects=settings.LINK_CHECK_MAX_REDIRECTS,
            user_agent=user_agent(),
        )

    def check_all(self, urls: Iterable[str]) -> dict[str, LinkResult]:
        """The result of each address, each checked once."""
        ordered = _interleaved_by_host(dict.fromkeys(urls))
        # Messages are worded in the caller's language, whatever the pool's threads have.
        language = translation.get_language()

        def check(url):
            with translation.override(language):
                return self.check(url)

        with ThreadPoolExecutor(
            max_workers=self.concurrency, thread_name_prefix="link-check"
        ) as pool:
            return dict(zip(ordered, pool.map(check, ordered), strict=True))

    def check(self, url: str) -> LinkResult:
        result = self._follow(url, "HEAD")
        # HEAD is refused (405, 501), or mishandled, by enough servers that an error
        # status to HEAD is only believed once GET says the same.
        if result.status_code is not None and result.status_code >= 400:
            result = self._follow(url, "GET")
        return result

    def _follow(self, url: str, method: str) -> LinkResult:
        seen = {url}
        for hop in range(self.max_redirects + 1):
            try:
                return LinkResult(status_code=self._request(url, method))
            except _Redirect as redirect:
                url = redirect.location
            except TargetRefused as refusal:
                if refusal.code == "scheme" and hop > 0:
                    message = gettext("Redirects to %(url)s, which is not a web address.")
                    return LinkResult(error=message % {"url": url})
                return LinkResult(error=refusal.text)
            except Exception as error:  # whatever fails is the link's result, not the run's
                return LinkResult(error=self._describe(error, url))
            if url in seen:
                return LinkResult(
                    error=gettext("Redirect loop: %(url)s is reached again.") % {"url": url}
                )
            seen.add(url)
        return LinkResult(
            error=gettext("Too many redirects (more than %(count)d).")
            % {"count": self.max_redirects}
        )

    def _request(self, url: str, method: str) -> int:
        """The status of one request; raises `_Redirect` with the absolute next address."""
        parts = TARGETS.parse_url(url)
        connection = TARGETS.http_connection(parts, timeout=self.timeout)
        with self._host_slot(parts.hostname):
            try:
                connection.request(
                    method,
                    _request_target(parts),
                    headers={
                        "User-Agent": self.user_agent,
                        "Accept": "text/html,application/xhtml+xml,*/*;q=0.8",
                        "Accept-Language": "fr",
                        "Connection": "close",
                    },
                )
                # The status line and headers are all we need: the body is never read.
                response = connection.getresponse()
                status, location = response.status, response.getheader("Location")
            finally:
                connection.close()
        if status in REDIRECT_STATUSES and location:
            raise _Redirect(urljoin(url, location.strip()))
        return status

    def _host_slot(self, host: str) -> threading.BoundedSemaphore:
        key = host.lower()
        with self._host_slots_lock:
            if key not in self._host_slots:
                self._host_slots[key] = threading.BoundedSemaphore(self.per_host)
            return self._host_slots[key]

    def _describe(self, error: Exception, url: str) -> str:
        """The error in the words of the report (French), or at least its kind."""
        if isinstance(error, TimeoutError):
            # French puts less than two seconds in the singular, as int() rounds them.
            message = ngettext(
                "No answer within %(seconds)s second.",
                "No answer within %(seconds)s seconds.",
                int(self.timeout),
            )
            # « 10 secondes » for the setting's 10.0, « 0,5 seconde » for 0.5.
            seconds = int(self.timeout) if self.timeout == int(self.timeout) else self.timeout
            return message % {"seconds": number_format(seconds)}
        if isinstance(error, ConnectionRefusedError):
            return gettext("Connection refused.")
        if isinstance(error, socket.gaierror):
            host = urlsplit(url).hostname
            return gettext("The host name %(host)s cannot be found.") % {"host": host}
        if isinstance(error, ssl.SSLCertVerificationError):
            return gettext("Invalid certificate: %(reason)s.") % {
                "reason": error.verify_message or error.reason
            }
        if isinstance(error, ssl.SSLError):
            return gettext("Secure connection failed (%(reason)s).") % {
                "reason": error.reason or type(error).__name__
            }
        if isinstance(error, http.client.HTTPException):
            return gettext("Invalid answer from the server (%(kind)s).") % {
                "kind": type(error).__name__
            }
        if isinstance(error, OSError):
            return gettext("Connection failed (%(kind)s).") % {"kind": type(error).__name__}
        return gettext("Invalid address (%(kind)s).") % {"kind": type(error).__name__}


def _request_target(parts: SplitResult) -> str:
    path = quote(parts.path or "/", safe=PATH_SAFE)
    return f"{path}?{quote(parts.query, safe=QUERY_SAFE)}" if parts.query else path


def _interleaved_by_host(urls: Iterable[str]) -> list[str]:
    """The addresses one host after another, round after round, so that the pool's
    threads are spread over hosts instead of queueing for the same one."""
    by_host: dict[str, list[str]] = defaultdict(list)
    for url in urls:
        try:
            host = (urlsplit(url).hostname or "").lower()
        except ValueError:
            host = ""
        by_host[host].append(url)
    rounds = zip_longest(*by_host.values())
    return [url for url in chain.from_iterable(rounds) if url is not None]
