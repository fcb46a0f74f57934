from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from grapple.models import GraphQLImage, GraphQLString
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from ..choices import ActorKind, GuidAssoLevel
from ..validators import (
    departments_validator,
    postcode_validator,
    rna_validator,
    siret_validator,
)


class Theme(index.Indexed, models.Model):
    """A need of associations, in a two-level tree (e.g. Communication › Réseaux sociaux)."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent theme"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        limit_choices_to={"parent__isnull": True},
        help_text=_("Leave empty for a top-level theme."),
    )
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("parent"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    graphql_fields = [
        GraphQLString("name", required=True, description=("Nom de la thématique.")),
        GraphQLString("slug", required=True, description=("Identifiant stable.")),
        GraphQLString("description", description=("Description de la thématique.")),
        GraphQLString(
            "parent_slug", description=("Identifiant de la thématique parente, le cas échéant.")
        ),
    ]

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return f"{self.parent.name} › {self.name}" if self.parent_id else self.name

    @property
    def parent_slug(self):
        return self.parent.slug if self.parent_id else None

    def clean(self):
        if self.parent_id:
            if self.parent_id == self.pk:
                raise ValidationError({"parent": _("A theme cannot be its own parent.")})
            if self.parent.parent_id:
                raise ValidationError({"parent": _("Themes have two levels at most.")})
            if self.pk and self.children.exists():
                raise ValidationError(
                    {"parent": _("This theme has sub-themes: it must stay at the top level.")}
                )


class Audience(models.Model):
    """A public an offer or a module is meant for (bénévoles, salariés, grand public…)."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]
    graphql_fields = [
        GraphQLString("name", required=True, description=("Nom du public.")),
        GraphQLString("slug", required=True, description=("Identifiant stable.")),
    ]

    class Meta:
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Actor(index.Indexed, models.Model):
    """An organisation that provides or delivers offers: a digital actor, a support
    structure, a publisher or a public service."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(_("actor type"), max_length=32, choices=ActorKind.choices)
    siret = models.CharField(_("SIRET"), max_length=14, blank=True, validators=[siret_validator])
    rna = models.CharField(
        _("RNA number"),
        max_length=10,
        blank=True,
        validators=[rna_validator],
        help_text=_("For associations: number in the national register of associations."),
    )
    logo = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = models.TextField(_("presentation"), blank=True)
    commune = models.CharField(_("municipality"), max_length=120, blank=True)
    postcode = models.CharField(
        _("postcode"), max_length=5, blank=True, validators=[postcode_validator]
    )
    departments = models.CharField(
        _("departments covered"),
        max_length=200,
        blank=True,
        validators=[departments_validator],
        help_text=_("Numbers separated by commas, e.g. “37, 41”. Empty: nationwide."),
    )
    website = models.URLField(_("website"), blank=True)
    contact_email = models.EmailField(
        _("public contact email"),
        blank=True,
        help_text=_(
            "A generic address published on the site and in the API, never a personal one."
        ),
    )
    contact_phone = models.CharField(_("public phone number"), max_length=30, blank=True)
    guidasso_level = models.CharField(
        _("Guid'Asso level"), max_length=32, choices=GuidAssoLevel.choices, blank=True
    )
    users = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organisation's accounts"),
        blank=True,
        related_name="actors",
        help_text=_("Members of the organisation can co-edit its content."),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("slug"),
                FieldPanel("kind"),
                FieldRowPanel([FieldPanel("siret"), FieldPanel("rna")]),
                FieldPanel("logo"),
                FieldPanel("description"),
            ],
            heading=_("Identity"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("commune"), FieldPanel("postcode")]),
                FieldPanel("departments"),
                FieldPanel("website"),
                FieldPanel("guidasso_level"),
            ],
            heading=_("Territory"),
        ),
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("contact_phone")],
            heading=_("Public contact"),
        ),
        FieldPanel("users"),
    ]
    search_fields = [
        index.SearchField("name", boost=3),
        index.SearchField("description"),
        index.AutocompleteField("name"),
        index.FilterField("kind"),
    ]
    graphql_fields = [
        GraphQLString("name", required=True, description=("Nom de la structure.")),
        GraphQLString("slug", required=True, description=("Identifiant stable.")),
        GraphQLString("kind", required=True, description=("Type d'acteur (code).")),
        GraphQLString("kind_label", required=True, description=("Type d'acteur (libellé).")),
        GraphQLString("siret", description=("Numéro SIRET.")),
        GraphQLString("rna", description=("Numéro RNA.")),
        GraphQLImage("logo", description=("Logo de la structure.")),
        GraphQLString("description", description=("Présentation.")),
        GraphQLString("commune", description=("Commune.")),
        GraphQLString("postcode", description=("Code postal.")),
        GraphQLString(
            "departments", description=("Départements couverts, séparés par des virgules.")
        ),
        GraphQLString("website", description=("Site web.")),
        GraphQLString("contact_email", description=("Courriel de contact public de la structure.")),
        GraphQLString("contact_phone", description=("Téléphone public.")),
        GraphQLString("guidasso_level", description=("Niveau Guid'Asso (code).")),
    ]

    class Meta:
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def kind_label(self):
        return self.get_kind_display()

    @property
    def department_list(self) -> list[str]:
        return [code.strip() for code in self.departments.split(",") if code.strip()]
