from django.http import HttpResponse
from django.test import RequestFactory

from cms.locale import LocaleMiddleware


def _response(settings, languages):
    settings.LANGUAGES = languages
    request = RequestFactory().get("/catalogue/", HTTP_ACCEPT_LANGUAGE="en")
    middleware = LocaleMiddleware(lambda request: HttpResponse("page"))
    return middleware(request)


def test_one_language_sends_no_vary_on_accept_language(settings):
    response = _response(settings, [("fr", "Français")])

    assert "Accept-Language" not in response.get("Vary", "")
    assert response["Content-Language"] == "fr"


def test_a_second_language_makes_answers_vary_on_it(settings):
    response = _response(settings, [("fr", "Français"), ("en", "English")])

    assert "Accept-Language" in response["Vary"]
