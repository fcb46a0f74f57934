"""Malformed input gets a clear, coded error, never a 500 or INTERNAL. Meant for
PostgreSQL, which refuses NUL in text where SQLite stores it."""

import json

import pytest

from django.db import connection

from tests.factories.catalogue import ThemeFactory
from tests.graphql_client import graphql_errors, post_graphql

pytestmark = pytest.mark.django_db

OFFERS = "query($search: String, $themes: [String!]) { offers(search: $search, themes: $themes) { items { title } } }"
OFFER = "query($slug: String) { offer(slug: $slug) { title } }"


def codes(errors) -> set[str]:
    return {error["extensions"]["code"] for error in errors}


def post_raw(client, body: str, path: str = "/graphql/", **extra):
    return client.post(path, body, content_type="application/json", **extra)


@pytest.mark.parametrize(
    "variables",
    [
        {"search": "a\x00b"},
        {"themes": ["a\x00b"]},
        {"search": "bell\x07"},
    ],
)
def test_control_characters_in_variables(client, catalogue, variables):
    ThemeFactory(slug="ab")
    errors = graphql_errors(client, OFFERS, variables)
    assert codes(errors) == {"BAD_USER_INPUT"}
    assert "NUL" in errors[0]["message"]


@pytest.mark.parametrize(
    "query",
    [
        r'{ offers(search: "a\u0000b") { items { title } } }',
        r'{ offer(slug: "x\u0000") { title } }',
        r'{ offers(themes: ["a\u0000b"]) { items { title } } }',
    ],
)
def test_control_characters_in_literals(client, catalogue, query):
    assert codes(graphql_errors(client, query)) == {"BAD_USER_INPUT"}


def test_ordinary_whitespace_is_still_accepted(client, catalogue):
    response = post_graphql(client, OFFERS, {"search": "tableur\tpartagé\n"})
    assert response.status_code == 200
    assert "errors" not in response.json()


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("[" * 1100, "profondément"),
        (
            '{"query": "{ __typename }", "variables": ' + '{"a": ' * 5000 + "1" + "}" * 5001,
            "profondément",
        ),
        ('{"query": "{ __typename }"', "JSON"),
        ('[{"query": "{ __typename }"}]', "lot"),
        ("42", "objet"),
        ("\xff\xfe", "JSON"),
    ],
)
def test_malformed_bodies_are_clear_400s(client, body, words):
    response = post_raw(client, body)
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert words in error["message"]


def test_deeply_nested_get_variables_are_a_400(client):
    variables = "[" * 5000 + "]" * 5000
    response = client.get("/graphql/", {"query": "{ __typename }", "variables": variables})
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


@pytest.mark.parametrize(
    "body",
    [
        {"query": 5},
        {"query": ["{ __typename }"]},
        {"query": "{ __typename }", "variables": [1]},
        {"query": "{ __typename }", "variables": 7},
        {
            "query": "query($n: Int) { offers(perPage: $n) { items { title } } }",
            "variables": {"n": "dix"},
        },
        {
            "query": "query($n: Int) { offers(perPage: $n) { items { title } } }",
            "variables": {"n": 10**20},
        },
        {"query": "{ offers(perPage: 99999999999999999999) { items { title } } }"},
        {"query": "{ offers(page: -99999999999) { items { title } } }"},
        {"query": '{ offers(perPage: "10") { items { title } } }'},
        {"query": "{ offers(kind: [NOPE]) { items { title } } }"},
        {"query": '{ offers(updatedSince: "hier") { items { title } } }'},
        {"query": '{ offer(id: "1e400") { title } }'},
    ],
)
def test_wrong_types_and_huge_numbers(client, catalogue, body):
    response = post_raw(client, json.dumps(body))
    assert response.status_code in (200, 400), response.content
    errors = response.json()["errors"]
    assert codes(errors) == {"BAD_USER_INPUT"}, errors
    assert "Traceback" not in json.dumps(errors)


@pytest.mark.parametrize("debug", [True, False])
def test_path_without_slash_reaches_the_api(client, settings, debug):
    settings.DEBUG = debug
    response = post_raw(
        client, json.dumps({"query": "{ __typename }"}), path="/graphql", secure=True
    )
    assert response.status_code == 200
    assert response.json() == {"data": {"__typename": "Query"}}


def test_not_found_lookup_is_null_data_with_a_coded_error(client, catalogue):
    response = post_graphql(client, OFFER, {"slug": "introuvable"})
    assert response.status_code == 200
    body = response.json()
    assert body["data"] == {"offer": None}
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert body["errors"][0]["path"] == ["offer"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL statement timeout")
def test_statement_timeout_is_a_coded_error(client, monkeypatch):
    class SlowManager:
        def all(self):
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL statement_timeout = 50")
                cursor.execute("SELECT pg_sleep(2)")
            return []

    class SlowModel:
        objects = SlowManager()

    monkeypatch.setattr("catalogue.schema.queries.Audience", SlowModel)
    response = post_graphql(client, "{ audiences { slug } }")
    body = response.json()
    assert response.status_code == 200
    assert body["errors"][0]["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert body["errors"][0]["path"] == ["audiences"]
    assert "pg_sleep" not in json.dumps(body)
