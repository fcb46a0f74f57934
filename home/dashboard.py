"""Admin dashboard panels: each person's work in the editorial chain. Wagtail's own
panels already list what awaits the user's review and their pages in moderation."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from wagtail.admin.ui.components import Component
from wagtail.models import Page, WorkflowState

from catalogue.models import OfferPage
from training.models import TrainingModulePage


class MyWorkPanel(Component):
    """« Mon travail » : drafts of the user and their organisation, and what was sent back."""

    name = "my_work"
    template_name = "home/dashboard/my_work.html"
    order = 50

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        colleagues = Q(owner=user) | Q(owner__actors__users=user)
        # Workflow states store the page id as text: compare in Python, not in a join.
        in_moderation = [
            int(object_id)
            for object_id in WorkflowState.objects.filter(
                base_content_type=ContentType.objects.get_for_model(Page),
                status__in=[WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES],
            ).values_list("object_id", flat=True)
        ]
        drafts = []
        for model in (OfferPage, TrainingModulePage):
            drafts += list(
                model.objects.filter(colleagues)
                .filter(Q(live=False) | Q(has_unpublished_changes=True))
                .exclude(pk__in=in_moderation)
                .distinct()
                .order_by("-latest_revision_created_at")[:10]
            )
        sent_back_states = (
            WorkflowState.objects.filter(
                base_content_type=ContentType.objects.get_for_model(Page),
                status=WorkflowState.STATUS_NEEDS_CHANGES,
                requested_by=user,
            )
            .select_related("current_task_state__task")
            .order_by("-created_at")[:10]
        )
        sent_back = []
        pages = Page.objects.in_bulk([int(state.object_id) for state in sent_back_states])
        for state in sent_back_states:
            page = pages.get(int(state.object_id))
            if page is not None:
                comment = state.current_task_state.get_comment() if state.current_task_state else ""
                sent_back.append({"page": page, "comment": comment})
        return {"drafts": drafts, "sent_back": sent_back}


class ModerationQueuePanel(Component):
    """« File de modération » for coordinators: every submission, at whatever step."""

    name = "moderation_queue"
    template_name = "home/dashboard/moderation_queue.html"
    order = 60

    def get_context_data(self, parent_context):
        states = (
            WorkflowState.objects.filter(
                base_content_type=ContentType.objects.get_for_model(Page),
                status=WorkflowState.STATUS_IN_PROGRESS,
            )
            .select_related("current_task_state__task", "requested_by")
            .order_by("created_at")[:30]
        )
        pages = Page.objects.in_bulk([int(state.object_id) for state in states])
        return {
            "rows": [
                {"page": pages[int(state.object_id)], "state": state}
                for state in states
                if int(state.object_id) in pages
            ]
        }
