"""The four creatable kinds of offer. Each adds its own fields to `OfferPage`."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from grapple.models import GraphQLBoolean, GraphQLDocument, GraphQLFloat, GraphQLPage, GraphQLString
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from cms.api.fields import GraphQLList
from cms.visibility import visible

from ..choices import (
    ContentLicence,
    GuidAssoLevel,
    HostingLocation,
    OfferKind,
    ResourceType,
    ToolLicence,
    TrainingLevel,
)
from .offers import OfferPage


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

    def live_alternatives(self) -> list:
        return list(visible(self.alternatives.all()))


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
