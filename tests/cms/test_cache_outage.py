"""Redis down: the cache misses and drops writes instead of failing, its breaker spares
each operation the timeout, counters count nothing and rate limits let requests through."""

import logging

import pytest
from redis.exceptions import ConnectionError as RedisConnectionError

from django.core.cache import caches

from cms import content_version
from cms.cache import TolerantRedisCache, cache_recovered
from partners import counters, ratelimit
from tests.processes import free_port


@pytest.fixture
def dead_redis(settings):
    """A Redis cache whose server is not there (nothing listens on the port)."""
    backend = TolerantRedisCache(
        f"redis://127.0.0.1:{free_port()}/0",
        {"OPTIONS": {"socket_timeout": 0.2, "socket_connect_timeout": 0.2}},
    )
    yield backend
    backend.close()


def test_reads_miss_and_writes_are_dropped(dead_redis):
    assert dead_redis.get("k", "default") == "default"
    assert dead_redis.get_many(["a", "b"]) == {}
    assert dead_redis.set("k", 1) is None
    assert dead_redis.add("k", 1) is False
    assert dead_redis.incr("k") == 0
    assert dead_redis.delete("k") is False
    assert dead_redis.has_key("k") is False


def test_the_breaker_spares_redis_after_a_failure(dead_redis, monkeypatch, caplog):
    with caplog.at_level(logging.WARNING, logger="cms.cache"):
        dead_redis.get("k")
    assert dead_redis.breaker.is_open()
    assert "Redis (cache) unavailable" in caplog.text

    def must_not_run():
        raise AssertionError("Redis was called while the breaker is open")

    assert dead_redis.call(must_not_run, "skipped") == "skipped"


def test_recovery_is_announced_once(dead_redis):
    dead_redis.breaker.pause = 0  # tried again at once
    received = []

    def receiver(**kwargs):
        received.append(kwargs["cache"])

    cache_recovered.connect(receiver)
    try:

        def down():
            raise RedisConnectionError("refused")

        dead_redis.call(down, None)
        assert dead_redis.call(lambda: "up", None) == "up"
        assert dead_redis.call(lambda: "up", None) == "up"
    finally:
        cache_recovered.disconnect(receiver)
    assert received == [dead_redis]


def test_recovery_forgets_the_content_generation(db):
    """Changes made while Redis was down moved no counter: entries stored before the
    outage must not read as current once it is back."""
    content_version.bump(content_version.PAGE_TREE)
    before = content_version.current()
    cache_recovered.send(sender=TolerantRedisCache, cache=caches["default"])
    assert caches["default"].get(content_version.KEY) is None
    assert content_version.current() != before


def test_counters_and_rate_limits_fail_open(dead_redis, monkeypatch, caplog):
    monkeypatch.setattr(counters, "caches", {"default": dead_redis})
    monkeypatch.setattr(ratelimit, "_warned_at", float("-inf"))
    assert counters.counter_increment("c", timeout=60) is None
    with caplog.at_level(logging.WARNING, logger="partners.ratelimit"):
        for _ in range(5):
            assert ratelimit.rate_limit_hit("ip:192.0.2.1", limit=1).allowed
    # Once, not once per request.
    assert caplog.text.count("Rate limits not enforced") == 1
