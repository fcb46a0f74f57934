"""The one reader of the environment for settings: django-environ, with per-environment defaults.

Every setting is assigned once, in `base.py`. What differs between development, tests and
production is only the value a variable takes when the environment leaves it unset: `dev.py`,
`test.py` and `production.py` declare those defaults with `env.set_defaults()` before they import
`base.py`. The defaults live beside `os.environ` (a `ChainMap`), never in it: a child process
(a test's subprocess, a worker) sees only the real environment, not the defaults of its parent."""

import os
from collections import ChainMap

import environ

LOCMEM_CACHE = "django.core.cache.backends.locmem.LocMemCache"
REDIS_CACHE = "django.core.cache.backends.redis.RedisCache"


class Env(environ.Env):
    # `redis://` always maps to Django's own backend: django-environ would pick django-redis
    # whenever that package happens to be installed, and we do not use it. `locmem://` and
    # `dummy://` are the short forms this project documented before django-environ.
    CACHE_SCHEMES = {
        **environ.Env.CACHE_SCHEMES,
        "locmem": LOCMEM_CACHE,
        "dummy": "django.core.cache.backends.dummy.DummyCache",
        "redis": REDIS_CACHE,
        "rediss": REDIS_CACHE,
    }

    def __init__(self, **scheme):
        super().__init__(**scheme)
        self.environment_defaults: dict[str, str] = {}
        self.ENVIRON = ChainMap(os.environ, self.environment_defaults)

    def list(self, var, cast=None, default=environ.Env.NOTSET) -> list:
        """Comma-separated values, spaces around them ignored: `a.example, b.example`."""
        values = super().list(var, cast=str.strip, default=default)
        return [cast(value) if cast else value for value in values if value]

    def set_defaults(self, **defaults: str) -> None:
        """Values for variables the environment leaves unset, written as the environment would."""
        self.environment_defaults.update(defaults)


env = Env()
