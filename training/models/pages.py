from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from grapple.models import (
    GraphQLFloat,
    GraphQLForeignKey,
    GraphQLPage,
    GraphQLRichText,
    GraphQLStreamfield,
    GraphQLString,
)
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from catalogue.choices import ContentLicence
from catalogue.permissions import OrganisationEditableMixin
from cms.api.fields import GraphQLList
from cms.visibility import VisiblePageManager, visible

from ..blocks import SequencePlanBlock
from ..choices import ModuleFormat, PathLevel

RICH_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class TrainingIndexPage(OrganisationEditableMixin, Page):
    """The programme's training offer: its paths, modules and upcoming sessions."""

    objects = VisiblePageManager()

    intro = RichTextField(_("introduction"), blank=True, features=RICH_FEATURES)

    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["training.TrainingPathPage", "training.TrainingModulePage"]
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    graphql_fields = [GraphQLRichText("intro", description="Introduction (HTML).")]

    class Meta:
        verbose_name = _("offre de formation")
        verbose_name_plural = _("offres de formation")

    def get_context(self, request, *args, **kwargs):
        from ..selectors import live_paths, upcoming_sessions

        context = super().get_context(request, *args, **kwargs)
        context["paths"] = live_paths()
        context["sessions"] = upcoming_sessions()[:10]
        return context


class PathModule(Orderable):
    """A module's place in a training path."""

    path = ParentalKey(
        "training.TrainingPathPage", on_delete=models.CASCADE, related_name="path_modules"
    )
    module = models.ForeignKey(
        "training.TrainingModulePage",
        verbose_name=_("module"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("module")]

    class Meta(Orderable.Meta):
        verbose_name = _("module du parcours")
        verbose_name_plural = _("modules du parcours")
        constraints = [
            models.UniqueConstraint(fields=["path", "module"], name="unique_module_per_path")
        ]


class TrainingPathPage(OrganisationEditableMixin, Page):
    """A training path, e.g. Niveau 1 (acculturation) or Niveau 2 (démarche collaborative),
    made of an ordered list of modules."""

    objects = VisiblePageManager()

    level = models.CharField(_("niveau"), max_length=16, choices=PathLevel.choices)
    summary = models.TextField(_("résumé"), max_length=300)
    presentation = RichTextField(_("présentation"), features=["h2", "h3", *RICH_FEATURES])
    audiences = ParentalManyToManyField("catalogue.Audience", verbose_name=_("publics"), blank=True)

    parent_page_types = ["training.TrainingIndexPage"]
    subpage_types: list[str] = []
    content_panels = [
        *Page.content_panels,
        FieldPanel("level"),
        FieldPanel("summary"),
        FieldPanel("presentation"),
        FieldPanel("audiences"),
        InlinePanel("path_modules", label=_("module"), min_num=1),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("presentation"),
    ]
    graphql_fields = [
        GraphQLString("level", required=True, description="Niveau du parcours (code)."),
        GraphQLString("level_label", required=True, description="Niveau du parcours (libellé)."),
        GraphQLString("summary", required=True, description="Résumé."),
        GraphQLRichText("presentation", description="Présentation (HTML)."),
        GraphQLList(
            GraphQLForeignKey, "audiences", "catalogue.Audience", description="Publics visés."
        ),
        GraphQLList(
            GraphQLPage, "live_modules", description="Modules du parcours, dans l'ordre (publiés)."
        ),
    ]

    class Meta:
        verbose_name = _("parcours de formation")
        verbose_name_plural = _("parcours de formation")

    @property
    def level_label(self) -> str:
        return self.get_level_display()

    def live_modules(self, info=None, **kwargs):
        from ..selectors import path_modules

        return path_modules(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["modules"] = self.live_modules()
        return context


class TrainingModulePage(OrganisationEditableMixin, Page):
    """A training module of the programme, with everything a French training catalogue
    must state (Qualiopi indicator 1) and its sequence plan."""

    objects = VisiblePageManager()

    level = models.CharField(_("niveau"), max_length=16, choices=PathLevel.choices)
    summary = models.TextField(_("résumé"), max_length=300)
    audiences = ParentalManyToManyField(
        "catalogue.Audience", verbose_name=_("publics"), blank=True, related_name="training_modules"
    )
    themes = ParentalManyToManyField(
        "catalogue.Theme",
        verbose_name=_("thématiques"),
        blank=True,
        related_name="training_modules",
    )
    competences = ParentalManyToManyField(
        "training.Competence",
        verbose_name=_("compétences du CRCN"),
        blank=True,
        related_name="modules",
        help_text=_("Compétences du cadre de référence des compétences numériques travaillées."),
    )
    objectives = RichTextField(_("objectifs pédagogiques"), features=RICH_FEATURES)
    expected_results = RichTextField(_("résultats attendus"), features=RICH_FEATURES)
    prerequisites = models.TextField(_("prérequis"), default="Aucun.")
    vigilance_points = models.TextField(_("points de vigilance"), blank=True)
    duration_hours = models.DecimalField(
        _("durée totale (heures)"),
        max_digits=4,
        decimal_places=2,
        help_text=_("Doit correspondre à la somme des séquences."),
    )
    format = models.CharField(_("modalité"), max_length=16, choices=ModuleFormat.choices)
    access_conditions = models.TextField(_("modalités d'accès"))
    access_delay = models.CharField(
        _("délai d'accès"),
        max_length=200,
        help_text=_("Ex. « Inscription jusqu'à 7 jours avant la session »."),
    )
    teaching_methods = models.TextField(_("méthodes mobilisées"))
    evaluation_method = models.TextField(_("modalités d'évaluation"))
    accessibility = models.TextField(
        _("accessibilité aux personnes en situation de handicap"),
        help_text=_("Adaptations possibles et contact du référent handicap."),
    )
    price_per_participant = models.DecimalField(
        _("prix par participant (€)"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    price_per_group = models.DecimalField(
        _("prix par session de groupe (€)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    funding_notes = models.TextField(
        _("financements possibles"),
        blank=True,
        help_text=_("Ex. prise en charge par le FDVA, un OPCO…"),
    )
    contact_name = models.CharField(_("contact"), max_length=120, blank=True)
    contact_email = models.EmailField(_("courriel de contact"), blank=True)
    contact_phone = models.CharField(_("téléphone de contact"), max_length=30, blank=True)
    authors = ParentalManyToManyField(
        "catalogue.Actor", verbose_name=_("structures autrices"), related_name="authored_modules"
    )
    licence = models.CharField(
        _("licence"), max_length=24, choices=ContentLicence.choices, default=ContentLicence.CC_BY_SA
    )
    sequences = StreamField(SequencePlanBlock(), verbose_name=_("déroulé pédagogique"))
    offers = ParentalManyToManyField(
        "catalogue.OfferPage",
        verbose_name=_("offres du catalogue utilisées"),
        blank=True,
        related_name="training_modules",
    )

    parent_page_types = ["training.TrainingIndexPage"]
    subpage_types: list[str] = []
    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("level"), FieldPanel("format")]),
                FieldPanel("audiences"),
                FieldPanel("themes"),
                FieldPanel("competences"),
            ],
            heading=_("Public et positionnement"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("objectives"),
                FieldPanel("expected_results"),
                FieldPanel("prerequisites"),
                FieldPanel("vigilance_points"),
            ],
            heading=_("Objectifs"),
        ),
        MultiFieldPanel(
            [FieldPanel("duration_hours"), FieldPanel("sequences")],
            heading=_("Déroulé pédagogique"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("access_conditions"),
                FieldPanel("access_delay"),
                FieldPanel("teaching_methods"),
                FieldPanel("evaluation_method"),
                FieldPanel("accessibility"),
            ],
            heading=_("Modalités"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("price_per_participant"), FieldPanel("price_per_group")]),
                FieldPanel("funding_notes"),
            ],
            heading=_("Tarifs et financement"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("authors"),
                FieldRowPanel(
                    [
                        FieldPanel("contact_name"),
                        FieldPanel("contact_email"),
                        FieldPanel("contact_phone"),
                    ]
                ),
                FieldPanel("licence"),
                FieldPanel("offers"),
            ],
            heading=_("Auteurs, contact et ressources"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=2),
        index.SearchField("objectives"),
        index.SearchField("sequences"),
        index.FilterField("level"),
        index.FilterField("format"),
    ]
    # Indexed by the site search (`catalogue.search`), from the fields above.
    site_search = True
    graphql_fields = [
        GraphQLString("level", required=True, description="Niveau (code)."),
        GraphQLString("level_label", required=True, description="Niveau (libellé)."),
        GraphQLString("summary", required=True, description="Résumé."),
        GraphQLList(
            GraphQLForeignKey, "audiences", "catalogue.Audience", description="Publics visés."
        ),
        GraphQLList(GraphQLForeignKey, "themes", "catalogue.Theme", description="Thématiques."),
        GraphQLList(
            GraphQLForeignKey,
            "competences",
            "training.Competence",
            description="Compétences du CRCN travaillées.",
        ),
        GraphQLRichText("objectives", description="Objectifs pédagogiques (HTML)."),
        GraphQLRichText("expected_results", description="Résultats attendus (HTML)."),
        GraphQLString("prerequisites", required=True, description="Prérequis."),
        GraphQLString("vigilance_points", description="Points de vigilance."),
        GraphQLFloat("duration_hours", required=True, description="Durée totale en heures."),
        GraphQLString(
            "format", required=True, description="Modalité : presentiel, distanciel ou hybride."
        ),
        GraphQLString("access_conditions", required=True, description="Modalités d'accès."),
        GraphQLString("access_delay", required=True, description="Délai d'accès."),
        GraphQLString("teaching_methods", required=True, description="Méthodes mobilisées."),
        GraphQLString("evaluation_method", required=True, description="Modalités d'évaluation."),
        GraphQLString(
            "accessibility",
            required=True,
            description="Accessibilité aux personnes en situation de handicap.",
        ),
        GraphQLFloat("price_per_participant", description="Prix par participant, en euros."),
        GraphQLFloat("price_per_group", description="Prix par session de groupe, en euros."),
        GraphQLString("funding_notes", description="Financements possibles."),
        GraphQLString("contact_name", description="Contact."),
        GraphQLString("contact_email", description="Courriel de contact."),
        GraphQLString("contact_phone", description="Téléphone de contact."),
        GraphQLList(
            GraphQLForeignKey, "authors", "catalogue.Actor", description="Structures autrices."
        ),
        GraphQLString("licence", required=True, description="Licence du module (code)."),
        GraphQLStreamfield("sequences", description="Déroulé pédagogique : séquences."),
        GraphQLList(
            GraphQLPage, "live_offers", description="Offres du catalogue utilisées (publiées)."
        ),
        GraphQLList(
            GraphQLForeignKey,
            "upcoming_sessions",
            "training.TrainingSession",
            description="Sessions à venir.",
        ),
    ]

    class Meta:
        verbose_name = _("module de formation")
        verbose_name_plural = _("modules de formation")

    @property
    def level_label(self) -> str:
        return self.get_level_display()

    @property
    def sequences_minutes(self) -> int:
        return sum(block.value["duration_minutes"] or 0 for block in self.sequences)

    def clean(self):
        super().clean()
        if self.duration_hours is not None:
            if self.duration_hours <= 0:
                raise ValidationError({"duration_hours": _("La durée doit être positive.")})
            total = Decimal(self.sequences_minutes) / 60
            if abs(total - self.duration_hours) > Decimal("0.01"):
                raise ValidationError(
                    {
                        "duration_hours": _(
                            "La durée totale (%(declared)s h) ne correspond pas à la somme des "
                            "séquences (%(computed)s h, soit %(minutes)s minutes)."
                        )
                        % {
                            "declared": f"{self.duration_hours:g}",
                            "computed": f"{total.quantize(Decimal('0.01')):g}",
                            "minutes": self.sequences_minutes,
                        }
                    }
                )
        for field in ("price_per_participant", "price_per_group"):
            value = getattr(self, field)
            if value is not None and value < 0:
                raise ValidationError({field: _("Le prix ne peut pas être négatif.")})

    def live_offers(self, info=None, **kwargs):
        return list(visible(self.offers.all()).specific())

    def upcoming_sessions(self, info=None, **kwargs):
        from ..selectors import upcoming_sessions

        return list(upcoming_sessions().filter(module=self))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sessions"] = self.upcoming_sessions()
        context["used_offers"] = self.live_offers()
        return context
