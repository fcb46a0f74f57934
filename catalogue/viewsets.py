"""Admin view sets of the catalogue's page types."""

from wagtail.admin.viewsets.pages import PageViewSet

from .editing import ModerationEditView, ModerationRevisionsRevertView, ModerationWorkflowActionView


class ModeratedPageViewSet(PageViewSet):
    """The views of a page type under the moderation workflow: Wagtail's, with the editor
    and the workflow decisions of `catalogue.editing`."""

    edit_view_class = ModerationEditView
    revisions_revert_view_class = ModerationRevisionsRevertView
    workflow_action_view_class = ModerationWorkflowActionView


def moderated_page_viewsets(*models) -> list[ModeratedPageViewSet]:
    """One view set per model: Wagtail picks a page's view set by its class (and its
    ancestors'), and our page types derive from `Page` directly, not from a common base."""
    return [
        ModeratedPageViewSet(name=f"moderated_{model._meta.model_name}", model=model)
        for model in models
    ]
