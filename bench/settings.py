"""Benchmark settings: the test settings plus Wagtail's API v2, the peer we compare with."""

import os
import tempfile

from cms.settings.test import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.api.v2", "rest_framework"]  # noqa: F405
ROOT_URLCONF = "bench.urls"
WAGTAILAPI_LIMIT_MAX = 100
if "DATABASE_URL" not in os.environ:
    DATABASES["default"]["NAME"] = os.path.join(tempfile.mkdtemp(), "bench.sqlite3")  # noqa: F405
MEDIA_ROOT = tempfile.mkdtemp()
