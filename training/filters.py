"""The training module listing's filters, defined once for the training page and the
`trainingModules` GraphQL field (see `catalogue.filters`)."""

import django_filters

from django import forms
from django.utils.translation import gettext_lazy as _

from catalogue.filters import IdFilter, ListingFilterSet, SearchFilter, SlugsFilter
from catalogue.models import Audience, Theme
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
    themes = api(
        SlugsFilter(
            label=_("Themes"), model=Theme, with_children=True, widget=forms.CheckboxSelectMultiple
        ),
        "Identifiants de thématiques (OU) ; une thématique parente inclut ses sous-thématiques.",
    )
    audiences = api(
        SlugsFilter(label=_("Audiences"), model=Audience, widget=forms.CheckboxSelectMultiple),
        "Identifiants de publics (OU).",
    )
    offer = api(
        IdFilter(label=_("Catalogue offer used"), field_name="offers", min_value=1),
        "Seulement les modules qui utilisent cette offre (identifiant).",
    )
    q = api(
        SearchFilter(label=_("Search"), max_length=200),
        "Recherche plein texte.",
        name="search",
    )

    default_order = ("level", "title", "pk")

    class Meta:
        model = TrainingModulePage
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, **kwargs):
        if queryset is None:
            queryset = TrainingModulePage.objects.visible()
        super().__init__(data, queryset=queryset, **kwargs)
