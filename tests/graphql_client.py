"""The one helper GraphQL tests use to post a query."""

import json


def post_graphql(client, query: str, variables: dict | None = None):
    return client.post(
        "/graphql/",
        data=json.dumps({"query": query, "variables": variables or {}}),
        content_type="application/json",
    )


def graphql_data(client, query: str, variables: dict | None = None) -> dict:
    """`data` of a query that must succeed; fails the test on any error."""
    response = post_graphql(client, query, variables)
    body = response.json()
    assert response.status_code == 200, body
    assert "errors" not in body, body["errors"]
    return body["data"]


def graphql_errors(client, query: str, variables: dict | None = None) -> list[dict]:
    """`errors` of a query that must fail; never a 500."""
    response = post_graphql(client, query, variables)
    assert response.status_code in (200, 400), response.content
    body = response.json()
    assert body.get("errors"), body
    return body["errors"]
