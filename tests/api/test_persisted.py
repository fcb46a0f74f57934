"""Automatic persisted queries, as Apollo Client's persisted-queries link sends them."""

import hashlib
import json

import pytest

from tests.factories.catalogue import ToolPageFactory

pytestmark = pytest.mark.django_db

QUERY = "query Offers { offers { items { title } } }"
SHA = hashlib.sha256(QUERY.encode()).hexdigest()


def extensions(sha256=SHA, version=1) -> dict:
    return {"persistedQuery": {"version": version, "sha256Hash": sha256}}


def get(client, query=None, ext=None, **headers):
    params = {"extensions": json.dumps(extensions() if ext is None else ext)}
    if query is not None:
        params["query"] = query
    return client.get("/graphql/", params, **headers)


def post(client, body: dict):
    return client.post("/graphql/", json.dumps(body), content_type="application/json")


def error(response) -> dict:
    (only,) = response.json()["errors"]
    return only


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_unknown_hash_is_persisted_query_not_found_and_not_cached(client, db, method):
    response = get(client) if method == "get" else post(client, {"extensions": extensions()})

    assert response.status_code == 200
    assert error(response) == {
        "message": "PersistedQueryNotFound",
        "extensions": {"code": "PERSISTED_QUERY_NOT_FOUND"},
    }
    assert "no-store" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_apollo_flow_hash_then_query_then_hash_only(client, catalogue):
    ToolPageFactory(parent=catalogue, title="Nextcloud")
    assert get(client).status_code == 200  # PersistedQueryNotFound

    registered = get(client, QUERY)  # Apollo's retry, with the text
    assert registered.json() == {"data": {"offers": {"items": [{"title": "Nextcloud"}]}}}

    response = get(client, content_type="application/json")

    assert response.status_code == 200
    assert response.content == registered.content
    assert "public" in response["Cache-Control"]
    assert response["ETag"] == registered["ETag"]


def test_a_query_registered_by_post_is_served_to_a_get(client, catalogue):
    ToolPageFactory(parent=catalogue, title="Nextcloud")
    assert post(client, {"query": QUERY, "extensions": extensions()}).status_code == 200

    assert get(client).json() == {"data": {"offers": {"items": [{"title": "Nextcloud"}]}}}


def test_a_hash_that_does_not_match_the_query_is_refused(client, db):
    response = get(client, "{ __typename }")

    assert response.status_code == 400
    assert error(response)["extensions"] == {
        "code": "BAD_USER_INPUT",
        "reason": "PROVIDED_SHA_DOES_NOT_MATCH",
    }
    assert get(client).json()["errors"][0]["message"] == "PersistedQueryNotFound"


@pytest.mark.parametrize(
    "ext",
    [
        extensions(version=2),
        extensions(sha256="abc"),
        extensions(sha256=SHA.upper()),
        extensions(sha256=12),
        {"persistedQuery": "oui"},
        ["persistedQuery"],
    ],
)
def test_malformed_persisted_queries_are_coded_errors(client, db, ext):
    for response in (get(client, ext=ext), post(client, {"extensions": ext})):
        assert response.status_code == 400
        assert error(response)["extensions"]["code"] == "BAD_USER_INPUT"
        assert "no-store" in response["Cache-Control"]


def test_extensions_that_are_not_json_are_a_coded_error(client, db):
    response = client.get("/graphql/", {"extensions": "{persistedQuery", "query": QUERY})
    assert response.status_code == 400
    assert error(response)["extensions"]["code"] == "BAD_USER_INPUT"


def test_an_invalid_query_is_not_stored(client, db):
    invalid = "{ nothingHere }"
    sha = hashlib.sha256(invalid.encode()).hexdigest()
    assert get(client, invalid, extensions(sha)).status_code == 400

    assert error(get(client, ext=extensions(sha)))["message"] == "PersistedQueryNotFound"


def test_the_store_writes_at_most_its_quota_per_period(client, db, settings):
    settings.GRAPHQL_APQ_MAX_ENTRIES = 1
    other = "{ audiences { slug } }"
    other_sha = hashlib.sha256(other.encode()).hexdigest()
    get(client, QUERY)
    get(client, other, extensions(other_sha))

    assert "errors" not in get(client).json()
    assert error(get(client, ext=extensions(other_sha)))["message"] == "PersistedQueryNotFound"
