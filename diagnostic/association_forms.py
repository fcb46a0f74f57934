"""Admin forms of the advisors' associations."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .services import result_id_parse


class AttachResultForm(forms.Form):
    """A result an advisor attaches to an association, by the address the diagnostic
    gave at the end of the run, or its identifier alone."""

    result = forms.CharField(
        label=_("Result address or identifier"),
        max_length=500,
        help_text=_(
            "The address of the result page shown at the end of the diagnostic, such as "
            "…/diagnostic/resultat/3f2b8c1e-6a4d-4f0e-9b7a-2c5d1e8f9a0b/, or its identifier."
        ),
    )
    notes = forms.CharField(
        label=_("Notes on this run"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Seen by you and the coordination only, never stored with the result."),
    )

    def clean_result(self):
        return result_id_parse(self.cleaned_data["result"])
