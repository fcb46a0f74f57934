"""Django's LocaleMiddleware, without `Vary: Accept-Language` while the site has a single
language: the header cannot change the answer then (LocaleMiddleware only picks among
`LANGUAGES`), and a shared cache that honours it would keep one copy of each page and API
answer per Accept-Language value that browsers send, and miss most requests."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils.translation import get_language


class LocaleMiddleware(DjangoLocaleMiddleware):
    def process_response(self, request, response):
        if len(settings.LANGUAGES) > 1:
            return super().process_response(request, response)
        response.headers.setdefault("Content-Language", get_language())
        return response
