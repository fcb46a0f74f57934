from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("Training")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import contexts  # noqa: F401  (registers the pages' template contexts)
