"""The forms of offer reports: the public « signaler une information erronée ou obsolète »
form, and the coordinators' note that closes a report.

The models import this module (`OfferReport.base_form_class`), so it never imports them."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm

from cms.api.inputs import has_control_characters

from .choices import ReportReason

MESSAGE_MIN_LENGTH = 10
MESSAGE_MAX_LENGTH = 2000
EMAIL_MAX_LENGTH = 254
# The honeypot: a field people never see nor fill (hidden by the template), which
# form-filling robots do. Its name is one robots expect and browsers never autofill.
TRAP_FIELD = "website"


def no_control_characters(value: str) -> None:
    # PostgreSQL refuses NUL in text (an error, not a row), and the other controls have
    # no business in a message a person reads.
    if has_control_characters(value):
        raise ValidationError(
            _("Remove the invisible control characters (such as NUL) from this text."),
            code="control_characters",
        )


class _NoControlsMixin:
    """One message for every control character: Django's own validator refuses NUL
    alone, and would say it a second time."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.validators = [
            validator
            for validator in self.validators
            if not isinstance(validator, ProhibitNullCharactersValidator)
        ]

    def run_validators(self, value):
        # Stop at the first refusal: a NUL is not worth an "invalid e-mail address" too.
        if value not in self.empty_values:
            no_control_characters(value)
        super().run_validators(value)


class MessageField(_NoControlsMixin, forms.CharField):
    pass


class OptionalEmailField(_NoControlsMixin, forms.EmailField):
    pass


class OfferReportForm(forms.Form):
    """What a visitor may tell about an offer. It asks for no personal data but an
    optional e-mail address, for an answer."""

    reason = forms.ChoiceField(
        label=_("What is the problem?"),
        choices=ReportReason.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose what the problem is."),
            "invalid_choice": _("Choose one of the problems listed."),
        },
    )
    message = MessageField(
        label=_("Details"),
        help_text=_(
            "What is wrong or out of date, and what the right information is if you know it "
            "(%(min)d to %(max)d characters)."
        )
        % {"min": MESSAGE_MIN_LENGTH, "max": MESSAGE_MAX_LENGTH},
        min_length=MESSAGE_MIN_LENGTH,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _("Describe the problem in a few words."),
            "min_length": _(
                "Describe the problem in at least %(limit_value)d characters "
                "(you wrote %(show_value)d)."
            ),
            "max_length": _(
                "Shorten your message to %(limit_value)d characters at most "
                "(it has %(show_value)d)."
            ),
        },
    )
    email = OptionalEmailField(
        label=_("Your e-mail address (optional)"),
        help_text=_(
            "Only so that the coordination can answer you. It is never published nor shared."
        ),
        required=False,
        max_length=EMAIL_MAX_LENGTH,
        error_messages={
            "invalid": _("Enter a valid e-mail address, such as nom@exemple.fr, or leave it empty.")
        },
    )
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def caught_in_trap(self) -> bool:
        """Whether a robot filled the honeypot. Read from the raw data, so that it holds
        whatever else is wrong with the form."""
        return bool(self.data.get(TRAP_FIELD, "").strip())


class OfferReportCloseForm(WagtailAdminModelForm):
    """The coordinators' form of a report (its panels are on `OfferReport`): a report is
    closed with a note that says what was done."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        note = self.fields.get("closing_note")
        if note is not None:
            note.required = True
            note.error_messages["required"] = _(
                "Say in a few words what was checked or corrected before closing the report."
            )
            note.validators.append(no_control_characters)
