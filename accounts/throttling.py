"""What django-axes needs from us: the caller's address, and the page a locked-out login gets."""

import math

from django.conf import settings
from django.shortcuts import render

from wagtail.admin.views.account import password_reset_enabled

from partners.clients import client_address


def client_ip(request) -> str | None:
    """The address the API's rate limits count (`API_CLIENT_IP_HEADER` behind a proxy), so that
    one setting says where callers come from. Axes stores it in an IP address column: no
    address at all is stored as none rather than as the API's "unknown"."""
    address = client_address(request)
    return None if address == "unknown" else address


def lockout_response(request, original_response=None, credentials=None):
    """The same page for every locked-out login, whatever the username: it never says
    whether the account exists, nor repeats the username."""
    seconds = int(settings.AXES_COOLOFF_TIME.total_seconds())
    context = {
        "cooloff_minutes": math.ceil(seconds / 60),
        "show_password_reset": password_reset_enabled(),
    }
    response = render(request, "accounts/lockout.html", context, status=429)
    response["Retry-After"] = str(seconds)
    return response
