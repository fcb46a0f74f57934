from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"

    def ready(self):
        from . import (
            checks,  # noqa: F401  (registers the SITE_URL checks)
            content_version,
        )

        content_version.connect()
