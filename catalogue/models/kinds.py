"""The creatable kinds of offer. Each adds its own fields to `OfferPage`.

A kind is one class here, listed in `OFFER_MODELS`: it declares its `kind` code (used in
URLs, filters and the API), its schema.org `jsonld_type` and `jsonld_properties()`. Its
label is its `verbose_name` unless it sets `kind_label`. The catalogue's subpage types,
`OfferKind`, the GraphQL enum, the demo loader and the tests all read `OFFER_MODELS`.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from grapple.models import GraphQLBoolean, GraphQLDocument, GraphQLFloat, GraphQLPage, GraphQLString
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from cms.api.fields import GraphQLList
from cms.visibility import media_is_visible, visible, visible_in_order

from ..choices import (
    ContentLicence,
    GuidAssoLevel,
    HostingLocation,
    ResourceType,
    ToolLicence,
    TrainingLevel,
)
from ..jsonld import LICENCE_URLS, area_served, iso_duration
from .offers import OfferPage


def _offer_panels(extra_heading, extra_panels):
    return [*OfferPage.content_panels, MultiFieldPanel(extra_panels, heading=extra_heading)]


class ToolPage(OfferPage):
    """A software tool or online service an association can use."""

    kind = "outil"
    jsonld_type = "SoftwareApplication"

    licence = models.CharField(
        _("licence"), max_length=16, choices=ToolLicence.choices, default=ToolLicence.PROPRIETARY
    )
    licence_name = models.CharField(
        _("licence name"), max_length=80, blank=True, help_text=_("E.g. AGPL-3.0.")
    )
    hosting_location = models.CharField(
        _("data hosting location"),
        max_length=16,
        choices=HostingLocation.choices,
        default=HostingLocation.UNKNOWN,
    )
    gdpr_dpa = models.BooleanField(_("GDPR data processing agreement offered"), default=False)
    gdpr_notes = models.TextField(_("GDPR details"), blank=True)
    data_export = models.BooleanField(_("data export available"), default=False)
    data_export_formats = models.CharField(
        _("export formats"), max_length=120, blank=True, help_text=_("E.g. CSV, ODS.")
    )
    accessibility_statement_url = models.URLField(_("accessibility statement"), blank=True)
    alternatives = ParentalManyToManyField(
        "catalogue.ToolPage",
        verbose_name=_("alternatives"),
        blank=True,
        symmetrical=False,
        related_name="alternative_to",
    )

    content_panels = _offer_panels(
        _("Tool"),
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
        verbose_name = _("tool")
        verbose_name_plural = _("tools")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["visible_alternatives"] = self.live_alternatives()
        return context

    def live_alternatives(self) -> list:
        alternatives = self.alternatives.all()
        if isinstance(alternatives, models.QuerySet):
            return list(visible(alternatives))
        # A draft's or a revision's alternatives are held in memory (modelcluster), as the
        # editor chose them: the visible ones are read from the database, in that order.
        return visible_in_order(ToolPage.objects.all(), [tool.pk for tool in alternatives])

    def jsonld_properties(self) -> dict:
        return {
            "applicationCategory": "BusinessApplication",
            "operatingSystem": "Web",
            "license": self.licence_name,
            "sameAs": self.website,
        }


class ResourcePage(OfferPage):
    """A guide, video, methodology or toolbox that helps associations."""

    kind = "ressource"
    jsonld_type = "LearningResource"

    resource_type = models.CharField(
        _("resource type"), max_length=20, choices=ResourceType.choices
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
    resource_url = models.URLField(_("link to the resource"), blank=True)

    content_panels = _offer_panels(
        _("Resource"),
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
        verbose_name = _("resource")
        verbose_name_plural = _("resources")

    def jsonld_properties(self) -> dict:
        return {
            "learningResourceType": self.get_resource_type_display(),
            "license": LICENCE_URLS.get(self.content_licence, self.get_content_licence_display()),
            "sameAs": self.resource_url,
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["document"] = self.document if media_is_visible(self.document) else None
        return context

    def clean(self):
        super().clean()
        if not self.document_id and not self.resource_url:
            raise ValidationError({"resource_url": _("Give a link or attach a document.")})


class TrainingOfferPage(OfferPage):
    """An external training open to association people (not a module of the programme)."""

    kind = "formation"
    # The admin says "formation externe" to tell it from the programme's own modules;
    # the public label and the API enum keep the short word.
    kind_label = _("Training")
    jsonld_type = "Course"

    duration_hours = models.DecimalField(
        _("duration (hours)"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    level = models.CharField(
        _("level"), max_length=16, choices=TrainingLevel.choices, default=TrainingLevel.BEGINNER
    )
    certification = models.CharField(
        _("certification"), max_length=120, blank=True, help_text=_("E.g. Pix certification.")
    )
    price_amount = models.DecimalField(
        _("price (€ incl. VAT)"), max_digits=8, decimal_places=2, null=True, blank=True
    )

    content_panels = _offer_panels(
        _("Training"),
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
        verbose_name = _("external training")
        verbose_name_plural = _("external trainings")

    def jsonld_properties(self) -> dict:
        return {
            "educationalLevel": self.get_level_display(),
            "timeRequired": iso_duration(self.duration_hours),
            "educationalCredentialAwarded": self.certification,
        }

    def clean(self):
        super().clean()
        if self.duration_hours is not None and self.duration_hours <= 0:
            raise ValidationError({"duration_hours": _("The duration must be positive.")})
        if self.price_amount is not None and self.price_amount < 0:
            raise ValidationError({"price_amount": _("The price cannot be negative.")})


class SupportServicePage(OfferPage):
    """A support service: someone helps the association (orientation to specialist support)."""

    kind = "accompagnement"
    jsonld_type = "Service"
    jsonld_creative_work = False

    support_level = models.CharField(
        _("support level"), max_length=32, choices=GuidAssoLevel.choices
    )
    conditions = models.TextField(_("eligibility conditions"), blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("phone number"), max_length=30, blank=True)

    content_panels = _offer_panels(
        _("Support"),
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
        verbose_name = _("support service")
        verbose_name_plural = _("support services")

    def jsonld_properties(self) -> dict:
        return {
            "serviceType": self.get_support_level_display(),
            "areaServed": area_served(self),
        }

    def clean(self):
        super().clean()
        if not self.contact_email and not self.contact_phone and not self.website:
            raise ValidationError(
                {
                    "contact_email": _(
                        "Give at least one way to get in touch: email, phone or website."
                    )
                }
            )


def kind_fields(model) -> set[str]:
    """The plain fields a kind adds to `OfferPage`, so that the demo loader and the tests
    need no table per kind. Relations (the parent link, documents) are left out: they are
    not plain values."""
    return {field.name for field in model._meta.local_concrete_fields if not field.is_relation}


# The order is the order of the facets, the admin's "add" menu and the GraphQL enum.
OFFER_MODELS = [ToolPage, ResourcePage, TrainingOfferPage, SupportServicePage]
MODEL_BY_KIND = {model.kind: model for model in OFFER_MODELS}

# Built from the kinds, so that no list of kinds is kept by hand. Member names are the
# upper-cased codes (OUTIL…), as in the GraphQL enum.
OfferKind = models.TextChoices(
    "OfferKind", [(model.kind.upper(), (model.kind, model.kind_label)) for model in OFFER_MODELS]
)
