"""The offer listing's filters, defined once: the catalogue page binds them to its query
string and the `offers` GraphQL field derives its arguments from them
(`cms.api.filters`). django-filter's `FilterSet` was chosen over a layer of our own
because it already ties each filter to a form field (validation, HTML widgets, error
messages) and to a queryset method; we only add the GraphQL description."""

import django_filters
import graphene

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.validators import ProhibitNullCharactersValidator
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from cms import content_version
from cms.api.filters import ApiInput, api, enum_from_choices

from .choices import AnswerValue, OfferOrdering, PricingModel, Territory
from .models import (
    MODEL_BY_KIND,
    Audience,
    EvaluationCriterion,
    OfferKind,
    OfferPage,
    ScorecardCriterion,
    Theme,
)
from .models.evaluations import ANSWER_ENUM
from .search import apply_search
from .selectors import theme_tree

ORDERINGS = {
    OfferOrdering.TITLE: ("title", "pk"),
    OfferOrdering.RECENT: ("-last_published_at", "pk"),
    OfferOrdering.OLDEST: ("last_published_at", "pk"),
    # An offer whose score is not computed yet comes last, on every database.
    OfferOrdering.QUALITY: (F("quality__score").desc(nulls_last=True), "title", "pk"),
    # Offers that are « non évaluées » last; among equal scores, the one resting on more
    # evaluations first.
    OfferOrdering.SCORE: (
        F("scorecard__score").desc(nulls_last=True),
        F("scorecard__evaluation_count").desc(nulls_last=True),
        "title",
        "pk",
    ),
}


class SlugsField(forms.MultipleChoiceField):
    """Slugs of a taxonomy. Cleans to the primary keys they select, a parent theme
    selecting its sub-themes too, in one query that also finds the unknown slugs."""

    def __init__(self, *, model, with_children=False, **kwargs):
        self.model = model
        self.with_children = with_children
        # Every row of the taxonomy, once the HTML form has loaded its options: slugs are
        # then checked against them rather than in another query.
        self.options = None
        super().__init__(**kwargs)

    def valid_value(self, value):
        # Checked against the taxonomy in `clean`, whether or not choices are loaded.
        return True

    def _selected(self, slugs: list[str]) -> list[tuple[int, str]]:
        """The (pk, slug) of the rows that these slugs select."""
        if self.options is not None:
            wanted = set(slugs)
            return [
                (row.pk, row.slug)
                for row in self.options
                if row.slug in wanted
                or (self.with_children and row.parent_id and row.parent.slug in wanted)
            ]
        condition = Q(slug__in=slugs)
        if self.with_children:
            condition |= Q(parent__slug__in=slugs)
        return list(self.model.objects.filter(condition).values_list("pk", "slug"))

    def clean(self, value):
        slugs = super().clean(value)
        if not slugs:
            return []
        # PostgreSQL refuses a NUL byte in a query: a form error, not a server error.
        for slug in slugs:
            ProhibitNullCharactersValidator()(slug)
        rows = self._selected(slugs)
        known = {slug for _pk, slug in rows}
        if unknown := [slug for slug in slugs if slug not in known]:
            raise forms.ValidationError(
                _("Unknown value: %(values)s."),
                code="unknown",
                params={"values": ", ".join(unknown)},
            )
        return [pk for pk, _slug in rows]


class SlugsFilter(django_filters.MultipleChoiceFilter):
    """Pages carrying any of the given taxonomy terms (many-to-many `field_name`),
    through a subquery on the relation's table, so that no row is repeated."""

    field_class = SlugsField

    def filter(self, qs, value):
        if not value:
            return qs
        relation = qs.model._meta.get_field(self.field_name)
        through = relation.remote_field.through
        rows = through.objects.filter(**{f"{relation.m2m_reverse_field_name()}__in": value})
        return qs.filter(pk__in=rows.values(relation.m2m_field_name()))


# The criteria the catalogue's form offers as checkboxes (majority answer "yes"), with
# the short label a checkbox needs; any criterion of the grid can be filtered on.
KEY_CRITERIA = {
    "licence-libre": _("Free software or content"),
    "hebergement-ue": _("Data hosted in the EU"),
    "sans-publicite": _("No advertising or tracking"),
    "documentation-fr": _("Documentation in French"),
}
# More would only make the query heavier: the grid has about twenty criteria.
MAX_CRITERIA = 30


class CriterionAnswersField(forms.MultipleChoiceField):
    """Criteria of the grid in use, each as its slug (meaning: mostly answered yes) or as
    `slug:answer`. Cleans to (criterion pk, answer) pairs, the unknown or retired slugs
    found in one query."""

    def valid_value(self, value):
        # Checked against the database in `clean`: the checkboxes offer a few criteria.
        return True

    def clean(self, value):
        # An empty value (a blank hand-written `?criteria=`) filters nothing.
        values = [item for item in super().clean(value) if item.strip()]
        if len(values) > MAX_CRITERIA:
            raise forms.ValidationError(
                _("At most %(max)s criteria."), code="too_many", params={"max": MAX_CRITERIA}
            )
        pairs = []
        for item in values:
            # PostgreSQL refuses a NUL byte in a query: a form error, not a server error.
            ProhibitNullCharactersValidator()(item)
            slug, separator, answer = item.partition(":")
            answer = answer if separator else AnswerValue.YES
            if answer not in AnswerValue.values:
                raise forms.ValidationError(
                    _("Unknown answer: %(value)s (expected oui, partiel, non or na)."),
                    code="unknown_answer",
                    params={"value": answer},
                )
            pairs.append((slug, answer))
        if not pairs:
            return []
        slugs = {slug for slug, _answer in pairs}
        known = dict(
            EvaluationCriterion.objects.filter(slug__in=slugs, active=True).values_list(
                "slug", "pk"
            )
        )
        if unknown := [slug for slug, _answer in pairs if slug not in known]:
            raise forms.ValidationError(
                _("Unknown criterion: %(values)s."),
                code="unknown",
                params={"values": ", ".join(unknown)},
            )
        return [(known[slug], answer) for slug, answer in pairs]


class CriterionAnswersFilter(django_filters.MultipleChoiceFilter):
    """Offers whose current evaluations mostly gave each of the answers (AND): the
    majority answer stored with the scorecard (`catalogue.scorecards`), a tie matching
    nothing."""

    field_class = CriterionAnswersField

    def filter(self, qs, value):
        for criterion_id, answer in value or ():
            rows = ScorecardCriterion.objects.filter(criterion_id=criterion_id, majority=answer)
            qs = qs.filter(pk__in=rows.values("scorecard_id"))
        return qs


def answer_enum():
    """The GraphQL enum of the grid's answers (OUI, PARTIEL, NON, NA), shared by the
    filter and the evaluations' fields."""
    return enum_from_choices(ANSWER_ENUM[0], AnswerValue.choices, ANSWER_ENUM[1])


CRITERION_ANSWER_INPUT = ApiInput(
    "CriterionAnswerInput",
    "Un critère de la grille et la réponse majoritaire attendue.",
    fields=lambda: {
        "slug": (graphene.String, "Identifiant du critère (voir `criteria`)."),
        "answer": (answer_enum(), "Réponse majoritaire attendue."),
    },
    to_form=lambda item: f"{item['slug']}:{item['answer']}",
)


class IdFilter(django_filters.Filter):
    """A numeric identifier."""

    field_class = forms.IntegerField


class IntegerFilter(django_filters.Filter):
    """A whole number (a quantity, where `IdFilter` is an identifier)."""

    field_class = forms.IntegerField


class SearchFilter(django_filters.CharFilter):
    def filter(self, qs, value):
        return apply_search(qs, value) if value and value.strip() else qs


# Filters that several listings share: each call gives a listing its own instance.


def themes_filter():
    return api(
        SlugsFilter(
            label=_("Themes"),
            model=Theme,
            with_children=True,
            widget=forms.CheckboxSelectMultiple,
        ),
        "Identifiants de thématiques (OU) ; une thématique parente inclut ses sous-thématiques.",
    )


def audiences_filter():
    return api(
        SlugsFilter(label=_("Audiences"), model=Audience, widget=forms.CheckboxSelectMultiple),
        "Identifiants de publics (OU).",
    )


def search_filter():
    return api(
        SearchFilter(label=_("Search"), max_length=200),
        "Recherche plein texte.",
        name="search",
    )


class ListingFilterSet(django_filters.FilterSet):
    """A listing of visible pages: filters, then the chosen order, else relevance when
    searching, else `default_order`."""

    default_order: tuple[str, ...] = ("pk",)
    orderings: dict = {}

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        order = self.form.cleaned_data.get("order")
        if order:
            return queryset.order_by(*self.orderings[order])
        if self.form.cleaned_data.get("q"):
            return queryset.order_by("-search_rank", *self.default_order)
        return queryset.order_by(*self.default_order)

    def load_choices(self):
        """The taxonomy options, for the HTML form: a tree of themes, each parent
        followed by its children. Validation then checks slugs against them."""
        for field in self.form.fields.values():
            if not isinstance(field, SlugsField):
                continue
            # The same options on every listing page until a row of the taxonomy changes;
            # publishing pages leaves them alone.
            rows = (
                theme_tree()
                if field.with_children
                else content_version.remember(
                    f"filter-options:{field.model._meta.label_lower}",
                    _all(field.model),
                    depends_on=(field.model,),
                )
            )
            field.options = rows
            field.choices = [(row.slug, row.name) for row in rows]
            if field.with_children:
                self.form.child_theme_slugs = {row.slug for row in rows if row.parent_id}
        return self


def _all(model):
    return lambda: list(model.objects.all())


def _no_op(queryset, _name, _value):
    return queryset


class OfferFilterSet(ListingFilterSet):
    kind = api(
        django_filters.MultipleChoiceFilter(
            label=_("Kind of offer"),
            choices=OfferKind.choices,
            widget=forms.CheckboxSelectMultiple,
            method="filter_kind",
        ),
        "Types d'offre (OU).",
        enum=("OfferKind", "Type d'offre."),
    )
    themes = themes_filter()
    audiences = audiences_filter()
    pricing = api(
        django_filters.MultipleChoiceFilter(
            label=_("Pricing model"),
            field_name="pricing_model",
            choices=PricingModel.choices,
            widget=forms.CheckboxSelectMultiple,
            distinct=False,
        ),
        "Modèles tarifaires (OU).",
        enum=("Pricing", "Modèle tarifaire."),
    )
    territory = api(
        django_filters.MultipleChoiceFilter(
            label=_("Territory"),
            choices=Territory.choices,
            widget=forms.CheckboxSelectMultiple,
            distinct=False,
        ),
        "Territoires (OU).",
        enum=("Territory", "Territoire couvert."),
    )
    criteria = api(
        CriterionAnswersFilter(
            label=_("According to the evaluations"),
            help_text=_("Mostly answered “yes” by the organisations that evaluated the offer."),
            choices=list(KEY_CRITERIA.items()),
            widget=forms.CheckboxSelectMultiple,
        ),
        "Critères de la grille d'évaluation (ET) : une offre correspond quand la réponse "
        "majoritaire de ses évaluations approuvées à ce critère est celle demandée (une "
        "égalité ne correspond à rien). Un critère inconnu ou retiré est une erreur.",
        input=CRITERION_ANSWER_INPUT,
    )
    q = search_filter()
    updated_since = api(
        django_filters.DateTimeFilter(
            label=_("Updated since"),
            field_name="last_published_at",
            lookup_expr="gte",
            widget=forms.DateInput(attrs={"type": "date"}),
        ),
        "Publiées ou mises à jour depuis cette date.",
    )
    min_quality_score = api(
        IntegerFilter(
            label=_("Minimum data quality score"),
            field_name="quality__score",
            lookup_expr="gte",
            min_value=0,
            max_value=100,
            widget=forms.NumberInput(attrs={"min": 0, "max": 100, "step": 1}),
            help_text=_("From 0 to 100: how fresh, complete and consistent the information is."),
        ),
        "Score de qualité des données minimal, de 0 à 100 (voir `qualityScore`).",
        name="minQualityScore",
        scalar=graphene.Int,
    )
    order = api(
        django_filters.ChoiceFilter(
            label=_("Sort by"),
            choices=OfferOrdering.choices,
            empty_label=_("Relevance"),
            method=_no_op,
        ),
        "Tri ; par défaut pertinence puis titre.",
        enum=("OfferOrder", "Ordre de tri des offres."),
    )

    default_order = ORDERINGS[OfferOrdering.TITLE]
    orderings = ORDERINGS

    class Meta:
        model = OfferPage
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, **kwargs):
        # No joins to the kinds' tables, provider or logo: the listing is filtered, ranked
        # and paged on ids, and only a page's rows are loaded (`selectors.offers_by_ids`).
        queryset = OfferPage.objects.visible() if queryset is None else queryset
        super().__init__(data, queryset=queryset, **kwargs)

    def filter_kind(self, queryset, _name, kinds):
        if not kinds:
            return queryset
        models = [MODEL_BY_KIND[kind] for kind in kinds]
        return queryset.filter(
            content_type__in=ContentType.objects.get_for_models(*models).values()
        )
