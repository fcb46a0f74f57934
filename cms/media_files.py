"""Uploaded images served from MEDIA_ROOT, when uploads are on the local file system.

WhiteNoise cannot serve them: it indexes its folders when the server starts, and images
and renditions are written afterwards. Only the two image folders are served. Documents
are not, although they sit in the same MEDIA_ROOT: a document in a private collection
must only leave through Wagtail's document view (/documents/<id>/<file>), which checks
its restrictions. Anything else, a `../` included, is a 404.
"""

import posixpath

from django.conf import settings
from django.http import Http404
from django.views import View
from django.views.static import serve

# Wagtail's folders of original images and of renditions: the public media, here and in
# an object store (cms/media_storage.py).
SERVED_FOLDERS = ("original_images", "images")
# An image file never changes under its name: a new upload gets a new name, and a
# rendition's name carries a hash of its filter and focal point.
PUBLIC_CACHE_CONTROL = "public, max-age=31536000, immutable"


class MediaImageView(View):
    http_method_names = ["get", "head"]
    # No page here: CachedRouteMiddleware need not look the Wagtail site up.
    uses_wagtail_site = False

    def get(self, request, path: str):
        normalized = posixpath.normpath(path)
        folder = normalized.split("/", 1)[0]
        if folder not in SERVED_FOLDERS or normalized == folder or "\\" in normalized:
            raise Http404
        response = serve(request, normalized, document_root=settings.MEDIA_ROOT)
        response["Cache-Control"] = PUBLIC_CACHE_CONTROL
        response["X-Content-Type-Options"] = "nosniff"
        # An SVG opened by itself is a document that could run scripts on our origin.
        response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
        return response
