from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "catalogue"
    verbose_name = _("Catalogue")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The pages' template contexts, and the receivers that keep scorecards current.
        from . import contexts, scorecard_signals  # noqa: F401
        from .search import signals  # noqa: F401 - connects the receivers
