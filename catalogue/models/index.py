from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from grapple.models import GraphQLInt, GraphQLRichText
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from cms.visibility import VisiblePageManager

from ..permissions import OrganisationEditableMixin


class CatalogueIndexPage(OrganisationEditableMixin, Page):
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
        "catalogue.ToolPage",
        "catalogue.ResourcePage",
        "catalogue.TrainingOfferPage",
        "catalogue.SupportServicePage",
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

    def get_context(self, request, *args, **kwargs):
        from ..filters import OfferFilterForm
        from ..selectors import filter_offers, load_offers, offer_facets

        context = super().get_context(request, *args, **kwargs)
        form = OfferFilterForm(request.GET or None)
        offers_qs = None
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            offers_qs = filter_offers(
                kinds=data["kind"],
                themes=data["themes"],
                audiences=data["audiences"],
                pricing=data["pricing"],
                territory=data["territory"],
                search=data["q"],
                updated_since=data["updated_since"],
                order=data["order"],
            )
        elif not form.is_bound:
            offers_qs = filter_offers()
        if offers_qs is None:
            context.update(form=form, page_obj=None, offers=[], facets=None)
            return context

        paginator = Paginator(offers_qs, self.per_page)
        try:
            page_obj = paginator.page(request.GET.get("page", 1))
        except (PageNotAnInteger, EmptyPage) as exc:
            raise Http404(_("This results page does not exist.")) from exc
        query = request.GET.copy()
        query.pop("page", None)
        context.update(
            form=form,
            page_obj=page_obj,
            offers=load_offers(page_obj.object_list),
            facets=offer_facets(offers_qs),
            querystring=query.urlencode(),
        )
        return context
