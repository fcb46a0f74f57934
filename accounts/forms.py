"""The code a user types from their authenticator app."""

import math

from django_otp.models import VerifyNotAllowed

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


class TokenForm(forms.Form):
    """Checks the code against one device. The device counts failures and refuses any code
    for a growing delay after each one (django-otp's throttling), whichever page asks."""

    code = forms.CharField(
        label=_("Code from your authentication app"),
        max_length=10,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        allowed, details = self.device.verify_is_allowed()
        if not allowed:
            raise forms.ValidationError(self.refusal(details), code="throttled")
        if not self.device.verify_token(code):
            raise forms.ValidationError(
                _("This code is not valid. Type the 6 digits your app shows now."),
                code="invalid",
            )
        return code

    @staticmethod
    def refusal(details) -> str:
        if details and details.get("reason") == VerifyNotAllowed.N_FAILED_ATTEMPTS:
            wait = (details["locked_until"] - timezone.now()).total_seconds()
            seconds = max(1, math.ceil(wait))
            return ngettext(
                "Too many wrong codes. Try again in %(seconds)d second.",
                "Too many wrong codes. Try again in %(seconds)d seconds.",
                seconds,
            ) % {"seconds": seconds}
        return _("This code cannot be checked now. Try again in a moment.")
