"""The training module listing's filters, defined once for the training page and the
`trainingModules` GraphQL field (see `catalogue.filters`)."""

import django_filters

from django import forms
from django.utils.translation import gettext_lazy as _

from catalogue.filters import (
    IdFilter,
    ListingFilterSet,
    audiences_filter,
    search_filter,
    themes_filter,
)
from cms.api.filters import api

from .choices import PathLevel
from .models import TrainingModulePage


class ModuleFilterSet(ListingFilterSet):
    level = api(
        django_filters.MultipleChoiceFilter(
            label=_("Level"),
            choices=PathLevel.choices,
            widget=forms.CheckboxSelectMultiple,
            distinct=False,
        ),
        "Niveaux (OU).",
        enum=("TrainingLevel", "Niveau de formation."),
    )
    themes = themes_filter()
    audiences = audiences_filter()
    offer = api(
        IdFilter(label=_("Catalogue offer used"), field_name="offers", min_value=1),
        "Seulement les modules qui utilisent cette offre (identifiant).",
    )
    q = search_filter()

    default_order = ("level", "title", "pk")

    class Meta:
        model = TrainingModulePage
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, **kwargs):
        if queryset is None:
            queryset = TrainingModulePage.objects.visible()
        super().__init__(data, queryset=queryset, **kwargs)
