"""The admin's two-factor gate."""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse

from .policy import confirmed_device, two_factor_mandatory

# What a signed-in but unverified user may still reach: leaving, the pages that verify or
# enrol, and what those pages load (icons, the JavaScript catalogue).
OPEN_URL_NAMES = (
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "accounts_2fa_enrol",
    "accounts_2fa_verify",
)


class AdminTwoFactorMiddleware:
    """Sends an admin request from a session without a verified second factor to the
    verification page when its user has a device, or to enrolment when the user must have
    one (accounts/policy.py). Public pages and the API never reach the check: only the
    admin's paths do, and only for a signed-in user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.gate(request) or self.get_response(request)

    def gate(self, request):
        try:
            admin_root = reverse("wagtailadmin_home")
        except NoReverseMatch:  # a URLconf without the admin (request.urlconf): nothing to gate
            return None
        if not request.path_info.startswith(admin_root):
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if request.path_info in {reverse(name) for name in OPEN_URL_NAMES}:
            return None
        if confirmed_device(user) is not None:
            target = "accounts_2fa_verify"
        elif two_factor_mandatory(user):
            target = "accounts_2fa_enrol"
        else:
            return None
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{reverse(target)}?{query}")
