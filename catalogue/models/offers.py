from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from grapple.models import (
    GraphQLBoolean,
    GraphQLDocument,
    GraphQLFloat,
    GraphQLForeignKey,
    GraphQLImage,
    GraphQLPage,
    GraphQLStreamfield,
    GraphQLString,
)
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.api.fields import GraphQLDate, GraphQLList

from ..blocks import OfferBodyBlock
from ..choices import (
    ContentLicence,
    GuidAssoLevel,
    HostingLocation,
    OfferFormat,
    OfferKind,
    PricingModel,
    ResourceType,
    Territory,
    ToolLicence,
    TrainingLevel,
)
from ..permissions import OrganisationEditableMixin

OFFER_KIND_TYPES = [
    "catalogue.ToolPage",
    "catalogue.ResourcePage",
    "catalogue.TrainingOfferPage",
    "catalogue.SupportServicePage",
]


class OfferPage(OrganisationEditableMixin, Page):
    """A digital offer available to associations. Concrete base of the four kinds, so
    that listings across kinds query one table; never created directly."""

    kind: str = ""

    summary = models.TextField(
        _("résumé"),
        max_length=300,
        help_text=_("Une ou deux phrases, affichées dans les listes (300 caractères au plus)."),
    )
    body = StreamField(OfferBodyBlock(), verbose_name=_("présentation"), blank=True)
    provider = models.ForeignKey(
        "catalogue.Actor",
        verbose_name=_("structure qui propose l'offre"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="offers",
    )
    themes = ParentalManyToManyField(
        "catalogue.Theme",
        verbose_name=_("thématiques"),
        blank=True,
        related_name="offers",
        help_text=_("Choisissez les besoins auxquels l'offre répond."),
    )
    audiences = ParentalManyToManyField(
        "catalogue.Audience", verbose_name=_("publics"), blank=True, related_name="offers"
    )
    pricing_model = models.CharField(
        _("modèle tarifaire"), max_length=32, choices=PricingModel.choices, blank=True
    )
    price_details = models.CharField(
        _("précisions sur le prix"),
        max_length=255,
        blank=True,
        help_text=_("Ex. « Gratuit jusqu'à 50 adhérents, puis 9 € par mois »."),
    )
    format = models.CharField(
        _("format"), max_length=16, choices=OfferFormat.choices, default=OfferFormat.ONLINE
    )
    territory = models.CharField(
        _("territoire"), max_length=16, choices=Territory.choices, default=Territory.NATIONAL
    )
    territory_details = models.CharField(
        _("précisions sur le territoire"),
        max_length=255,
        blank=True,
        help_text=_("Ex. « Indre-et-Loire (37) »."),
    )
    website = models.URLField(_("site web"), blank=True)
    logo = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("logo ou visuel"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    last_qualified_on = models.DateField(
        _("dernière qualification le"),
        null=True,
        blank=True,
        help_text=_("Date à laquelle les informations ont été vérifiées."),
    )
    review_by = models.DateField(
        _("à revoir avant le"),
        null=True,
        blank=True,
        help_text=_("Date de la prochaine vérification."),
    )

    is_creatable = False
    parent_page_types = ["catalogue.CatalogueIndexPage"]
    subpage_types: list[str] = []

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("provider"),
                FieldPanel("themes"),
                FieldPanel("audiences"),
            ],
            heading=_("Classement"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("pricing_model"), FieldPanel("price_details")]),
                FieldRowPanel([FieldPanel("format"), FieldPanel("territory")]),
                FieldPanel("territory_details"),
                FieldPanel("website"),
                FieldPanel("logo"),
            ],
            heading=_("Modalités"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("last_qualified_on"), FieldPanel("review_by")])],
            heading=_("Qualification"),
        ),
    ]
    kind_panels: list = []

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.RelatedFields("provider", [index.SearchField("name")]),
        index.RelatedFields("themes", [index.SearchField("name")]),
        index.FilterField("pricing_model"),
        index.FilterField("format"),
        index.FilterField("territory"),
    ]

    graphql_interfaces = ("catalogue.schema.interfaces.OfferInterface",)
    graphql_fields = [
        GraphQLString(
            "kind",
            required=True,
            description="Type d'offre : outil, ressource, formation ou accompagnement.",
        ),
        GraphQLString("kind_label", required=True, description="Type d'offre, en toutes lettres."),
        GraphQLString("summary", required=True, description="Résumé en une ou deux phrases."),
        GraphQLStreamfield("body", description="Présentation détaillée (blocs)."),
        GraphQLForeignKey(
            "provider", "catalogue.Actor", description="Structure qui propose l'offre."
        ),
        GraphQLList(
            GraphQLForeignKey,
            "themes",
            "catalogue.Theme",
            description="Thématiques (besoins) de l'offre.",
        ),
        GraphQLList(
            GraphQLForeignKey,
            "audiences",
            "catalogue.Audience",
            description="Publics visés.",
        ),
        GraphQLString("pricing_model", description="Modèle tarifaire (code)."),
        GraphQLString("price_details", description="Précisions sur le prix."),
        GraphQLString(
            "format", required=True, description="Format : en_ligne, presentiel ou hybride."
        ),
        GraphQLString(
            "territory",
            required=True,
            description="Territoire : national, regional, departemental ou local.",
        ),
        GraphQLString("territory_details", description="Précisions sur le territoire."),
        GraphQLString("website", description="Site web de l'offre."),
        GraphQLImage("logo", description="Logo ou visuel de l'offre."),
        GraphQLDate("last_qualified_on", description="Date de dernière vérification (AAAA-MM-JJ)."),
        GraphQLDate("review_by", description="Date de prochaine vérification (AAAA-MM-JJ)."),
    ]

    class Meta:
        verbose_name = _("offre")
        verbose_name_plural = _("offres")
        indexes = [models.Index(fields=["territory", "pricing_model"])]

    @property
    def kind_label(self) -> str:
        return OfferKind(self.kind).label if self.kind else ""

    def clean(self):
        super().clean()
        if self.review_by and self.last_qualified_on and self.review_by < self.last_qualified_on:
            raise ValidationError(
                {"review_by": _("La date de revue doit suivre la date de qualification.")}
            )
        if self.last_qualified_on and self.last_qualified_on > date.today():
            raise ValidationError(
                {"last_qualified_on": _("La date de qualification ne peut pas être dans le futur.")}
            )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["visible_themes"] = self.themes.all()
        # Training sits above the catalogue: reach its modules through the reverse
        # accessor it declares, without importing it.
        modules = getattr(self, "training_modules", None)
        context["used_in_modules"] = (
            list(modules.live().public().order_by("title")) if modules is not None else []
        )
        return context


def _offer_panels(extra_heading, extra_panels):
    return [*OfferPage.content_panels, MultiFieldPanel(extra_panels, heading=extra_heading)]


class ToolPage(OfferPage):
    """A software tool or online service an association can use."""

    kind = OfferKind.TOOL

    licence = models.CharField(
        _("licence"), max_length=16, choices=ToolLicence.choices, default=ToolLicence.PROPRIETARY
    )
    licence_name = models.CharField(
        _("nom de la licence"), max_length=80, blank=True, help_text=_("Ex. AGPL-3.0.")
    )
    hosting_location = models.CharField(
        _("lieu d'hébergement des données"),
        max_length=16,
        choices=HostingLocation.choices,
        default=HostingLocation.UNKNOWN,
    )
    gdpr_dpa = models.BooleanField(_("contrat de sous-traitance RGPD proposé"), default=False)
    gdpr_notes = models.TextField(_("précisions RGPD"), blank=True)
    data_export = models.BooleanField(_("export des données possible"), default=False)
    data_export_formats = models.CharField(
        _("formats d'export"), max_length=120, blank=True, help_text=_("Ex. CSV, ODS.")
    )
    accessibility_statement_url = models.URLField(_("déclaration d'accessibilité"), blank=True)
    alternatives = ParentalManyToManyField(
        "catalogue.ToolPage",
        verbose_name=_("alternatives"),
        blank=True,
        symmetrical=False,
        related_name="alternative_to",
    )

    content_panels = _offer_panels(
        _("Outil"),
        [
            FieldRowPanel([FieldPanel("licence"), FieldPanel("licence_name")]),
            FieldPanel("hosting_location"),
            FieldPanel("gdpr_dpa"),
            FieldPanel("gdpr_notes"),
            FieldRowPanel([FieldPanel("data_export"), FieldPanel("data_export_formats")]),
            FieldPanel("accessibility_statement_url"),
            FieldPanel("alternatives"),
        ],
    )
    graphql_fields = [
        *OfferPage.graphql_fields,
        GraphQLString("licence", required=True, description="libre ou proprietaire."),
        GraphQLString("licence_name", description="Nom de la licence."),
        GraphQLString(
            "hosting_location", required=True, description="Lieu d'hébergement des données (code)."
        ),
        GraphQLBoolean(
            "gdpr_dpa", required=True, description="Un contrat de sous-traitance RGPD est proposé."
        ),
        GraphQLString("gdpr_notes", description="Précisions RGPD."),
        GraphQLBoolean(
            "data_export", required=True, description="Les données peuvent être exportées."
        ),
        GraphQLString("data_export_formats", description="Formats d'export."),
        GraphQLString(
            "accessibility_statement_url", description="Lien vers la déclaration d'accessibilité."
        ),
        GraphQLList(
            GraphQLPage,
            "live_alternatives",
            description="Outils alternatifs publiés.",
        ),
    ]

    class Meta:
        verbose_name = _("outil")
        verbose_name_plural = _("outils")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["visible_alternatives"] = self.live_alternatives()
        return context

    def live_alternatives(self, info=None, **kwargs):
        from ..selectors import visible_pages

        return visible_pages(self.alternatives.all())


class ResourcePage(OfferPage):
    """A guide, video, methodology or toolbox that helps associations."""

    kind = OfferKind.RESOURCE

    resource_type = models.CharField(
        _("type de ressource"), max_length=20, choices=ResourceType.choices
    )
    content_licence = models.CharField(
        _("licence"), max_length=24, choices=ContentLicence.choices, blank=True
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resource_url = models.URLField(_("lien vers la ressource"), blank=True)

    content_panels = _offer_panels(
        _("Ressource"),
        [
            FieldPanel("resource_type"),
            FieldPanel("content_licence"),
            FieldPanel("document"),
            FieldPanel("resource_url"),
        ],
    )
    graphql_fields = [
        *OfferPage.graphql_fields,
        GraphQLString("resource_type", required=True, description="Type de ressource (code)."),
        GraphQLString("content_licence", description="Licence de la ressource (code)."),
        GraphQLDocument("document", description="Document téléchargeable."),
        GraphQLString("resource_url", description="Lien vers la ressource."),
    ]

    class Meta:
        verbose_name = _("ressource")
        verbose_name_plural = _("ressources")

    def clean(self):
        super().clean()
        if not self.document_id and not self.resource_url:
            raise ValidationError({"resource_url": _("Indiquez un lien ou joignez un document.")})


class TrainingOfferPage(OfferPage):
    """An external training open to association people (not a module of the programme)."""

    kind = OfferKind.TRAINING

    duration_hours = models.DecimalField(
        _("durée (heures)"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    level = models.CharField(
        _("niveau"), max_length=16, choices=TrainingLevel.choices, default=TrainingLevel.BEGINNER
    )
    certification = models.CharField(
        _("certification"), max_length=120, blank=True, help_text=_("Ex. Certification Pix.")
    )
    price_amount = models.DecimalField(
        _("prix (€ TTC)"), max_digits=8, decimal_places=2, null=True, blank=True
    )

    content_panels = _offer_panels(
        _("Formation"),
        [
            FieldRowPanel([FieldPanel("duration_hours"), FieldPanel("level")]),
            FieldPanel("certification"),
            FieldPanel("price_amount"),
        ],
    )
    graphql_fields = [
        *OfferPage.graphql_fields,
        GraphQLFloat("duration_hours", description="Durée en heures."),
        GraphQLString("level", required=True, description="Niveau (code)."),
        GraphQLString("certification", description="Certification délivrée."),
        GraphQLFloat("price_amount", description="Prix en euros TTC."),
    ]

    class Meta:
        verbose_name = _("formation externe")
        verbose_name_plural = _("formations externes")

    def clean(self):
        super().clean()
        if self.duration_hours is not None and self.duration_hours <= 0:
            raise ValidationError({"duration_hours": _("La durée doit être positive.")})
        if self.price_amount is not None and self.price_amount < 0:
            raise ValidationError({"price_amount": _("Le prix ne peut pas être négatif.")})


class SupportServicePage(OfferPage):
    """A support service: someone helps the association (orientation to specialist support)."""

    kind = OfferKind.SUPPORT

    support_level = models.CharField(
        _("niveau d'accompagnement"), max_length=32, choices=GuidAssoLevel.choices
    )
    conditions = models.TextField(_("conditions d'accès"), blank=True)
    contact_email = models.EmailField(_("courriel de contact"), blank=True)
    contact_phone = models.CharField(_("téléphone"), max_length=30, blank=True)

    content_panels = _offer_panels(
        _("Accompagnement"),
        [
            FieldPanel("support_level"),
            FieldPanel("conditions"),
            FieldRowPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")]),
        ],
    )
    graphql_fields = [
        *OfferPage.graphql_fields,
        GraphQLString(
            "support_level", required=True, description="Niveau d'accompagnement (code)."
        ),
        GraphQLString("conditions", description="Conditions d'accès."),
        GraphQLString("contact_email", description="Courriel de contact du service."),
        GraphQLString("contact_phone", description="Téléphone du service."),
    ]

    class Meta:
        verbose_name = _("accompagnement")
        verbose_name_plural = _("accompagnements")

    def clean(self):
        super().clean()
        if not self.contact_email and not self.contact_phone and not self.website:
            raise ValidationError(
                {
                    "contact_email": _(
                        "Indiquez au moins un moyen de contact : courriel, téléphone ou site web."
                    )
                }
            )


OFFER_MODELS = [ToolPage, ResourcePage, TrainingOfferPage, SupportServicePage]
MODEL_BY_KIND = {model.kind: model for model in OFFER_MODELS}
