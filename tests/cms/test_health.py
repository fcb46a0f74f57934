"""The load balancer's probes: /healthz touches nothing, /readyz says whether this process
can serve (503 only for the database and the task queue), neither is ever cached."""

import datetime

import pytest
from django_tasks_db.models import DBTaskResult
from health_check.exceptions import ServiceUnavailable

from django.utils import timezone

from cms import health


def _no_store(response):
    assert "no-store" in response["Cache-Control"]
    assert "X-Page-Cache" not in response


def test_liveness_touches_nothing(client, monkeypatch):
    # No `db` fixture: pytest-django refuses any query.
    def no_cache(*args, **kwargs):
        raise AssertionError("the cache was read")

    monkeypatch.setattr("cms.page_cache.cache.get", no_cache)
    response = client.get("/healthz")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})
    _no_store(response)


# Transactional (the checks run in threads of their own, with their own connections), and with
# serialized rollback like every transactional test of the suite: a flush without it runs
# post_migrate, whose content types the next serialized test then inserts a second time.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_ready(client, settings):
    settings.TASKS = {
        **settings.TASKS,
        "background": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    }
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "task_queue": "ok"},
    }
    _no_store(response)


def _fails(self):
    raise ServiceUnavailable("down")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_not_ready_without_the_database(client, monkeypatch):
    monkeypatch.setattr(health.DatabaseCheck, "run", _fails)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert response.json()["checks"]["database"] == "unavailable: down"
    _no_store(response)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_degraded_but_ready_without_redis(client, monkeypatch):
    monkeypatch.setattr(health.CacheCheck, "run", _fails)
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"]["cache"] == "unavailable: down"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_queue_no_worker_drains_is_degraded(client, settings):
    settings.TASKS = {
        **settings.TASKS,
        "background": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    }
    settings.HEALTH_TASK_QUEUE_MAX_AGE = 600
    task = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="partners.tasks.deliver",
        backend_name="background",
        run_after=timezone.now() - datetime.timedelta(hours=1),
    )
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"]["task_queue"].startswith("degraded: oldest ready task")

    task.delete()
    assert client.get("/readyz").json()["status"] == "ok"
