"""The settings modules read from a clean environment, each in its own process: a settings
module is imported once per process, and the test process has its own environment."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "k" * 50

PRINT_SETTINGS = """
import json, sys
from django.conf import settings
print(json.dumps({name: getattr(settings, name) for name in sys.argv[1:]}, default=str))
"""


def _run(module: str, names: list[str], **env: str) -> subprocess.CompletedProcess:
    # Only PATH is inherited: CI exports DATABASE_URL and CACHE_URL for the test run.
    environment = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": module, **env}
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", PRINT_SETTINGS, *names],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def _settings(module: str, *names: str, **env: str) -> dict:
    result = _run(module, list(names), **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _production(*names: str, **env: str) -> dict:
    env = {"SECRET_KEY": STRONG_KEY, "ALLOWED_HOSTS": "reperes.example.org", **env}
    return _settings("cms.settings.production", *names, **env)


def test_production_refuses_a_missing_or_weak_secret_key():
    for env in ({}, {"SECRET_KEY": "short"}, {"SECRET_KEY": "dev-only-insecure-key-change-me"}):
        result = _run("cms.settings.production", ["DEBUG"], ALLOWED_HOSTS="x.example", **env)
        assert result.returncode != 0
        assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_debug_and_a_missing_host():
    no_host = _run("cms.settings.production", ["DEBUG"], SECRET_KEY=STRONG_KEY)
    assert no_host.returncode != 0 and "ALLOWED_HOSTS" in no_host.stderr
    debug = _run(
        "cms.settings.production",
        ["DEBUG"],
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="x.example",
        DEBUG="true",
    )
    assert debug.returncode != 0 and "DEBUG must stay off" in debug.stderr


def test_production_defaults():
    values = _production(
        "DEBUG", "GRAPHIQL_ENABLED", "SITE_URL", "WAGTAILADMIN_BASE_URL", "EMAIL_BACKEND"
    )
    assert values == {
        "DEBUG": False,
        "GRAPHIQL_ENABLED": False,
        "SITE_URL": "https://reperes.example.org",
        "WAGTAILADMIN_BASE_URL": "https://reperes.example.org",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    }
    assert _production("DATABASES")["DATABASES"]["default"]["CONN_MAX_AGE"] == 60


def test_email_url_configures_smtp_in_production():
    values = _production(
        "EMAIL_BACKEND",
        "EMAIL_HOST",
        "EMAIL_PORT",
        "EMAIL_HOST_USER",
        "EMAIL_HOST_PASSWORD",
        "EMAIL_USE_TLS",
        "EMAIL_USE_SSL",
        EMAIL_URL="smtp+tls://relais%40asso.example:p%40ss@smtp.example.org:587",
    )
    assert values == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "smtp.example.org",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "relais@asso.example",
        "EMAIL_HOST_PASSWORD": "p@ss",
        "EMAIL_USE_TLS": True,
        "EMAIL_USE_SSL": False,
    }


def test_email_backend_per_environment():
    assert _settings("cms.settings.dev", "EMAIL_BACKEND")["EMAIL_BACKEND"] == (
        "cms.mail.ReadableConsoleBackend"
    )
    assert _settings("cms.settings.test", "EMAIL_BACKEND")["EMAIL_BACKEND"] == (
        "django.core.mail.backends.locmem.EmailBackend"
    )


def test_cache_url():
    default = _settings("cms.settings.dev", "CACHES")["CACHES"]["default"]
    assert default["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    redis = _settings("cms.settings.dev", "CACHES", CACHE_URL="redis://127.0.0.1:6379/2")
    assert redis["CACHES"]["default"] == {
        "BACKEND": "cms.cache.TolerantRedisCache",
        "LOCATION": "redis://127.0.0.1:6379/2",
        "KEY_PREFIX": "reperes",
        "OPTIONS": {"socket_timeout": 0.5, "socket_connect_timeout": 0.5},
    }
    unknown = _run("cms.settings.dev", ["CACHES"], CACHE_URL="memcached://x")
    assert unknown.returncode != 0 and "Invalid cache schema" in unknown.stderr


def test_database_url_and_connection_age():
    values = _settings(
        "cms.settings.dev",
        "DATABASES",
        DATABASE_URL="postgres://reperes:secret@db.example:5433/reperes",
        CONN_MAX_AGE="30",
    )["DATABASES"]["default"]
    assert {key: values[key] for key in ("ENGINE", "NAME", "USER", "HOST", "PORT")} == {
        "ENGINE": "cms.postgresql",
        "NAME": "reperes",
        "USER": "reperes",
        "HOST": "db.example",
        "PORT": 5433,
    }
    assert values["CONN_MAX_AGE"] == 30
    assert values["CONN_HEALTH_CHECKS"] is True
    assert values["OPTIONS"]["connect_timeout"] == 2


def test_site_url_default_and_override():
    names = ("SITE_URL", "WAGTAILADMIN_BASE_URL")
    assert _settings("cms.settings.dev", *names) == dict.fromkeys(names, "http://127.0.0.1:8000")
    override = _settings("cms.settings.dev", *names, SITE_URL="https://reperes.example.org/")
    assert override == dict.fromkeys(names, "https://reperes.example.org")


def test_development_and_test_defaults():
    dev = _settings("cms.settings.dev", "DEBUG", "GRAPHIQL_ENABLED", "ALLOWED_HOSTS")
    assert dev["DEBUG"] is True and dev["GRAPHIQL_ENABLED"] is True
    assert "localhost" in dev["ALLOWED_HOSTS"]
    overridden = _settings(
        "cms.settings.dev",
        "DEBUG",
        "ALLOWED_HOSTS",
        DEBUG="false",
        ALLOWED_HOSTS="a.example, b.example",
    )
    assert overridden == {"DEBUG": False, "ALLOWED_HOSTS": ["a.example", "b.example"]}
    test = _settings("cms.settings.test", "DEBUG", "GRAPHIQL_ENABLED")
    assert test == {"DEBUG": False, "GRAPHIQL_ENABLED": True}


def test_environment_defaults_do_not_leak_into_the_process_environment():
    script = (
        "import os; import cms.settings.dev; "
        "print(os.environ.get('DEBUG'), os.environ.get('EMAIL_URL'))"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={"PATH": os.environ["PATH"]},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.strip() == "None None", result.stderr


def test_postgresql_statements_are_time_limited():
    url = "postgres://reperes@db.example:5432/reperes"
    default = _production("DATABASES", DATABASE_URL=url)["DATABASES"]["default"]
    assert default["OPTIONS"]["options"] == "-c statement_timeout=5000"
    chosen = _production("DATABASES", DATABASE_URL=url, DATABASE_STATEMENT_TIMEOUT_MS="800")
    assert chosen["DATABASES"]["default"]["OPTIONS"]["options"] == "-c statement_timeout=800"
    # SQLite has no such option: nothing is passed to its driver.
    sqlite = _production("DATABASES")["DATABASES"]["default"]
    assert "options" not in sqlite.get("OPTIONS", {})


def test_a_replica_url_adds_the_replica_alias_and_its_router():
    values = _production(
        "DATABASES",
        "DATABASE_ROUTERS",
        DATABASE_URL="postgres://reperes@primaire.example/reperes",
        DATABASE_REPLICA_URL="postgres://lecture@replique.example/reperes",
    )
    replica = values["DATABASES"]["replica"]
    assert (replica["HOST"], replica["USER"]) == ("replique.example", "lecture")
    assert "statement_timeout=5000" in replica["OPTIONS"]["options"]
    assert replica["CONN_MAX_AGE"] == 60  # production's, as the primary's
    assert replica["TEST"] == {"MIRROR": "default"}
    assert values["DATABASE_ROUTERS"] == ["cms.db_router.ReplicaRouter"]


def test_without_a_replica_url_there_is_one_database_and_no_router():
    for module in ("cms.settings.test", "cms.settings.dev"):
        values = _settings(module, "DATABASES", "DATABASE_ROUTERS")
        assert list(values["DATABASES"]) == ["default"]
        assert values["DATABASE_ROUTERS"] == []


def test_logs_are_json_in_production_and_readable_in_development():
    assert _production("LOG_FORMAT")["LOG_FORMAT"] == "json"
    assert _settings("cms.settings.dev", "LOG_FORMAT")["LOG_FORMAT"] == "console"
    refused = _run("cms.settings.dev", ["LOG_FORMAT"], LOG_FORMAT="xml")
    assert refused.returncode != 0 and "LOG_FORMAT must be json or console" in refused.stderr


def test_admin_security_per_environment():
    names = ("ADMIN_2FA_REQUIRED", "AXES_ENABLED", "AXES_FAILURE_LIMIT", "AXES_COOLOFF_TIME")
    production = _production(*names)
    assert production == {
        "ADMIN_2FA_REQUIRED": True,
        "AXES_ENABLED": True,
        "AXES_FAILURE_LIMIT": 5,
        "AXES_COOLOFF_TIME": "0:15:00",
    }
    tuned = _production(*names, AXES_FAILURE_LIMIT="10", AXES_COOLOFF_MINUTES="60")
    assert (tuned["AXES_FAILURE_LIMIT"], tuned["AXES_COOLOFF_TIME"]) == (10, "1:00:00")
    dev = _settings("cms.settings.dev", *names)
    assert (dev["ADMIN_2FA_REQUIRED"], dev["AXES_ENABLED"]) == (False, True)
    test = _settings("cms.settings.test", *names)
    assert (test["ADMIN_2FA_REQUIRED"], test["AXES_ENABLED"]) == (False, False)
