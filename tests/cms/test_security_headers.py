"""The security headers of every answer (a page, an API answer, the admin), with the test
settings and with those that production adds, and the one exception: Wagtail's preview,
which the admin shows in a frame."""

import pytest

from .test_settings import _production

pytestmark = pytest.mark.django_db

COMMON_HEADERS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}
REFUSED_FEATURES = ("camera=()", "geolocation=()", "microphone=()", "payment=()", "usb=()")
# What cms/settings/production.py sets or changes for these headers.
PRODUCTION_SETTINGS = (
    "MIDDLEWARE",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "X_FRAME_OPTIONS",
    "PERMISSIONS_POLICY",
)


def _answers(client, admin_user, home_page, **request) -> dict:
    page = client.get("/", **request)
    api = client.get(
        "/graphql/", {"query": "{ __typename }"}, headers={"accept": "application/json"}, **request
    )
    client.force_login(admin_user)
    admin = client.get(f"/admin/pages/{home_page.pk}/edit/", **request)
    answers = {"page": page, "api": api, "admin": admin}
    assert {name: answer.status_code for name, answer in answers.items()} == dict.fromkeys(
        answers, 200
    )
    return answers


def _assert_security_headers(response) -> None:
    for name, value in COMMON_HEADERS.items():
        assert response.get(name) == value, name
    permissions = response["Permissions-Policy"].split(", ")
    assert set(REFUSED_FEATURES) <= set(permissions)
    # The video players may still go fullscreen.
    assert not any(feature.startswith("fullscreen") for feature in permissions)
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_every_answer_carries_the_security_headers(client, admin_user, home_page):
    for answer in _answers(client, admin_user, home_page).values():
        _assert_security_headers(answer)
        assert "Strict-Transport-Security" not in answer  # HTTPS is production's


@pytest.fixture
def production_security(settings):
    """This process's settings given production's values for the headers' settings
    (WhiteNoise left out: the tests collect no static files)."""
    values = _production(*PRODUCTION_SETTINGS)
    values["MIDDLEWARE"] = [name for name in values["MIDDLEWARE"] if "whitenoise" not in name]
    values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    for name, value in values.items():
        setattr(settings, name, value)


def test_production_adds_hsts_and_keeps_the_rest(
    production_security, client, admin_user, home_page
):
    plain_http = client.get("/")
    assert plain_http.status_code == 301 and plain_http["Location"].startswith("https://")

    for answer in _answers(client, admin_user, home_page, secure=True).values():
        _assert_security_headers(answer)
        assert answer["Strict-Transport-Security"] == (
            "max-age=31536000; includeSubDomains; preload"
        )


def test_wagtails_preview_may_be_framed_by_the_admin_only(client, admin_user, home_page):
    client.force_login(admin_user)

    preview = client.get(f"/admin/pages/{home_page.pk}/edit/preview/")

    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in preview["Content-Security-Policy"]
