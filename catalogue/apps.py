from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "catalogue"
    verbose_name = _("Catalogue")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported for their registrations: system checks, the pages' template contexts,
        # the receivers.
        from . import (  # noqa: F401
            checks,
            contexts,
            evaluation_signals,
            quality_signals,
            scorecard_signals,
        )
        from .search import signals  # noqa: F401 - connects the receivers
