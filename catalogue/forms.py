"""The admin form of offers, shaped for a volunteer who fills it in one sitting."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm

# What a reviewer needs before reading an offer. The form requires them, and their panels
# set `required_on_save=False`, so that Wagtail's deferred validation lets a draft be saved
# without them while submitting, publishing or approving checks them.
REQUIRED_TO_SUBMIT = {
    "themes": _("Tick at least one theme to submit the offer for review."),
    "audiences": _("Tick at least one audience to submit the offer for review."),
    "pricing_model": _("Choose a pricing model to submit the offer for review."),
}


class OfferPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, message in REQUIRED_TO_SUBMIT.items():
            field = self.fields.get(name)
            if field is not None:
                field.required = True
                field.error_messages["required"] = message
        self._offer_own_organisations()

    def _offer_own_organisations(self):
        """An actor proposes offers for their own organisation: the provider is limited
        to it (plus the one already set) and prefilled on a new page. Whoever may manage
        actors (coordination, superusers) keeps the full list."""
        field = self.fields.get("provider")
        user = self.for_user
        if field is None or user is None:
            return
        own = field.queryset.filter(users=user)
        if not user.has_perm("catalogue.change_actor"):
            # The snippet chooser would list every actor: a plain list of one's own.
            field.widget = forms.Select()
            field.queryset = field.queryset.filter(
                Q(users=user) | Q(pk=self.instance.provider_id)
            ).distinct()
        if self.instance.pk is None and self.instance.provider_id is None:
            first = own.order_by("name").first()
            if first is not None:
                self.initial["provider"] = first.pk
