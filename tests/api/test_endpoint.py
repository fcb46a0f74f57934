"""The endpoint itself: methods, content types, limits and error formatting."""

import json

import pytest

from tests.graphql_client import graphql_errors, post_graphql

pytestmark = pytest.mark.django_db


def test_get_queries_work(client):
    response = client.get("/graphql/", {"query": "{ audiences { slug } }"})
    assert response.status_code == 200
    assert response.json() == {"data": {"audiences": []}}
    assert "Cookie" not in response.get("Vary", "")


def test_malformed_query_is_a_coded_error(client):
    errors = graphql_errors(client, "{ offers { items { title }")
    assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "Syntax Error" in errors[0]["message"]


def test_unknown_field_has_no_suggestions(client):
    errors = graphql_errors(client, '{ offer(slug: "x") { titl } }')
    assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "Did you mean" not in errors[0]["message"]


def test_form_encoded_post_is_refused(client):
    response = client.post("/graphql/", {"query": "{ audiences { slug } }"})
    assert response.status_code == 415
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


def test_invalid_json_body(client):
    response = client.post("/graphql/", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


def test_oversized_body_is_refused(client, settings):
    settings.GRAPHQL_MAX_BODY_BYTES = 100
    response = client.post(
        "/graphql/",
        json.dumps({"query": "{ audiences { slug } }" + " " * 200}),
        content_type="application/json",
    )
    assert response.status_code == 413


def test_other_methods_are_refused(client):
    response = client.put("/graphql/", "{}", content_type="application/json")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, POST"


def _headers(response) -> dict:
    return {name: value for name, value in response.items() if name != "X-Request-ID"}


@pytest.mark.parametrize(
    "query", ["{ __typename }", "{ audiences { slug } }", "{ offers {", "mutation { __typename }"]
)
def test_head_is_answered_as_the_get_without_a_body(client, query):
    got = client.get("/graphql/", {"query": query})

    head = client.head("/graphql/", {"query": query})

    assert head.status_code == got.status_code
    assert head.content == b""
    # Every header but the request id, which is each request's own.
    assert _headers(head) == _headers(got)


def test_head_answers_a_matching_etag_with_304(client):
    etag = client.get("/graphql/", {"query": "{ __typename }"})["ETag"]

    response = client.head("/graphql/", {"query": "{ __typename }"}, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert "public" in response["Cache-Control"]


def test_depth_is_bounded_even_with_fragment_cycles(client):
    deep = "{ offers { items { parent { parent { parent { parent { parent { parent { parent { parent { parent { title } } } } } } } } } } } }"
    errors = graphql_errors(client, deep)
    assert errors[0]["extensions"]["code"] == "QUERY_TOO_COMPLEX"

    cyclic = "query { offers { ...A } } fragment A on OfferList { items { ...B } } fragment B on Offer { parent { ...A } }"
    response = post_graphql(client, cyclic)
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"

    unknown = "query { offers { ...Missing } }"
    response = post_graphql(client, unknown)
    assert response.status_code == 400


def test_internal_errors_hide_python_details(client, monkeypatch):
    class BrokenManager:
        def all(self):
            raise RuntimeError("secret internal detail")

    class BrokenModel:
        objects = BrokenManager()

    monkeypatch.setattr("catalogue.schema.queries.Audience", BrokenModel)
    errors = graphql_errors(client, "{ audiences { slug } }")
    assert errors[0]["extensions"]["code"] == "INTERNAL"
    assert "secret" not in json.dumps(errors)


def test_graphiql_is_served_to_browsers_when_enabled(client, settings):
    response = client.get("/graphql/", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert b"graphiql" in response.content.lower()
