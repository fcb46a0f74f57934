from django.db import models
from django.utils.translation import gettext_lazy as _

from grapple.models import GraphQLInt, GraphQLRichText
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from cms.page_context import RegisteredContextMixin
from cms.visibility import CachedViewRestrictionsMixin, VisiblePageManager

from ..permissions import OrganisationEditableMixin
from .kinds import OFFER_MODELS


class CatalogueIndexPage(
    CachedViewRestrictionsMixin, RegisteredContextMixin, OrganisationEditableMixin, Page
):
    """The root of the catalogue: offers and thematic collections live under it, and it
    lists offers with facets (kind, theme, audience, pricing, territory, search)."""

    objects = VisiblePageManager()

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    per_page = models.PositiveSmallIntegerField(
        _("offers per page"), default=12, help_text=_("Between 6 and 48.")
    )

    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = [
        *(model._meta.label for model in OFFER_MODELS),
        "catalogue.ThematicCollectionPage",
    ]
    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("per_page")]
    graphql_fields = [
        GraphQLRichText("intro", description="Introduction du catalogue (HTML)."),
        GraphQLInt("per_page", required=True, description="Nombre d'offres par page en HTML."),
    ]

    class Meta:
        verbose_name = _("catalogue")
        verbose_name_plural = _("catalogues")

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if not 6 <= (self.per_page or 0) <= 48:
            raise ValidationError({"per_page": _("Choose between 6 and 48 offers per page.")})
