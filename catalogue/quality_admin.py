"""The data-quality score in the admin: a side panel in the offer editor, and a sortable
column in the page explorer's listing of the catalogue.

Wagtail 8 offers no hook to add a side panel: the page editor builds its list in
`EditView.get_side_panels()`. Page types get their own views through `PageViewSet`
(`catalogue.viewsets`), Wagtail's documented way, so the offer editor's view adds the panel
there. Likewise the explorer lists a page's children with the index view of the view set
that names that page's model among its `parent_models`: the offers' view set does so for
the catalogue, whose listing gets the column."""

from django.db.models import F, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.side_panels import BaseSidePanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import ExplorableIndexView
from wagtail.admin.views.pages.usage import ContentTypeUseView

from .link_selectors import broken_link_counts
from .models import OfferQuality
from .quality import (
    BROKEN_LINK_PENALTY,
    DESCRIPTION_MIN,
    DESCRIPTION_TARGET,
    assess,
    offer_facts,
)

SCORE = "quality_score"


class QualitySidePanel(BaseSidePanel):
    """The score of the version being edited, computed now, with what is missing; and the
    stored score of the published version when it differs."""

    class SidePanelToggle(BaseSidePanel.SidePanelToggle):
        aria_label = _("Toggle data quality")
        icon_name = "clipboard-list"

        def get_context_data(self, parent_context):
            context = super().get_context_data(parent_context)
            context["count"] = len(self.panel.quality.missing)
            return context

    name = "data-quality"
    title = _("Data quality")
    template_name = "catalogue/panels/quality_side_panel.html"
    order = 150

    def __init__(self, object, request, *, record):
        super().__init__(object, request)
        links = broken_link_counts([object.pk]) if object.pk else {}
        self.quality = assess(
            offer_facts(object, record=record),
            today=timezone.localdate(),
            broken_links=links.get(object.pk, 0),
        )

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        published = OfferQuality.objects.filter(offer_id=self.object.pk).first()
        context.update(
            quality=self.quality,
            published=published
            if published is not None and published.score != self.quality.score
            else None,
            description_min=DESCRIPTION_MIN,
            description_target=DESCRIPTION_TARGET,
            broken_link_penalty=BROKEN_LINK_PENALTY,
        )
        return context


class QualitySidePanelMixin:
    """For the offer editor's views (`EditView` and its revert view)."""

    def get_side_panels(self):
        panels = super().get_side_panels()
        if not self.expects_json_response:
            # After the status panel, before the preview and the checks.
            panels.insert(
                1, QualitySidePanel(self.page, self.request, record=self.real_page_record)
            )
        return panels


class QualityColumn(Column):
    cell_template_name = "catalogue/panels/quality_cell.html"


def explorer_columns() -> list:
    """The explorer's columns, with the score before the status."""
    columns = list(ExplorableIndexView.base_columns)
    status = next(
        (index for index, column in enumerate(columns) if column.name == "status"),
        len(columns),
    )
    columns.insert(
        status, QualityColumn(SCORE, label=_("Data quality"), sort_key=SCORE, width="10%")
    )
    return columns


class QualityListingMixin:
    """A page listing that sorts on the offers' score (see `explorer_columns`)."""

    def get_valid_orderings(self):
        orderings = super().get_valid_orderings()
        if self.is_searching:
            # The search backend orders by its own fields only, as for the page type.
            orderings = [order for order in orderings if order.lstrip("-") != SCORE]
        return orderings

    def annotate_queryset(self, pages):
        score = OfferQuality.objects.filter(offer_id=OuterRef("pk")).values("score")[:1]
        return super().annotate_queryset(pages).annotate(**{SCORE: Subquery(score)})

    def order_queryset(self, queryset):
        # Pages without a score last, whichever the direction, on every database.
        if self.ordering == SCORE:
            return queryset.order_by(F(SCORE).asc(nulls_last=True), "title", "pk")
        if self.ordering == f"-{SCORE}":
            return queryset.order_by(F(SCORE).desc(nulls_last=True), "title", "pk")
        return super().order_queryset(queryset)


class CatalogueExplorerView(QualityListingMixin, ExplorableIndexView):
    """The explorer's listing of the catalogue's pages, with the offers' data-quality
    score (the other pages, and drafts never published, have none)."""


class OfferTypeUseView(QualityListingMixin, ContentTypeUseView):
    """The flat listing of every offer of a kind (« Utilisation » of a page type), with
    the same columns."""
