"""A database outage is a 503 with Retry-After: JSON on the API, a French page elsewhere,
wherever in the request it happens; an error about one query stays what it was."""

import pytest

from django.db import OperationalError, ProgrammingError
from django.test import Client
from django.utils.translation import gettext

from cms.unavailable import is_database_outage, unavailable_response
from tests.graphql_client import post_graphql


class _Cause(Exception):
    def __init__(self, sqlstate):
        self.sqlstate = sqlstate


def _error(kind, sqlstate=None):
    error = kind("boom")
    error.__cause__ = _Cause(sqlstate) if sqlstate else None
    return error


@pytest.mark.parametrize(
    ("error", "outage"),
    [
        (_error(OperationalError), True),  # refused, broken, timed out, our breaker
        (_error(OperationalError, "08006"), True),  # connection failure
        (_error(OperationalError, "57P01"), True),  # the server shutting down
        (_error(OperationalError, "53300"), True),  # too many connections
        (_error(OperationalError, "57014"), False),  # the statement timeout: one query
        (_error(OperationalError, "55P03"), False),  # a lock not available
        (_error(ProgrammingError), False),
        (ValueError("x"), False),
    ],
)
def test_what_counts_as_an_outage(error, outage):
    assert is_database_outage(error) is outage


@pytest.fixture
def anonymous():
    return Client(raise_request_exception=False)


def _database_down(*args, **kwargs):
    raise OperationalError("connection failed: Connection refused")


def _assert_api_unavailable(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    assert response.json() == {
        "errors": [
            {
                "message": gettext(
                    "The service is temporarily unavailable. Try again in a few moments."
                ),
                "extensions": {"code": "UNAVAILABLE"},
            }
        ]
    }


def test_a_resolver_outage_is_a_503_not_an_internal_error(anonymous, db, monkeypatch):
    class DownManager:
        def all(self):
            _database_down()

    class DownModel:
        objects = DownManager()

    monkeypatch.setattr("catalogue.schema.queries.Audience", DownModel)
    _assert_api_unavailable(post_graphql(anonymous, "{ audiences { slug } }"))
    _assert_api_unavailable(anonymous.get("/graphql/", {"query": "{ audiences { slug } }"}))


def test_another_resolver_error_is_still_internal(anonymous, db, monkeypatch):
    class BrokenManager:
        def all(self):
            raise ProgrammingError("a bug")

    class BrokenModel:
        objects = BrokenManager()

    monkeypatch.setattr("catalogue.schema.queries.Audience", BrokenModel)
    response = post_graphql(anonymous, "{ audiences { slug } }")
    assert response.status_code == 200
    assert response.json()["errors"][0]["extensions"]["code"] == "INTERNAL"


def test_an_outage_in_the_api_keys_middleware_is_a_503(anonymous, db, monkeypatch):
    monkeypatch.setattr("partners.middleware.api_key_for_token", _database_down)
    response = anonymous.get("/opendata/offres.json", headers={"Authorization": "Bearer some-key"})
    _assert_api_unavailable(response)


def test_a_page_outage_is_a_french_503_page(anonymous, db, monkeypatch):
    monkeypatch.setattr("cms.page_routing._site", _database_down)
    response = anonymous.get("/catalogue/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    page = response.content.decode()
    assert '<html lang="fr">' in page
    assert gettext("Service temporarily unavailable") in page
    assert gettext("Reload the page") in page


def test_another_page_error_is_still_a_500(anonymous, db, monkeypatch):
    def bug(*args, **kwargs):
        raise ValueError("a bug")

    monkeypatch.setattr("cms.page_routing._site", bug)
    response = anonymous.get("/catalogue/")
    assert response.status_code == 500
    assert "Retry-After" not in response
    assert gettext("An error occurred") in response.content.decode()


def test_the_503_page_reads_nothing(rf):
    # No `db` fixture: pytest-django refuses any query, as a down database would.
    response = unavailable_response(rf.get("/catalogue/"))
    assert response.status_code == 503
    assert gettext("Service temporarily unavailable") in response.content.decode()
