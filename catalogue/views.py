"""The open-data exports of the catalogue (`catalogue.opendata`), as downloadable files."""

import json

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import condition, require_safe

from . import opendata


def _export(fmt: str):
    """GET/HEAD only, with an ETag from the content generation (answered by 304) and
    public caching, and the licence in a `Link` header (RFC 8288), since a CSV file has
    nowhere else to carry it."""

    def decorator(view):
        @require_safe
        @condition(etag_func=lambda request: opendata.offers_export_etag(fmt=fmt))
        def wrapper(request):
            response = view(request)
            patch_cache_control(response, public=True, max_age=opendata.MAX_AGE)
            response["Link"] = f'<{opendata.LICENCE["url"]}>; rel="license"'
            return response

        return wrapper

    return decorator


@_export("csv")
def offers_csv(request):
    # Streamed, so that a large catalogue is never held twice in memory as text.
    response = StreamingHttpResponse(
        opendata.offers_csv_lines(opendata.export_offers(), request=request),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="offres.csv"'
    return response


@_export("json")
def offers_json(request):
    document = opendata.offers_document(opendata.export_offers(), request=request)
    return HttpResponse(
        json.dumps(document, ensure_ascii=False), content_type="application/json; charset=utf-8"
    )
