"""Public HTML pages: cache headers, ETag and 304, gzip, and the server-side page cache
(cms/page_cache.py)."""

import gzip

import pytest

from django.test import RequestFactory

from wagtail.models import PageViewRestriction

from cms.page_cache import _is_candidate
from tests.factories.catalogue import ToolPageFactory

pytestmark = pytest.mark.django_db

TOOL_URL = "/catalogue/outil-en-cache/"


@pytest.fixture
def tool(catalogue):
    return ToolPageFactory(parent=catalogue, slug="outil-en-cache", title="Outil en cache")


def test_an_anonymous_page_is_public_with_an_etag_and_no_cookie(client, tool):
    response = client.get(TOOL_URL)

    assert response.status_code == 200
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert directives == {
        "public",
        "max-age=60",
        "s-maxage=300",
        "stale-while-revalidate=60",
    }
    assert response["ETag"].strip('W/"')
    assert not response.cookies
    assert "cookie" not in response.get("Vary", "").lower()


def test_the_settings_choose_the_lifetimes(client, tool, settings):
    settings.PAGE_CACHE_MAX_AGE = 5
    settings.PAGE_CACHE_S_MAXAGE = 600
    settings.PAGE_CACHE_STALE_WHILE_REVALIDATE = 30

    cache_control = client.get(TOOL_URL)["Cache-Control"]

    assert "max-age=5" in cache_control
    assert "s-maxage=600" in cache_control
    assert "stale-while-revalidate=30" in cache_control


def test_a_matching_etag_is_answered_304_without_a_body(client, tool):
    etag = client.get(TOOL_URL)["ETag"]

    response = client.get(TOOL_URL, headers={"if-none-match": etag})

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    other = client.get(TOOL_URL, headers={"if-none-match": '"autre"'})
    assert other.status_code == 200


def test_public_pages_are_gzipped_when_the_client_accepts_it(client, tool):
    plain = client.get(TOOL_URL)
    compressed = client.get(TOOL_URL, headers={"accept-encoding": "gzip"})

    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    assert gzip.decompress(compressed.content) == plain.content
    assert "Content-Encoding" not in plain


def test_a_page_with_a_csrf_token_is_neither_public_nor_gzipped(client, tool):
    PageViewRestriction.objects.create(
        page=tool, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )

    response = client.get(TOOL_URL, headers={"accept-encoding": "gzip"})

    assert response.status_code == 200  # Wagtail's password form
    assert b"csrfmiddlewaretoken" in response.content
    assert "Content-Encoding" not in response  # BREACH: no compression beside a secret
    assert "public" not in response.get("Cache-Control", "")
    assert "X-Page-Cache" not in response


def test_the_second_request_is_served_from_the_cache_without_sql(
    client, tool, django_assert_num_queries
):
    assert client.get(TOOL_URL)["X-Page-Cache"] == "miss"

    with django_assert_num_queries(0):
        response = client.get(TOOL_URL)

    assert response["X-Page-Cache"] == "hit"
    assert "Outil en cache" in response.content.decode()
    assert "public" in response["Cache-Control"]


def test_the_page_does_not_depend_on_the_visitors_language(client, tool, settings):
    """One language (LANGUAGES): an English visitor is served the French page stored for
    everyone. Should a second language come, this fails, and the key and `Vary` must follow."""
    french = client.get(TOOL_URL)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    english = client.get(TOOL_URL, headers={"accept-language": "en"})

    assert english["X-Page-Cache"] == "hit"
    assert english["Content-Language"] == "fr"
    assert english.content == french.content


def test_the_key_holds_the_query_string(client, catalogue):
    client.get("/catalogue/")

    assert client.get("/catalogue/?kind=outil")["X-Page-Cache"] == "miss"
    assert client.get("/catalogue/?kind=outil")["X-Page-Cache"] == "hit"


def test_publishing_empties_the_cache(client, tool):
    client.get(TOOL_URL)
    assert client.get(TOOL_URL)["X-Page-Cache"] == "hit"

    tool.title = "Titre republié"
    tool.save_revision().publish()

    response = client.get(TOOL_URL)
    assert response["X-Page-Cache"] == "miss"
    assert "Titre republié" in response.content.decode()


def test_unpublishing_empties_the_cache(client, tool):
    client.get(TOOL_URL)

    tool.unpublish()

    assert client.get(TOOL_URL).status_code == 404


def test_a_draft_revision_leaves_the_cached_page_served(client, tool):
    client.get(TOOL_URL)

    tool.title = "Brouillon en cours"
    tool.save_revision()

    response = client.get(TOOL_URL)
    assert response["X-Page-Cache"] == "hit"
    assert "Brouillon en cours" not in response.content.decode()


def test_editors_are_never_served_from_the_cache_nor_stored(client, tool, admin_user):
    client.get(TOOL_URL)  # stored for visitors
    client.force_login(admin_user)

    response = client.get(TOOL_URL)

    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]

    client.logout()
    client.cookies.clear()
    tool.title = "Nouveau titre"
    tool.save_revision().publish()
    client.force_login(admin_user)
    client.get(TOOL_URL)  # an editor's view of the new generation is not stored
    client.logout()
    client.cookies.clear()
    assert client.get(TOOL_URL)["X-Page-Cache"] == "miss"


def test_a_login_restricted_page_is_never_stored(client, tool):
    PageViewRestriction.objects.create(page=tool, restriction_type=PageViewRestriction.LOGIN)

    for _ in range(2):
        response = client.get(TOOL_URL)
        assert response.status_code == 302
        assert "X-Page-Cache" not in response


def test_posts_are_never_served_from_the_cache(client, tool):
    client.get(TOOL_URL)

    response = client.post(TOOL_URL)

    assert "X-Page-Cache" not in response


@pytest.mark.parametrize("path", ["/graphql/?query={__typename}", "/admin/login/"])
def test_the_api_and_the_admin_are_left_alone(client, home_page, path):
    client.get(path)

    response = client.get(path)

    assert "X-Page-Cache" not in response
    if path.startswith("/admin/"):
        assert "public" not in response.get("Cache-Control", "")
    else:  # the API sets its own headers (cms/api/caching.py)
        assert response["Cache-Control"].startswith("public, max-age=")


def test_the_sitemap_is_cached(client, tool):
    client.get("/sitemap.xml")

    response = client.get("/sitemap.xml")

    assert response["X-Page-Cache"] == "hit"
    assert TOOL_URL in response.content.decode()


def test_previews_and_private_requests_are_not_candidates(settings):
    factory = RequestFactory()
    preview = factory.get(TOOL_URL)
    preview.is_preview = True
    with_session = factory.get(TOOL_URL, headers={"cookie": f"{settings.SESSION_COOKIE_NAME}=x"})
    with_session.COOKIES = {settings.SESSION_COOKIE_NAME: "x"}
    with_key = factory.get(TOOL_URL, headers={"authorization": "Bearer cle"})

    assert _is_candidate(factory.get(TOOL_URL))
    assert not _is_candidate(preview)
    assert not _is_candidate(with_session)
    assert not _is_candidate(with_key)
    assert not _is_candidate(factory.get("/documents/1/prive.pdf"))


def test_the_server_side_store_can_be_turned_off(client, tool, settings):
    settings.PAGE_CACHE_TIMEOUT = 0
    client.get(TOOL_URL)

    response = client.get(TOOL_URL)

    assert response["X-Page-Cache"] == "off"
    assert "public" in response["Cache-Control"]
