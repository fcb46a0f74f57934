from django.db import models
from django.db.models import Q
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
from cms.visibility import VisiblePageManager

from ..permissions import OrganisationEditableMixin


class CollectionItem(Orderable):
    """One curated offer in a thematic collection, with the editors' note."""

    collection = ParentalKey(
        "catalogue.ThematicCollectionPage", on_delete=models.CASCADE, related_name="items"
    )
    offer = models.ForeignKey(
        "catalogue.OfferPage",
        verbose_name=_("offre"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    note = models.TextField(
        _("note éditoriale"),
        blank=True,
        max_length=500,
        help_text=_("Pourquoi cette offre figure dans la collection."),
    )

    panels = [FieldPanel("offer"), FieldPanel("note")]
    graphql_fields = [
        GraphQLPage("offer", description="L'offre (publiée)."),
        GraphQLString("note", description="Note éditoriale."),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("offre de la collection")
        verbose_name_plural = _("offres de la collection")
        constraints = [
            models.UniqueConstraint(
                fields=["collection", "offer"], name="unique_offer_per_collection"
            )
        ]


class ThematicCollectionPage(OrganisationEditableMixin, Page):
    """An editorial selection of offers around a need, e.g. « Bien démarrer avec le RGPD »."""

    objects = VisiblePageManager()

    intro = RichTextField(_("introduction"), features=["bold", "italic", "link", "ul"])
    themes = ParentalManyToManyField(
        "catalogue.Theme", verbose_name=_("thématiques"), related_name="collections"
    )
    include_theme_offers = models.BooleanField(
        _("inclure toutes les offres de ces thématiques"),
        default=False,
        help_text=_(
            "Ajoute, après la sélection, toutes les offres publiées qui portent une des thématiques."
        ),
    )

    parent_page_types = ["catalogue.CatalogueIndexPage"]
    subpage_types: list[str] = []

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("themes"),
        MultiFieldPanel(
            [InlinePanel("items", label=_("offre")), FieldPanel("include_theme_offers")],
            heading=_("Offres"),
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
        verbose_name = _("collection thématique")
        verbose_name_plural = _("collections thématiques")

    # The HTML page reads these; GraphQL batches the same fields over a whole list in
    # `catalogue.schema.resolvers`.
    def visible_items(self) -> list[CollectionItem]:
        """Curated items whose offer is visible, in editorial order."""
        from .offers import OfferPage

        items = list(self.items.order_by("sort_order"))
        offers = (
            OfferPage.objects.visible()
            .filter(pk__in=[item.offer_id for item in items])
            .specific()
            .in_bulk()
        )
        for item in items:
            item.offer = offers.get(item.offer_id)
        return [item for item in items if item.offer is not None]

    def all_offers(self) -> list:
        """The curated offers, then (if enabled) every other visible offer that carries
        one of the collection's themes or a sub-theme of them, by title."""
        from .offers import OfferPage

        curated = [item.offer for item in self.visible_items()]
        if not self.include_theme_offers:
            return curated
        themes = self.themes.values("pk")
        extra = (
            OfferPage.objects.visible()
            .filter(Q(themes__in=themes) | Q(themes__parent__in=themes))
            .exclude(pk__in=[offer.pk for offer in curated])
            .distinct()
            .order_by("title", "pk")
            .specific()
        )
        return curated + list(extra)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["items"] = self.visible_items()
        context["offers"] = self.all_offers()
        return context
