"""`/metrics`: request, latency and cache counters that move with the traffic, the task
queue's depth read at scrape time, and a bearer token that keeps it private."""

import uuid

import pytest
from prometheus_client.parser import text_string_to_metric_families

from partners.tasks import deliver_webhook

pytestmark = pytest.mark.django_db

TOKEN = "scrape-token-0123456789"
DATABASE_QUEUE = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
TYPENAME = "/graphql/?query={__typename}"


@pytest.fixture
def scrape(client, settings):
    """Reads /metrics as Prometheus would: {(sample name, sorted labels): value}."""
    settings.METRICS_TOKEN = TOKEN

    def read() -> dict:
        response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
        assert response.status_code == 200
        samples = {}
        for family in text_string_to_metric_families(response.content.decode()):
            for sample in family.samples:
                samples[sample.name, tuple(sorted(sample.labels.items()))] = sample.value
        return samples

    return read


def _value(samples, name, **labels) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0)


def test_requests_are_counted_by_method_status_class_and_kind(client, home_page, scrape):
    before = scrape()
    client.get("/robots.txt")
    client.get("/robots.txt")
    client.get("/page-qui-n-existe-pas/")
    client.get(TYPENAME)
    client.post("/admin/login/", {})
    after = scrape()

    def moved(**labels):
        name = "reperes_http_requests_total"
        return _value(after, name, **labels) - _value(before, name, **labels)

    # Two, not three: the scrape before them did not count itself.
    assert moved(method="GET", status="2xx", kind="page") == 2
    assert moved(method="GET", status="4xx", kind="page") == 1
    assert moved(method="GET", status="2xx", kind="api") == 1
    assert moved(method="POST", status="2xx", kind="admin") == 1
    latency = "reperes_http_request_duration_seconds_count"
    assert _value(after, latency, kind="page") - _value(before, latency, kind="page") == 3


def test_the_api_response_cache_reports_its_hits_and_misses(client, scrape):
    before = scrape()
    client.get(TYPENAME)
    client.get(TYPENAME)
    client.get(TYPENAME)
    after = scrape()

    def moved(result):
        name = "reperes_cache_lookups_total"
        return _value(after, name, cache="api", result=result) - _value(
            before, name, cache="api", result=result
        )

    assert (moved("miss"), moved("hit")) == (1, 2)


def test_the_page_cache_reports_its_hits_and_misses(client, home_page, scrape):
    before = scrape()
    first = client.get("/")
    second = client.get("/")
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    after = scrape()

    def moved(result):
        name = "reperes_cache_lookups_total"
        return _value(after, name, cache="page", result=result) - _value(
            before, name, cache="page", result=result
        )

    assert (moved("miss"), moved("hit")) == (1, 1)


def test_the_queue_depth_counts_the_tasks_ready_to_run(scrape, settings):
    settings.TASKS = DATABASE_QUEUE
    assert _value(scrape(), "reperes_task_queue_ready", backend="background") == 0
    for _ in range(3):
        deliver_webhook.enqueue(str(uuid.uuid4()))
    assert _value(scrape(), "reperes_task_queue_ready", backend="background") == 3


def test_without_a_token_setting_the_endpoint_does_not_exist(client, settings):
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer anything").status_code == 404


def test_the_token_is_required(client, settings):
    settings.METRICS_TOKEN = TOKEN
    missing = client.get("/metrics")
    assert missing.status_code == 401
    assert missing["WWW-Authenticate"].startswith("Bearer")
    assert b"reperes_" not in missing.content
    for header in (f"Bearer {TOKEN}x", "Bearer scrape", f"Basic {TOKEN}", TOKEN):
        response = client.get("/metrics", HTTP_AUTHORIZATION=header)
        assert response.status_code in (401, 403), header
        assert b"reperes_" not in response.content
    right = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert right.status_code == 200
    assert right["Content-Type"].startswith("text/plain")
    assert "no-cache" in right["Cache-Control"] and "no-store" in right["Cache-Control"]
    assert b"reperes_http_requests_total" in right.content
