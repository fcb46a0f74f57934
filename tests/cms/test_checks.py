"""The deployment check on the cache, which the processes of a deployment must share."""

from django.core.checks import run_checks


def _deploy_ids():
    return {message.id for message in run_checks(include_deployment_checks=True)}


def test_a_cache_of_one_process_is_reported_for_production(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert "cms.W050" in _deploy_ids()
    # Only by `check --deploy`: development runs one process.
    assert "cms.W050" not in {message.id for message in run_checks()}


def test_a_shared_cache_is_not_reported(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "cms.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/0",
        }
    }
    assert "cms.W050" not in _deploy_ids()
