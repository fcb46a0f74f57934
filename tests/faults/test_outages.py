"""The site under gunicorn (production settings, 3 workers) while its PostgreSQL is
stopped or frozen and while its Redis is stopped: each answer comes within the HTTP
client's timeout (2 s), and says what a client or a load balancer needs to know.

Every request that must reach the database is one no cache holds: a page's query string,
a GraphQL alias, both new each time."""

import itertools
import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass

import pytest

from django.utils import translation
from django.utils.translation import gettext

from .conftest import SITE_SETTINGS

pytestmark = pytest.mark.faults

# The bound on every answer: an outage must be told fast, never waited out.
CLIENT_TIMEOUT = 2
_fresh = itertools.count()
_addresses = (f"192.0.2.{n}" for n in itertools.count(1))


@dataclass
class Answer:
    status: int
    headers: dict
    body: bytes

    def json(self):
        return json.loads(self.body)

    @property
    def text(self) -> str:
        return self.body.decode()


def request(site, path, *, data=None, address=None, headers=None) -> Answer:
    headers = {"X-Forwarded-For": address or next(_addresses), **(headers or {})}
    if data is not None:
        data = json.dumps(data).encode()
        headers["Content-Type"] = "application/json"
    req = urllib.request.Request(site.url(path), data=data, headers=headers)  # noqa: S310
    try:
        with urllib.request.urlopen(req, timeout=CLIENT_TIMEOUT) as response:  # noqa: S310
            return Answer(response.status, dict(response.headers), response.read())
    except urllib.error.HTTPError as error:
        return Answer(error.code, dict(error.headers), error.read())


def fresh_page(site, **kwargs) -> Answer:
    return request(site, f"/?fresh={next(_fresh)}", **kwargs)


def fresh_query() -> str:
    return f"{{ q{next(_fresh)}: offers {{ items {{ title }} }} }}"


def api_get(site, **kwargs) -> Answer:
    query = urllib.parse.quote(fresh_query())
    return request(site, f"/graphql/?query={query}", **kwargs)


def api_post(site, **kwargs) -> Answer:
    return request(site, "/graphql/", data={"query": fresh_query()}, **kwargs)


def wait_for(predicate, timeout=20):
    """Poll until `predicate()` holds (the server recovers by itself)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            if predicate():
                return
        except (TimeoutError, urllib.error.URLError):
            pass
        if time.monotonic() > deadline:
            pytest.fail("the site did not recover")
        time.sleep(0.3)


def assert_api_unavailable(answer: Answer):
    assert answer.status == 503, answer.body
    assert int(answer.headers["Retry-After"]) > 0
    assert answer.headers["Content-Type"] == "application/json"
    (error,) = answer.json()["errors"]
    assert error["extensions"]["code"] == "UNAVAILABLE"
    with translation.override("fr"):
        assert error["message"] == gettext(
            "The service is temporarily unavailable. Try again in a few moments."
        )


def assert_page_unavailable(answer: Answer):
    assert answer.status == 503, answer.body[:500]
    assert int(answer.headers["Retry-After"]) > 0
    assert answer.headers["Cache-Control"] == "no-store"
    assert '<html lang="fr">' in answer.text
    with translation.override("fr"):
        assert gettext("Service temporarily unavailable") in answer.text


def assert_database_unavailable(site):
    for _ in range(3):  # more requests than workers: every worker's first failure, then its breaker
        assert_page_unavailable(fresh_page(site))
        assert_api_unavailable(api_get(site))
        assert_api_unavailable(api_post(site))
    assert_api_unavailable(request(site, "/opendata/offres.json"))
    # The API key's lookup runs in a middleware, before any view.
    assert_api_unavailable(api_get(site, headers={"Authorization": "Bearer some-key"}))
    ready = request(site, "/readyz")
    assert ready.status == 503
    assert ready.json()["status"] == "unavailable"
    assert ready.json()["checks"]["database"].startswith("unavailable")
    assert ready.headers["Cache-Control"].startswith("max-age=0")
    assert "no-store" in ready.headers["Cache-Control"]
    assert request(site, "/healthz").status == 200


def assert_serving(site):
    page = fresh_page(site)
    assert page.status == 200, site.logs()[-3000:]
    answer = api_get(site)
    assert answer.status == 200, site.logs()[-3000:]
    assert "errors" not in answer.json()
    assert api_post(site).status == 200, site.logs()[-3000:]


def wait_for_database(site):
    """Once the database answers one request, every worker's breaker closes at the latest
    when its pause is over (it may have opened it just before)."""
    wait_for(lambda: request(site, "/readyz").status == 200)
    time.sleep(float(SITE_SETTINGS["DATABASE_BREAKER_SECONDS"]))


def test_healthy(site):
    assert_serving(site)
    ready = request(site, "/readyz")
    assert (ready.status, ready.json()) == (
        200,
        {"status": "ok", "checks": {"database": "ok", "cache": "ok", "task_queue": "ok"}},
    )
    assert "no-store" in ready.headers["Cache-Control"]
    alive = request(site, "/healthz")
    assert (alive.status, alive.json()) == (200, {"status": "ok"})


def test_database_stopped(site, postgres):
    workers = site.workers()
    postgres.stop()
    try:
        assert_database_unavailable(site)
    finally:
        postgres.start()
    wait_for_database(site)
    for _ in range(3):
        assert_serving(site)
    # Recovered by itself: no worker was killed (gunicorn's timeout) nor restarted.
    assert site.workers() == workers, site.logs()[-3000:]


def test_database_frozen(site, postgres):
    assert_serving(site)  # the workers hold open connections (CONN_MAX_AGE)
    workers = site.workers()
    postgres.freeze()
    try:
        assert_database_unavailable(site)
    finally:
        postgres.thaw()
    wait_for_database(site)
    for _ in range(3):
        assert_serving(site)
    assert site.workers() == workers, site.logs()[-3000:]


def test_redis_stopped(site, redis):
    redis.stop()
    try:
        for _ in range(3):
            assert_serving(site)
        ready = request(site, "/readyz")
        assert ready.status == 200
        assert ready.json()["status"] == "degraded"
        assert ready.json()["checks"]["cache"].startswith("unavailable")
        # Past the anonymous limit (3 a minute), one address is still served.
        address = next(_addresses)
        for _ in range(6):
            assert api_get(site, address=address).status == 200
        assert "Rate limits not enforced: the shared cache is unreachable" in site.logs()
    finally:
        redis.start()

    # Back: pages are stored and served from the cache again, and limits enforced.
    def page_cached():
        path = f"/?fresh={next(_fresh)}"
        request(site, path)
        return request(site, path).headers.get("X-Page-Cache") == "hit"

    wait_for(page_cached)
    address = next(_addresses)
    wait_for(lambda: api_get(site, address=address).status == 429)
