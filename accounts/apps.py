from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Signing in to the admin: login throttling and two-factor authentication. Holds no
    model: the attempts are django-axes' and the devices django-otp's."""

    name = "accounts"
    verbose_name = _("Staff accounts")
