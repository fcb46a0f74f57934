from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"

    def ready(self):
        from . import (
            checks,  # noqa: F401  (registers the SITE_URL checks)
            content_version,
        )
        from .observability.sentry import init_sentry

        content_version.connect()
        init_sentry()
