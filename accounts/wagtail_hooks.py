from django.urls import path, reverse
from django.utils.translation import gettext as _

from wagtail import hooks

from . import views
from .policy import confirmed_device


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [
        path("2fa/activer/", views.enrol, name="accounts_2fa_enrol"),
        path("2fa/verifier/", views.verify, name="accounts_2fa_verify"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    """Staff who need not use a second factor may still turn it on, from their account."""
    if confirmed_device(request.user) is not None:
        return None
    return {
        "url": reverse("accounts_2fa_enrol"),
        "label": _("Turn on two-factor authentication"),
        "help_text": _(
            "Ask for a code from an authentication app on your phone, after your password, "
            "at each sign-in."
        ),
    }
