from django.db import models
from django.utils.translation import gettext_lazy as _

from grapple.models import (
    GraphQLPage,
    GraphQLRichText,
    GraphQLStreamfield,
    GraphQLString,
)
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from catalogue.blocks import OfferBodyBlock
from catalogue.models import CatalogueIndexPage, ThematicCollectionPage
from cms.api.fields import GraphQLList
from cms.page_context import RegisteredContextMixin
from cms.visibility import CachedViewRestrictionsMixin, VisiblePageManager, visible_in_order
from training.models import TrainingSession


class FeaturedCollection(Orderable):
    """A thematic collection put forward on the home page."""

    page = ParentalKey(
        "home.HomePage", on_delete=models.CASCADE, related_name="featured_collections"
    )
    collection = models.ForeignKey(
        "catalogue.ThematicCollectionPage",
        verbose_name=_("collection"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("collection")]

    class Meta(Orderable.Meta):
        verbose_name = _("featured collection")
        verbose_name_plural = _("featured collections")


class HomePage(CachedViewRestrictionsMixin, RegisteredContextMixin, Page):
    """The site's home: featured collections, latest offers, entry to the catalogue."""

    objects = VisiblePageManager()

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel("featured_collections", label=_("featured collection"), max_num=6),
    ]
    graphql_fields = [
        GraphQLRichText("intro", description="Introduction (HTML)."),
        GraphQLList(
            GraphQLPage,
            "live_featured_collections",
            description="Collections mises en avant (publiées uniquement).",
        ),
    ]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def live_featured_collections(self) -> list[ThematicCollectionPage]:
        """The featured collections that are visible, in the editors' order."""
        ids = list(
            self.featured_collections.order_by("sort_order").values_list("collection_id", flat=True)
        )
        return visible_in_order(ThematicCollectionPage.objects, ids)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["collections"] = self.live_featured_collections()
        context["catalogue"] = CatalogueIndexPage.objects.visible().first()
        context["sessions"] = list(TrainingSession.objects.upcoming()[:4])
        return context


class StandardPage(CachedViewRestrictionsMixin, Page):
    """A plain editorial page: « À propos », usage charters of shared tools, legal notice."""

    objects = VisiblePageManager()

    intro = models.TextField(_("standfirst"), blank=True, max_length=400)
    body = StreamField(OfferBodyBlock(), verbose_name=_("content"), blank=True)

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    graphql_fields = [
        GraphQLString("intro", description="Chapeau."),
        GraphQLStreamfield("body", description="Contenu (blocs)."),
    ]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")
