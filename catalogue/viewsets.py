"""Admin view sets of the catalogue's page types."""

from django.utils.functional import cached_property

from wagtail.admin.views.pages.listing import GenericPageFilterSet
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page

from .editing import ModerationEditView, ModerationRevisionsRevertView, ModerationWorkflowActionView
from .models import CatalogueIndexPage
from .quality_admin import (
    CatalogueExplorerView,
    OfferTypeUseView,
    QualitySidePanelMixin,
    explorer_columns,
)


class ModeratedPageViewSet(PageViewSet):
    """The views of a page type under the moderation workflow: Wagtail's, with the editor
    and the workflow decisions of `catalogue.editing`."""

    edit_view_class = ModerationEditView
    revisions_revert_view_class = ModerationRevisionsRevertView
    workflow_action_view_class = ModerationWorkflowActionView


class OfferEditView(QualitySidePanelMixin, ModerationEditView):
    pass


class OfferRevisionsRevertView(QualitySidePanelMixin, ModerationRevisionsRevertView):
    pass


class OfferViewSet(ModeratedPageViewSet):
    """Offers: the moderated editor with the data-quality side panel, and the explorer's
    listing of the catalogue with the score column."""

    edit_view_class = OfferEditView
    revisions_revert_view_class = OfferRevisionsRevertView
    index_view_class = CatalogueExplorerView
    content_type_use_view_class = OfferTypeUseView
    columns = explorer_columns()
    # The explorer's own filters (by page type among them).
    filterset_class = GenericPageFilterSet

    @cached_property
    def parent_models(self):
        # Wagtail gives a view set the listing of a parent's children only when the parent
        # holds nothing else; the catalogue also holds collections, so it is named here.
        return [CatalogueIndexPage]

    def get_index_view_kwargs(self, **kwargs):
        # Every child of the catalogue is listed, collections included, as in the explorer.
        return super().get_index_view_kwargs(**{"model": Page, **kwargs})


def moderated_page_viewsets(*models) -> list[ModeratedPageViewSet]:
    """One view set per model: Wagtail picks a page's view set by its class (and its
    ancestors'), and our page types derive from `Page` directly, not from a common base.
    A model with a view set of its own in `VIEWSETS` gets it."""
    return [
        VIEWSETS.get(model._meta.label_lower, ModeratedPageViewSet)(
            name=f"moderated_{model._meta.model_name}", model=model
        )
        for model in models
    ]


VIEWSETS = {"catalogue.offerpage": OfferViewSet}
