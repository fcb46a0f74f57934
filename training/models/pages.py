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
from catalogue.widgets import ColumnCheckboxes, ThemeCheckboxes
from cms.api.fields import GraphQLList
from cms.page_context import RegisteredContextMixin
from cms.visibility import CachedViewRestrictionsMixin, VisiblePageManager

from ..blocks import SequencePlanBlock
from ..choices import ModuleFormat, PathLevel

RICH_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class TrainingIndexPage(
    CachedViewRestrictionsMixin, RegisteredContextMixin, OrganisationEditableMixin, Page
):
    """The programme's training offer: its paths, modules and upcoming sessions."""

    objects = VisiblePageManager()

    intro = RichTextField(_("introduction"), blank=True, features=RICH_FEATURES)

    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["training.TrainingPathPage", "training.TrainingModulePage"]
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    graphql_fields = [GraphQLRichText("intro", description="Introduction (HTML).")]

    class Meta:
        verbose_name = _("training offer")
        verbose_name_plural = _("training offers")


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
        verbose_name = _("path module")
        verbose_name_plural = _("path modules")
        constraints = [
            models.UniqueConstraint(fields=["path", "module"], name="unique_module_per_path")
        ]


class TrainingPathPage(
    CachedViewRestrictionsMixin, RegisteredContextMixin, OrganisationEditableMixin, Page
):
    """A training path, e.g. Niveau 1 (acculturation) or Niveau 2 (démarche collaborative),
    made of an ordered list of modules."""

    objects = VisiblePageManager()

    level = models.CharField(_("level"), max_length=16, choices=PathLevel.choices)
    summary = models.TextField(_("summary"), max_length=300)
    presentation = RichTextField(_("presentation"), features=["h2", "h3", *RICH_FEATURES])
    audiences = ParentalManyToManyField(
        "catalogue.Audience", verbose_name=_("audiences"), blank=True
    )

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
        verbose_name = _("training path")
        verbose_name_plural = _("training paths")

    @property
    def level_label(self) -> str:
        return self.get_level_display()


class TrainingModulePage(
    CachedViewRestrictionsMixin, RegisteredContextMixin, OrganisationEditableMixin, Page
):
    """A training module of the programme, with everything a French training catalogue
    must state (Qualiopi indicator 1) and its sequence plan."""

    objects = VisiblePageManager()

    level = models.CharField(_("level"), max_length=16, choices=PathLevel.choices)
    summary = models.TextField(_("summary"), max_length=300)
    audiences = ParentalManyToManyField(
        "catalogue.Audience",
        verbose_name=_("audiences"),
        blank=True,
        related_name="training_modules",
    )
    themes = ParentalManyToManyField(
        "catalogue.Theme",
        verbose_name=_("themes"),
        blank=True,
        related_name="training_modules",
    )
    competences = ParentalManyToManyField(
        "training.Competence",
        verbose_name=_("CRCN competences"),
        blank=True,
        related_name="modules",
        help_text=_("Competences of the digital competence framework (CRCN) worked on."),
    )
    objectives = RichTextField(_("learning objectives"), features=RICH_FEATURES)
    expected_results = RichTextField(_("expected outcomes"), features=RICH_FEATURES)
    prerequisites = models.TextField(_("prerequisites"), default="Aucun.")
    vigilance_points = models.TextField(_("points to watch"), blank=True)
    duration_hours = models.DecimalField(
        _("total duration (hours)"),
        max_digits=4,
        decimal_places=2,
        help_text=_("Must equal the sum of the sequences."),
    )
    format = models.CharField(_("delivery mode"), max_length=16, choices=ModuleFormat.choices)
    access_conditions = models.TextField(_("access arrangements"))
    access_delay = models.CharField(
        _("lead time to access"),
        max_length=200,
        help_text=_("E.g. “Registration up to 7 days before the session”."),
    )
    teaching_methods = models.TextField(_("teaching methods"))
    evaluation_method = models.TextField(_("assessment methods"))
    accessibility = models.TextField(
        _("accessibility for people with disabilities"),
        help_text=_("Possible adjustments and contact for the disability officer."),
    )
    price_per_participant = models.DecimalField(
        _("price per participant (€)"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    price_per_group = models.DecimalField(
        _("price per group session (€)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    funding_notes = models.TextField(
        _("possible funding"),
        blank=True,
        help_text=_("E.g. funded by the FDVA, an OPCO…"),
    )
    contact_name = models.CharField(_("contact"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone number"), max_length=30, blank=True)
    authors = ParentalManyToManyField(
        "catalogue.Actor",
        verbose_name=_("authoring organisations"),
        related_name="authored_modules",
    )
    licence = models.CharField(
        _("licence"), max_length=24, choices=ContentLicence.choices, default=ContentLicence.CC_BY_SA
    )
    sequences = StreamField(SequencePlanBlock(), verbose_name=_("teaching plan"))
    offers = ParentalManyToManyField(
        "catalogue.OfferPage",
        verbose_name=_("catalogue offers used"),
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
                FieldPanel("audiences", widget=ColumnCheckboxes),
                FieldPanel("themes", widget=ThemeCheckboxes),
                FieldPanel("competences"),
            ],
            heading=_("Audience and positioning"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("objectives"),
                FieldPanel("expected_results"),
                FieldPanel("prerequisites"),
                FieldPanel("vigilance_points"),
            ],
            heading=_("Objectives"),
        ),
        MultiFieldPanel(
            [FieldPanel("duration_hours"), FieldPanel("sequences")],
            heading=_("Teaching plan"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("access_conditions"),
                FieldPanel("access_delay"),
                FieldPanel("teaching_methods"),
                FieldPanel("evaluation_method"),
                FieldPanel("accessibility"),
            ],
            heading=_("Arrangements"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("price_per_participant"), FieldPanel("price_per_group")]),
                FieldPanel("funding_notes"),
            ],
            heading=_("Prices and funding"),
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
            heading=_("Authors, contact and resources"),
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
        verbose_name = _("training module")
        verbose_name_plural = _("training modules")

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
                raise ValidationError({"duration_hours": _("The duration must be positive.")})
            total = Decimal(self.sequences_minutes) / 60
            if abs(total - self.duration_hours) > Decimal("0.01"):
                raise ValidationError(
                    {
                        "duration_hours": _(
                            "The total duration (%(declared)s h) does not match the sum of the "
                            "sequences (%(computed)s h, that is %(minutes)s minutes)."
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
                raise ValidationError({field: _("The price cannot be negative.")})

    # The HTML page reads these; GraphQL batches the same fields over a whole list in
    # `training.schema.resolvers`.
