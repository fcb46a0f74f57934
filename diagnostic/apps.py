from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiagnosticConfig(AppConfig):
    name = "diagnostic"
    verbose_name = _("Needs diagnostic")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import views  # noqa: F401  (registers the page's routes)
