import os
import subprocess
import sys
from pathlib import Path

import pytest

from django.core.exceptions import ImproperlyConfigured

from cms.settings.env import cache_from_url, env_bool, env_int, env_list

ROOT = Path(__file__).resolve().parents[2]


def _import_production(**env):
    environment = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    environment.update(env, DJANGO_SETTINGS_MODULE="cms.settings.production")
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_the_development_secret_key():
    result = _import_production()
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_starts_with_a_real_secret_key():
    assert _import_production(SECRET_KEY="x" * 50).returncode == 0


def test_cache_urls():
    assert cache_from_url("locmem://")["BACKEND"].endswith("LocMemCache")
    redis = cache_from_url("redis://127.0.0.1:6379/1")
    assert redis["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert redis["LOCATION"] == "redis://127.0.0.1:6379/1"
    with pytest.raises(ImproperlyConfigured):
        cache_from_url("memcached://x")


def test_typed_environment_readers(monkeypatch):
    monkeypatch.setenv("FLAG", "oui")
    with pytest.raises(ImproperlyConfigured):
        env_bool("FLAG")
    monkeypatch.setenv("FLAG", "true")
    assert env_bool("FLAG") is True
    monkeypatch.setenv("NUMBER", "douze")
    with pytest.raises(ImproperlyConfigured):
        env_int("NUMBER", 1)
    monkeypatch.setenv("HOSTS", "a.example, b.example,")
    assert env_list("HOSTS") == ["a.example", "b.example"]
