from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    """What partner websites hold with us: API keys and their limits, webhooks, the
    changes feed. Generic plumbing: it knows pages, not offers."""

    name = "partners"
    verbose_name = _("API partners")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from corsheaders.signals import check_request_enabled

        from . import checks, key_signals, signals  # noqa: F401 (checks registers itself)
        from .cors import allow_key_origins

        key_signals.connect()
        signals.connect()
        check_request_enabled.connect(allow_key_origins, dispatch_uid="partners-key-origins")
