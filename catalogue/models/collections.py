from django.db import models
from django.utils.translation import gettext_lazy as _

from grapple.models import (
    GraphQLBoolean,
    GraphQLForeignKey,
    GraphQLPage,
    GraphQLRichText,
    GraphQLString,
)
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.api.fields import GraphQLList
from cms.page_context import RegisteredContextMixin
from cms.visibility import CachedViewRestrictionsMixin, VisiblePageManager

from ..permissions import OrganisationEditableMixin


class CollectionItem(Orderable):
    """One curated offer in a thematic collection, with the editors' note."""

    collection = ParentalKey(
        "catalogue.ThematicCollectionPage", on_delete=models.CASCADE, related_name="items"
    )
    offer = models.ForeignKey(
        "catalogue.OfferPage",
        verbose_name=_("offer"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    note = models.TextField(
        _("editorial note"),
        blank=True,
        max_length=500,
        help_text=_("Why this offer is in the collection."),
    )

    panels = [FieldPanel("offer"), FieldPanel("note")]
    graphql_fields = [
        GraphQLPage("offer", description="L'offre (publiée)."),
        GraphQLString("note", description="Note éditoriale."),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("collection offer")
        verbose_name_plural = _("collection offers")
        constraints = [
            models.UniqueConstraint(
                fields=["collection", "offer"], name="unique_offer_per_collection"
            )
        ]


class ThematicCollectionPage(
    CachedViewRestrictionsMixin, RegisteredContextMixin, OrganisationEditableMixin, Page
):
    """An editorial selection of offers around a need, e.g. « Bien démarrer avec le RGPD »."""

    objects = VisiblePageManager()

    intro = RichTextField(_("introduction"), features=["bold", "italic", "link", "ul"])
    themes = ParentalManyToManyField(
        "catalogue.Theme", verbose_name=_("themes"), related_name="collections"
    )
    include_theme_offers = models.BooleanField(
        _("include every offer with these themes"),
        default=False,
        help_text=_(
            "Adds, after the selection, every published offer that carries one of the themes."
        ),
    )

    parent_page_types = ["catalogue.CatalogueIndexPage"]
    subpage_types: list[str] = []

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("themes"),
        MultiFieldPanel(
            [InlinePanel("items", label=_("offer")), FieldPanel("include_theme_offers")],
            heading=_("Offers"),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    graphql_fields = [
        GraphQLRichText("intro", description="Introduction éditoriale (HTML)."),
        GraphQLList(
            GraphQLForeignKey,
            "themes",
            "catalogue.Theme",
            description="Thématiques de la collection.",
        ),
        GraphQLBoolean(
            "include_theme_offers",
            required=True,
            description="La collection inclut aussi toutes les offres de ses thématiques.",
        ),
        GraphQLList(
            GraphQLForeignKey,
            "visible_items",
            "catalogue.CollectionItem",
            description="Sélection ordonnée, avec notes éditoriales (offres publiées uniquement).",
        ),
        GraphQLList(
            GraphQLPage,
            "all_offers",
            description="La sélection puis, si demandé, les autres offres des thématiques.",
        ),
    ]

    class Meta:
        verbose_name = _("thematic collection")
        verbose_name_plural = _("thematic collections")

    # The HTML page reads these; GraphQL batches the same fields over a whole list in
    # `catalogue.schema.resolvers`.
