"""The two pages of the second factor: enrolment of an authenticator app, and the code asked
at each new session. Both are admin URLs (wagtail_hooks.py), hence signed-in staff only."""

from base64 import b32encode

import django_otp

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from .forms import TokenForm
from .policy import confirmed_device, pending_device
from .qr import qr_svg


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if safe else reverse("wagtailadmin_home")


def _redirect_keeping_next(name: str, request):
    query = request.GET.urlencode()
    return redirect(f"{reverse(name)}?{query}" if query else reverse(name))


@never_cache
@sensitive_post_parameters("code")
def enrol(request):
    """Shows the secret of a new device as a QR code and as text, and confirms the device
    with a first code: a device nobody proved they can read never guards an account."""
    if confirmed_device(request.user) is not None:
        if request.user.is_verified():
            messages.info(request, _("Two-factor authentication is already on for your account."))
            return redirect(_next_url(request))
        return _redirect_keeping_next("accounts_2fa_verify", request)
    device = pending_device(request.user)
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        _mark_verified(request, device)
        messages.success(request, _("Two-factor authentication is on for your account."))
        return redirect(_next_url(request))
    context = {
        "form": form,
        "qr_svg": qr_svg(device.config_url, title=_("QR code to scan with your app")),
        "secret": _grouped(device),
        "next": _next_url(request),
    }
    return TemplateResponse(request, "accounts/enrol.html", context)


@never_cache
@sensitive_post_parameters("code")
def verify(request):
    """Asks the code of the user's device once per session (django-otp keeps it there)."""
    device = confirmed_device(request.user)
    if device is None:
        return _redirect_keeping_next("accounts_2fa_enrol", request)
    if request.user.is_verified():
        return redirect(_next_url(request))
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        _mark_verified(request, device)
        return redirect(_next_url(request))
    context = {"form": form, "next": _next_url(request)}
    return TemplateResponse(request, "accounts/verify.html", context)


def _mark_verified(request, device) -> None:
    """The session gains rights: a new session key, as at sign-in, so that a key seen before
    the second factor is worth nothing after it."""
    request.session.cycle_key()
    django_otp.login(request, device)


def _grouped(device) -> str:
    """The base32 secret in groups of four, as authenticator apps accept it typed by hand."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
