"""Caching of API answers: HTTP headers, ETag and 304, and the server-side response cache
with its invalidation by the content generation."""

import gzip
import json

import pytest

from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from cms.api import caching
from tests.factories.catalogue import ThemeFactory, ToolPageFactory
from tests.graphql_client import post_graphql

pytestmark = pytest.mark.django_db

OFFERS = "query Offers($perPage: Int) { offers(perPage: $perPage) { items { title } } }"
# The same document, written differently: the cache must not care.
OFFERS_REWRITTEN = """
# A partner's comment
query   Offers( $perPage : Int ) {
  offers( perPage: $perPage ) { items {
    title } }
}
"""


def get(client, query, variables=None, **headers):
    params = {"query": query}
    if variables is not None:
        params["variables"] = json.dumps(variables)
    return client.get("/graphql/", params, **headers)


def queries_of(call) -> int:
    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured)


def titles(response):
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["data"]["offers"]["items"]]


def test_an_anonymous_get_is_public_with_an_etag(client, catalogue, settings):
    settings.GRAPHQL_CACHE_MAX_AGE = 30
    settings.GRAPHQL_CACHE_S_MAXAGE = 600
    settings.GRAPHQL_CACHE_STALE_WHILE_REVALIDATE = 90
    ToolPageFactory(parent=catalogue, title="Nextcloud")

    response = get(client, OFFERS, {"perPage": 10})

    assert titles(response) == ["Nextcloud"]
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert directives == {"public", "max-age=30", "s-maxage=600", "stale-while-revalidate=90"}
    assert response["ETag"].startswith('"')
    assert "Cookie" not in response.get("Vary", "")
    assert not response.cookies


def test_apollo_get_with_a_json_content_type_is_not_read_as_a_body(client, catalogue):
    ToolPageFactory(parent=catalogue, title="Nextcloud")

    response = client.get(
        "/graphql/",
        {"query": OFFERS, "variables": '{"perPage": 5}', "operationName": "Offers"},
        content_type="application/json",
    )

    assert titles(response) == ["Nextcloud"]


def test_a_matching_if_none_match_gets_a_304(client, catalogue):
    ToolPageFactory(parent=catalogue, title="Nextcloud")
    etag = get(client, OFFERS)["ETag"]

    for sent in (etag, f"W/{etag}", f'"autre", {etag}'):
        response = get(client, OFFERS, HTTP_IF_NONE_MATCH=sent)
        assert response.status_code == 304, sent
        assert response.content == b""
        assert response["ETag"] == etag
        assert "public" in response["Cache-Control"]

    assert get(client, OFFERS, HTTP_IF_NONE_MATCH='"autre"').status_code == 200


def test_the_etag_changes_with_the_content(client, catalogue):
    tool = ToolPageFactory(parent=catalogue, title="Nextcloud")
    etag = get(client, OFFERS)["ETag"]

    tool.title = "Nextcloud Hub"
    tool.save_revision().publish()

    response = get(client, OFFERS, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert titles(response) == ["Nextcloud Hub"]
    assert response["ETag"] != etag


def test_a_public_answer_is_gzipped_for_callers_that_accept_it(client, catalogue):
    for index in range(12):
        ToolPageFactory(parent=catalogue, title=f"Outil numéro {index}")
    plain = get(client, OFFERS, {"perPage": 12})

    # Computed (a miss), then served from the response cache (a hit): the same bytes.
    first, again = (
        get(client, OFFERS, {"perPage": 12}, HTTP_ACCEPT_ENCODING="br, gzip") for _ in range(2)
    )

    for response in (first, again):
        assert response["Content-Encoding"] == "gzip"
        assert gzip.decompress(response.content) == plain.content
        assert len(response.content) < len(plain.content)
        assert int(response["Content-Length"]) == len(response.content)
        assert "Accept-Encoding" in response["Vary"]
        assert response["ETag"] == f"W/{plain['ETag']}"
    assert first.content == again.content
    assert not plain.has_header("Content-Encoding")
    assert "Accept-Encoding" in plain["Vary"]
    # The compressed copy's ETag revalidates.
    revalidated = get(client, OFFERS, {"perPage": 12}, HTTP_IF_NONE_MATCH=first["ETag"])
    assert revalidated.status_code == 304


def test_private_answers_are_never_compressed(client, catalogue):
    for index in range(12):
        ToolPageFactory(parent=catalogue, title=f"Outil numéro {index}")

    post = client.post(
        "/graphql/",
        json.dumps({"query": OFFERS, "variables": {"perPage": 12}}),
        content_type="application/json",
        HTTP_ACCEPT_ENCODING="gzip",
    )

    assert post.status_code == 200 and no_store(post)
    assert not post.has_header("Content-Encoding")
    assert len(post.json()["data"]["offers"]["items"]) == 12


def no_store(response) -> bool:
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    return {"no-store", "private"} <= directives and "public" not in directives


def test_posts_errors_and_refusals_are_not_stored(client, catalogue):
    post = post_graphql(client, OFFERS)
    assert post.status_code == 200
    assert no_store(post)
    assert not post.has_header("ETag")

    not_found = get(client, '{ offer(slug: "absente") { title } }')
    assert not_found.json()["errors"]
    assert no_store(not_found)

    syntax = get(client, "{ offers {")
    assert syntax.status_code == 400
    assert no_store(syntax)

    assert no_store(client.put("/graphql/", "{}", content_type="application/json"))


def test_a_logged_in_caller_is_private_and_never_served_from_the_cache(
    client, catalogue, admin_user
):
    ToolPageFactory(parent=catalogue, title="Nextcloud")
    get(client, OFFERS)  # stored by an anonymous call
    client.force_login(admin_user)

    response = get(client, OFFERS)

    assert no_store(response)
    assert not response.has_header("ETag")
    assert queries_of(lambda: get(client, OFFERS)) > 0


def test_an_anonymous_session_adds_no_vary_cookie(client, catalogue):
    session = client.session
    session["seen"] = True
    session.save()

    response = get(client, OFFERS)

    assert "public" in response["Cache-Control"]
    assert "Cookie" not in response.get("Vary", "")
    assert not response.cookies


def test_the_answer_does_not_depend_on_the_callers_language(
    client, catalogue, django_assert_num_queries, settings
):
    """The API speaks French only (one entry in LANGUAGES): so it needs no `Vary` of its own
    on Accept-Language. Should a second language come, this fails, and the answers must then
    vary on it."""
    ToolPageFactory(parent=catalogue, title="Nextcloud")
    first = get(client, OFFERS)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    with django_assert_num_queries(0):
        english = get(client, OFFERS, HTTP_ACCEPT_LANGUAGE="en")

    assert english.content == first.content
    assert english["ETag"] == first["ETag"]
    assert english["Content-Language"] == "fr"
    # Nor does it say it varies: a CDN would keep a copy per browser language for nothing.
    assert "Accept-Language" not in english.get("Vary", "")
    not_found = get(client, '{ offer(slug: "absente") { title } }', HTTP_ACCEPT_LANGUAGE="en")
    assert not_found.json()["errors"][0]["message"] == "Aucune offre publiée ne correspond."


def test_the_same_query_written_differently_is_served_from_the_cache(
    client, catalogue, django_assert_num_queries
):
    ToolPageFactory(parent=catalogue, title="Nextcloud")
    first = get(client, OFFERS, {"perPage": 10})

    with django_assert_num_queries(0):
        again = get(client, OFFERS_REWRITTEN, {"perPage": 10})
        posted = post_graphql(client, OFFERS_REWRITTEN, {"perPage": 10})

    assert again.content == first.content
    assert again["ETag"] == first["ETag"]
    assert posted.content == first.content
    assert no_store(posted)


def test_an_answer_from_the_cache_reads_the_shared_cache_once(client, catalogue, monkeypatch):
    """The generation and the stored answer come in one round trip, and the API does not
    look up the request's Wagtail site, which it never uses."""
    ToolPageFactory(parent=catalogue, title="Nextcloud")
    first = get(client, OFFERS, {"perPage": 10})
    reads = []
    depth = [0]
    for name in ("get", "get_many"):
        original = getattr(caching.cache, name)

        def counted(*args, _original=original, _name=name, **kwargs):
            # The local-memory cache reads a `get_many` key by key: count the outer call.
            if not depth[0]:
                reads.append(_name)
            depth[0] += 1
            try:
                return _original(*args, **kwargs)
            finally:
                depth[0] -= 1

        monkeypatch.setattr(caching.cache, name, counted)

    again = get(client, OFFERS, {"perPage": 10})

    assert again.content == first.content
    assert reads == ["get_many"]


def test_variables_are_keyed_canonically(client, catalogue, django_assert_num_queries):
    query = "query($perPage: Int, $page: Int) { offers(perPage: $perPage, page: $page) { items { title } } }"
    ToolPageFactory(parent=catalogue, title="Nextcloud")
    get(client, query, {"perPage": 10, "page": 1})

    with django_assert_num_queries(0):
        get(client, query, {"page": 1, "perPage": 10})
    assert queries_of(lambda: get(client, query, {"page": 1, "perPage": 5})) > 0


def test_answers_with_errors_are_not_stored(client, catalogue):
    query = '{ offer(slug: "absente") { title } }'
    assert get(client, query).json()["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert queries_of(lambda: get(client, query)) > 0


def _publish(catalogue, tool):
    draft = ToolPageFactory(parent=catalogue, title="Framadate", live=False)
    draft.save_revision().publish()


def _unpublish(catalogue, tool):
    tool.unpublish()


def _delete(catalogue, tool):
    tool.delete()


def _move(catalogue, tool):
    tool.move(catalogue.get_parent(), pos="last-child")


def _rename_theme(catalogue, tool):
    theme = tool.themes.first()
    theme.name = "Données personnelles"
    theme.save()


@pytest.mark.parametrize("change", [_publish, _unpublish, _delete, _move, _rename_theme])
def test_every_public_change_gives_a_fresh_answer(client, catalogue, change):
    theme = ThemeFactory(name="RGPD")
    tool = ToolPageFactory(parent=catalogue, title="Nextcloud", themes=[theme])
    query = "{ offers { items { title url themes { name } } } }"
    first = get(client, query)
    assert get(client, query).content == first.content

    change(catalogue, tool)

    assert get(client, query).content != first.content


def test_a_draft_revision_leaves_the_cached_answer(client, catalogue, django_assert_num_queries):
    tool = ToolPageFactory(parent=catalogue, title="Nextcloud")
    first = get(client, OFFERS)

    tool.title = "Brouillon"
    tool.save_revision()

    with django_assert_num_queries(0):
        assert get(client, OFFERS).content == first.content


def test_an_answer_marked_private_is_neither_stored_nor_public(client, catalogue):
    request = RequestFactory().get("/graphql/", {"query": OFFERS})
    key = caching.response_key(request, OFFERS, None, None)
    assert caching.lookup(request, key) is None
    caching.mark_private(request)

    caching.store(request, key, 200, b'{"data":{}}')

    assert caching.lookup(request, key) is None
    del request._api_response_private
    caching.store(request, key, 200, b'{"data":{}}')
    assert caching.lookup(request, key) == b'{"data":{}}'


@pytest.mark.parametrize(
    ("query", "operation_name"),
    [
        ("mutation { runDiagnostic { id } }", None),
        ("query A { offers { items { title } } } mutation B { x }", "B"),
        ("query A { offers { items { title } } }", "Other"),
        ("{ offers {", None),
    ],
)
def test_only_query_operations_have_a_key(query, operation_name):
    request = RequestFactory().post("/graphql/")
    assert caching.response_key(request, query, None, operation_name) is None


def test_a_mutation_sent_with_get_is_refused(client, db):
    response = get(client, "mutation { __typename }")
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert no_store(response)
