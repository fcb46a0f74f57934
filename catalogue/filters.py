"""Validation of offer filters, shared by the HTML listing and the GraphQL API."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import OfferOrdering, PricingModel, Territory
from .models import Audience, OfferKind, Theme


class SlugMultipleChoiceField(forms.MultipleChoiceField):
    """Multiple choice over slugs of a model, with an error naming the unknown values."""

    def __init__(self, *, model, **kwargs):
        self.model = model
        super().__init__(**kwargs)

    def valid_value(self, value):
        return True

    def validate(self, value):
        from .selectors import unknown_slugs

        super().validate(value)
        if unknown := unknown_slugs(self.model, value):
            raise forms.ValidationError(
                _("Valeur inconnue : %(values)s."),
                code="unknown",
                params={"values": ", ".join(unknown)},
            )


class OfferFilterForm(forms.Form):
    q = forms.CharField(label=_("Rechercher"), required=False, max_length=200)
    kind = forms.MultipleChoiceField(
        label=_("Type d'offre"),
        choices=OfferKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    themes = SlugMultipleChoiceField(
        model=Theme, label=_("Thématiques"), required=False, widget=forms.CheckboxSelectMultiple
    )
    audiences = SlugMultipleChoiceField(
        model=Audience, label=_("Publics"), required=False, widget=forms.CheckboxSelectMultiple
    )
    pricing = forms.MultipleChoiceField(
        label=_("Modèle tarifaire"),
        choices=PricingModel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    territory = forms.MultipleChoiceField(
        label=_("Territoire"),
        choices=Territory.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    updated_since = forms.DateTimeField(
        label=_("Mis à jour depuis"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    order = forms.ChoiceField(
        label=_("Trier par"),
        choices=[("", _("Pertinence")), *OfferOrdering.choices],
        required=False,
    )

    def __init__(self, *args, with_choices: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if with_choices:
            self.load_choices()

    def load_choices(self):
        """Theme and audience options, for rendering; validation does not need them."""
        from .selectors import themes_in_tree_order

        themes = themes_in_tree_order()
        self.fields["themes"].choices = [(theme.slug, theme.name) for theme in themes]
        self.child_theme_slugs = {theme.slug for theme in themes if theme.parent_id}
        self.fields["audiences"].choices = [(a.slug, a.name) for a in Audience.objects.all()]

    def error_messages(self) -> list[str]:
        messages = []
        for name, errors in self.errors.items():
            label = self.fields[name].label if name in self.fields else name
            messages.extend(f"{name} ({label}) : {error}" for error in errors)
        return messages
