"""Django's Redis cache, keeping one Redis client per connection pool.

Django's client builds a new `redis.Redis` object for every cache operation (around its
shared connection pool); with redis-py's retry and encoder setup, that was about a quarter
of the time of an API answer served from the cache (three operations per answer). The
client is thread-safe and the pool is already shared, so one client per pool serves.

`TolerantRedisCache` adds what a Redis outage needs (see its docstring); it is the backend
that base.py names for a `redis://` CACHE_URL."""

import logging
from collections.abc import Callable
from typing import TypeVar

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from django.dispatch import Signal

from .breaker import Breaker

logger = logging.getLogger("cms.cache")

T = TypeVar("T")

# Sent with `cache` once Redis answers again after an outage seen by this process.
cache_recovered = Signal()


class ReusedClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._client(connection_pool=self._get_connection_pool(write))
            self._clients[index] = client
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClient


class TolerantRedisCache(RedisCache):
    """The shared cache, which a Redis outage turns into no cache: a read misses, a write
    is dropped, and the site serves from the database, slower but whole.

    A short socket timeout (`CACHE_SOCKET_TIMEOUT`, set in base.py) bounds each operation;
    after a failure the breaker (`CACHE_BREAKER_SECONDS`) skips Redis altogether for a few
    seconds, so a dead Redis costs no timeout per operation. The warning is logged at most
    once a minute. When Redis answers again, `cache_recovered` is sent: what was written
    meanwhile (a publish's new content generation) was lost, and its receivers make up for
    it. Only the errors of an unreachable server are swallowed; any other is a bug."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self.breaker = Breaker("Redis (cache)", pause=settings.CACHE_BREAKER_SECONDS)

    def call(self, operation: Callable[[], T], default: T) -> T:
        """`operation()` on Redis, or `default` while Redis is unreachable."""
        if self.breaker.is_open():
            return default
        try:
            result = operation()
        except (RedisConnectionError, RedisTimeoutError) as error:
            self.breaker.failed(logger, error)
            return default
        if self.breaker.failing and self.breaker.succeeded(logger):
            cache_recovered.send(sender=type(self), cache=self)
        return result

    def ping(self) -> None:
        """Reach Redis whatever the breaker says, and raise if it is down (the health
        check's question)."""
        self._cache.get_client(write=True).ping()

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self.call(
            lambda: super(TolerantRedisCache, self).add(key, value, timeout, version), False
        )

    def get(self, key, default=None, version=None):
        return self.call(
            lambda: super(TolerantRedisCache, self).get(key, default, version), default
        )

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self.call(
            lambda: super(TolerantRedisCache, self).set(key, value, timeout, version), None
        )

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self.call(
            lambda: super(TolerantRedisCache, self).touch(key, timeout, version), False
        )

    def delete(self, key, version=None):
        return self.call(lambda: super(TolerantRedisCache, self).delete(key, version), False)

    def get_many(self, keys, version=None):
        return self.call(lambda: super(TolerantRedisCache, self).get_many(keys, version), {})

    def has_key(self, key, version=None):
        return self.call(lambda: super(TolerantRedisCache, self).has_key(key, version), False)

    def incr(self, key, delta=1, version=None):
        # 0 rather than the ValueError of a missing key: callers would try `add()` and
        # `incr()` again, for nothing.
        return self.call(lambda: super(TolerantRedisCache, self).incr(key, delta, version), 0)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self.call(
            lambda: super(TolerantRedisCache, self).set_many(data, timeout, version), list(data)
        )

    def delete_many(self, keys, version=None):
        return self.call(lambda: super(TolerantRedisCache, self).delete_many(keys, version), None)

    def clear(self):
        return self.call(lambda: super(TolerantRedisCache, self).clear(), False)
