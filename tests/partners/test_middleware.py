"""Keys and rate limits on the API: 401 for a bad key, 429 past a limit, nothing elsewhere."""

import pytest

from partners import ratelimit
from partners.models import ApiKeyUsage
from tests.factories.partners import ApiKeyFactory

pytestmark = pytest.mark.django_db

QUERY = {"query": "{ __typename }"}


@pytest.fixture
def frozen_clock(monkeypatch):
    """Ten seconds into a minute: every request of a test falls in one window."""
    moment = [1_800_000_010.0]
    monkeypatch.setattr(ratelimit, "clock", lambda: moment[0])
    return moment


@pytest.fixture
def anonymous_limit(settings, frozen_clock):
    settings.API_RATE_LIMIT_ANONYMOUS = 3
    return 3


def call(client, key=None, **extra):
    if key is not None:
        extra["HTTP_AUTHORIZATION"] = f"Bearer {key}"
    return client.get("/graphql/", QUERY, **extra)


def test_anonymous_callers_are_limited_per_address(client, anonymous_limit):
    for _ in range(anonymous_limit):
        assert call(client).status_code == 200
    response = call(client)
    assert response.status_code == 429
    assert response["Retry-After"] == "50"
    assert response["Cache-Control"] == "no-store"
    error = response.json()["errors"][0]
    assert error["extensions"] == {"code": "RATE_LIMITED", "limit": 3, "retryAfter": 50}
    assert "3" in error["message"]
    # Another address has its own count.
    assert call(client, REMOTE_ADDR="192.0.2.7").status_code == 200


def test_the_limit_resets_with_the_next_minute(client, anonymous_limit, frozen_clock):
    for _ in range(anonymous_limit):
        call(client)
    assert call(client).status_code == 429
    frozen_clock[0] += 50
    assert call(client).status_code == 200


def test_a_key_has_its_own_higher_limit(client, anonymous_limit):
    key = ApiKeyFactory(rate_limit=5)
    for _ in range(anonymous_limit):
        call(client)
    assert call(client).status_code == 429
    for _ in range(5):
        assert call(client, key.token).status_code == 200
    response = call(client, key.token)
    assert response.status_code == 429
    assert response.json()["errors"][0]["extensions"]["limit"] == 5


def test_a_key_is_limited_across_addresses(client, frozen_clock):
    key = ApiKeyFactory(rate_limit=2)
    assert call(client, key.token, REMOTE_ADDR="192.0.2.1").status_code == 200
    assert call(client, key.token, REMOTE_ADDR="192.0.2.2").status_code == 200
    assert call(client, key.token, REMOTE_ADDR="192.0.2.3").status_code == 429


@pytest.mark.parametrize(
    "header",
    ["Bearer rp_not-a-key", "Bearer ", "Basic dXNlcjpwYXNz", "rp_no-scheme", "Bearer a b"],
)
def test_a_wrong_key_is_refused_not_served_anonymously(client, header):
    response = client.get("/graphql/", QUERY, HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_a_disabled_key_is_refused(client):
    key = ApiKeyFactory()
    assert call(client, key.token).status_code == 200
    key.enabled = False
    key.save()
    response = call(client, key.token)
    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_wrong_keys_count_against_the_address(client, anonymous_limit):
    for _ in range(anonymous_limit):
        assert call(client, "rp_guess").status_code == 401
    assert call(client, "rp_guess").status_code == 429


def test_keyed_requests_are_counted_per_day(client):
    key = ApiKeyFactory()
    client.post(
        "/graphql/",
        QUERY,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key.token}",
    )
    assert ApiKeyUsage.objects.get(key=key).count == 1


def test_pages_outside_the_api_are_not_limited_nor_checked(client, anonymous_limit):
    for _ in range(anonymous_limit + 2):
        response = client.get("/admin/login/", HTTP_AUTHORIZATION="Bearer rp_not-a-key")
        assert response.status_code == 200


def test_the_path_without_its_slash_is_limited_too(client, anonymous_limit):
    for _ in range(anonymous_limit):
        client.post("/graphql", QUERY, content_type="application/json")
    assert client.post("/graphql", QUERY, content_type="application/json").status_code == 429
