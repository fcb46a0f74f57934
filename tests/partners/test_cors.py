"""CORS on the API only, for the origins of the environment and of enabled keys."""

import pytest

from tests.factories.partners import ApiKeyFactory

pytestmark = pytest.mark.django_db

PARTNER = "https://partenaire.example.org"
QUERY = {"query": "{ __typename }"}


def preflight(client, origin, path="/graphql/"):
    return client.options(
        path,
        HTTP_ORIGIN=origin,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization, content-type",
    )


def test_preflight_from_an_origin_of_the_environment(client, settings):
    settings.CORS_ALLOWED_ORIGINS = [PARTNER]
    response = preflight(client, PARTNER)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == PARTNER
    allowed = {h.strip() for h in response["Access-Control-Allow-Headers"].split(",")}
    assert {"authorization", "content-type"} <= allowed
    assert "POST" in response["Access-Control-Allow-Methods"]
    assert "Access-Control-Allow-Credentials" not in response


def test_preflight_from_the_origin_of_an_enabled_key(client):
    key = ApiKeyFactory(allowed_origins=PARTNER)
    assert preflight(client, PARTNER)["Access-Control-Allow-Origin"] == PARTNER
    response = client.get(
        "/graphql/", QUERY, HTTP_ORIGIN=PARTNER, HTTP_AUTHORIZATION=f"Bearer {key.token}"
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == PARTNER
    assert "origin" in response["Vary"].lower()


def test_a_disabled_key_no_longer_opens_its_origin(client):
    key = ApiKeyFactory(allowed_origins=PARTNER)
    assert "Access-Control-Allow-Origin" in preflight(client, PARTNER)
    key.enabled = False
    key.save()
    assert "Access-Control-Allow-Origin" not in preflight(client, PARTNER)


def test_other_origins_get_no_cors_headers(client, settings):
    settings.CORS_ALLOWED_ORIGINS = [PARTNER]
    ApiKeyFactory(allowed_origins="https://autre.example.org")
    response = client.post(
        "/graphql/", QUERY, content_type="application/json", HTTP_ORIGIN="https://evil.example"
    )
    assert response.status_code == 200  # served; the browser will not let the page read it
    assert "Access-Control-Allow-Origin" not in response
    assert "Access-Control-Allow-Origin" not in preflight(client, "https://evil.example")


def test_html_pages_get_no_cors_and_no_vary_origin(client, settings):
    settings.CORS_ALLOWED_ORIGINS = [PARTNER]
    ApiKeyFactory(allowed_origins=PARTNER)
    response = client.get("/admin/login/", HTTP_ORIGIN=PARTNER)
    assert "Access-Control-Allow-Origin" not in response
    assert "origin" not in response.get("Vary", "").lower()
    assert "Access-Control-Allow-Origin" not in preflight(client, PARTNER, path="/admin/login/")


def test_refusals_are_readable_by_an_allowed_page(client, settings):
    settings.CORS_ALLOWED_ORIGINS = [PARTNER]
    response = client.get("/graphql/", QUERY, HTTP_ORIGIN=PARTNER, HTTP_AUTHORIZATION="Bearer x")
    assert response.status_code == 401
    assert response["Access-Control-Allow-Origin"] == PARTNER
    assert "Retry-After" in response["Access-Control-Expose-Headers"]
