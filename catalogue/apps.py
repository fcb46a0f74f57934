from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "catalogue"
    verbose_name = _("Catalogue")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import (
            contexts,  # noqa: F401  (registers the pages' template contexts)
            evaluation_signals,  # noqa: F401 - connects the receivers
        )
        from .search import signals  # noqa: F401 - connects the receivers
