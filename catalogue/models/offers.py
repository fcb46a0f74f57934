"""`OfferPage`, the concrete base of every kind of offer: the fields they share."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, prefetch_related_objects
from django.utils.functional import classproperty
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from grapple.models import (
    GraphQLForeignKey,
    GraphQLImage,
    GraphQLInt,
    GraphQLStreamfield,
    GraphQLString,
)
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.api.fields import GraphQLDate, GraphQLList, GraphQLObject
from cms.page_context import RegisteredContextMixin
from cms.visibility import CachedViewRestrictionsMixin, VisiblePageManager, visible
from partners.preview import PartnerPreviewMixin

from ..blocks import OfferBodyBlock
from ..choices import (
    OfferFormat,
    PricingModel,
    Territory,
)
from ..forms import OfferPageForm
from ..panels import DuplicateWarningPanel, EvaluateOfferPanel, QualificationDatePanel
from ..permissions import OrganisationEditableMixin
from ..websites import normalised_website
from ..widgets import ColumnCheckboxes, ThemeCheckboxes
from .mixins import FetchTogetherMixin


class OfferPage(
    CachedViewRestrictionsMixin,
    RegisteredContextMixin,
    FetchTogetherMixin,
    OrganisationEditableMixin,
    PartnerPreviewMixin,
    Page,
):
    """A digital offer available to associations. Concrete base of every offer kind, so
    that listings across kinds query one table; never created directly."""

    objects = VisiblePageManager()
    # The header and the organisation box show them on every offer page: loaded with the
    # page when it is served (`cms.page_routing`), rather than one query each.
    route_select_related = ("logo", "provider", "provider__logo")

    # Each kind declares these; everything else about kinds (the catalogue's subpage
    # types, the `OfferKind` choices and GraphQL enum, JSON-LD, the demo loader, the test
    # tables) is derived from `OFFER_MODELS` in `kinds.py`.
    kind: str = ""
    jsonld_type: str = ""
    # Whether `jsonld_type` is a schema.org CreativeWork, which alone takes the language,
    # keywords and modification date (a Service or a Product does not).
    jsonld_creative_work: bool = True

    summary = models.TextField(
        _("summary"),
        max_length=300,
        help_text=_("One or two sentences, shown in listings (300 characters at most)."),
    )
    body = StreamField(OfferBodyBlock(), verbose_name=_("presentation"), blank=True)
    provider = models.ForeignKey(
        "catalogue.Actor",
        verbose_name=_("organisation providing the offer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="offers",
    )
    themes = ParentalManyToManyField(
        "catalogue.Theme",
        verbose_name=_("themes"),
        blank=True,
        related_name="offers",
        help_text=_("Choose the needs the offer meets."),
    )
    audiences = ParentalManyToManyField(
        "catalogue.Audience", verbose_name=_("audiences"), blank=True, related_name="offers"
    )
    pricing_model = models.CharField(
        _("pricing model"), max_length=32, choices=PricingModel.choices, blank=True
    )
    price_details = models.CharField(
        _("price details"),
        max_length=255,
        blank=True,
        help_text=_("E.g. “Free up to 50 members, then €9 a month”."),
    )
    format = models.CharField(
        _("format"), max_length=16, choices=OfferFormat.choices, default=OfferFormat.ONLINE
    )
    territory = models.CharField(
        _("territory"), max_length=16, choices=Territory.choices, default=Territory.NATIONAL
    )
    territory_details = models.CharField(
        _("territory details"),
        max_length=255,
        blank=True,
        help_text=_("E.g. “Indre-et-Loire (37)”."),
    )
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("logo or picture"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Both written on the page row, without a revision, when an evaluation of the offer
    # is approved (`catalogue.services.offer_mark_qualified`); `with_content_json` keeps
    # them from being put back by a revision saved earlier.
    last_qualified_on = models.DateField(
        _("last qualified on"),
        null=True,
        blank=True,
        help_text=_("Date on which the information was checked."),
    )
    review_by = models.DateField(
        _("review by"),
        null=True,
        blank=True,
        help_text=_("Date of the next check."),
    )

    is_creatable = False
    parent_page_types = ["catalogue.CatalogueIndexPage"]
    subpage_types: list[str] = []

    base_form_class = OfferPageForm
    # Themes, audiences and pricing are required to submit, not to save a draft
    # (`OfferPageForm`): `required_on_save=False` lets Wagtail defer them.
    content_panels = [
        *Page.content_panels,
        DuplicateWarningPanel(),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("provider"),
                FieldPanel("themes", widget=ThemeCheckboxes, required_on_save=False),
                FieldPanel(
                    "audiences",
                    widget=ColumnCheckboxes,
                    required_on_save=False,
                ),
            ],
            heading=_("Classification"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("pricing_model", required_on_save=False),
                        FieldPanel("price_details"),
                    ]
                ),
                FieldRowPanel([FieldPanel("format"), FieldPanel("territory")]),
                FieldPanel("territory_details"),
                FieldPanel("website"),
                FieldPanel("logo"),
            ],
            heading=_("Arrangements"),
        ),
        # The qualification date is the last approval of an evaluation: nobody types it.
        # The review date follows it; coordination may move it (`OfferPageForm`).
        MultiFieldPanel(
            [
                EvaluateOfferPanel(),
                FieldRowPanel(
                    [QualificationDatePanel("last_qualified_on"), FieldPanel("review_by")]
                ),
            ],
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
    # Indexed by the site search (`catalogue.search`), from the fields above.
    site_search = True

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
        # Read from `OfferQuality`, batched (`catalogue.schema.resolvers`).
        GraphQLInt(
            "quality_score",
            description=(
                "Score de qualité des données, de 0 à 100, recalculé chaque jour : fraîcheur "
                "des informations, longueur de la description, thématiques, publics et modèle "
                "tarifaire renseignés, contact cohérent avec le format, liens valides. "
                "Null tant qu'il n'a pas été calculé."
            ),
        ),
        GraphQLList(
            GraphQLString,
            "quality_missing",
            description=(
                "Ce qui manque pour améliorer le score de qualité, en toutes lettres "
                "(par exemple « Aucun public ») ; vide quand rien ne manque."
            ),
        ),
        GraphQLObject(
            "scorecard",
            "catalogue.schema.types.Scorecard",
            description="Fiche d'évaluation : ce que disent les évaluations approuvées des "
            "acteurs du programme sur la grille commune. Nulle quand l'offre n'a aucune "
            "évaluation approuvée (« non évaluée »).",
        ),
        GraphQLList(
            GraphQLForeignKey,
            "evaluations",
            "catalogue.Evaluation",
            description="Évaluations approuvées en vigueur, la plus récente d'abord : la "
            "dernière de chaque structure (les brouillons, les évaluations en attente de "
            "validation, retirées ou remplacées n'y figurent jamais).",
        ),
    ]

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        indexes = [models.Index(fields=["territory", "pricing_model"])]

    @classproperty
    def kind_label(cls) -> str:
        """Shown on badges, facets and the API enum; a kind may override it when its
        admin name is longer than the label the public sees."""
        return capfirst(cls._meta.verbose_name) if cls.kind else ""

    @property
    def social_image(self):
        """The picture of the offer in link previews and JSON-LD (`cms.seo`, which shows it
        only when the public may see it)."""
        return self.logo

    def jsonld_properties(self) -> dict:
        """The schema.org properties of this kind, beside the shared ones built by
        `catalogue.jsonld.offer_jsonld`. Empty values are dropped there."""
        return {}

    @classmethod
    def possible_duplicates(cls, *, title: str, website: str, exclude_pk=None) -> list:
        """Offers at any stage whose title (ignoring case) or website (ignoring scheme,
        `www.`, case and trailing slash) is the same as these."""
        title = title.strip()
        site = normalised_website(website)
        query = Q()
        if title:
            query |= Q(title__iexact=title)
        if site:
            # Narrowed in SQL by the host, then compared exactly once normalised.
            query |= Q(website__icontains=site.split("/")[0])
        if not query:
            return []
        candidates = OfferPage.objects.filter(query).exclude(pk=exclude_pk).order_by("title")
        return [
            offer
            for offer in candidates[:20]
            if offer.title.strip().casefold() == title.casefold()
            or (site and normalised_website(offer.website) == site)
        ][:5]

    def with_content_json(self, content):
        """A revision saved before the offer's last qualification carries older dates:
        the row's win, so that publishing (or opening) a draft started earlier does not put
        them back. A revision saved since then was opened with the row's dates, and its
        review date (coordination may move it) is kept."""
        obj = super().with_content_json(content)
        if self.last_qualified_on and (
            obj.last_qualified_on is None or obj.last_qualified_on < self.last_qualified_on
        ):
            obj.last_qualified_on = self.last_qualified_on
            obj.review_by = self.review_by
        return obj

    def clean(self):
        super().clean()
        if self.review_by and self.last_qualified_on and self.review_by < self.last_qualified_on:
            raise ValidationError(
                {"review_by": _("The review date must come after the qualification date.")}
            )
        if self.last_qualified_on and self.last_qualified_on > date.today():
            raise ValidationError(
                {"last_qualified_on": _("The qualification date cannot be in the future.")}
            )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read once for the template and the JSON-LD alike.
        prefetch_related_objects([self], "themes", "audiences")
        context["visible_themes"] = self.themes.all()
        # Training sits above the catalogue: reach its modules through the reverse
        # accessor it declares, without importing it.
        modules = getattr(self, "training_modules", None)
        context["used_in_modules"] = (
            list(visible(modules.all()).order_by("title")) if modules is not None else []
        )
        return context
