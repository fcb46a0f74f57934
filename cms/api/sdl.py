"""The committed SDL (`schema.graphql`), served to partners whether or not introspection
is on, so that code generators and Apollo tooling can always read the schema."""

import hashlib
from functools import cache

from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition, require_safe


@cache
def _sdl() -> tuple[bytes, str]:
    # Read once per process: the file only changes with a deployment.
    content = (settings.BASE_DIR / "schema.graphql").read_bytes()
    return content, hashlib.sha256(content).hexdigest()


@require_safe
@cache_control(public=True, max_age=3600)
@condition(etag_func=lambda request: _sdl()[1])
def schema_sdl(request):
    return HttpResponse(_sdl()[0], content_type="text/plain; charset=utf-8")
