"""Admin dashboard panels: each person's work in the editorial chain. Wagtail's own
panels already list what awaits the user's review and their pages in moderation."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse

from wagtail.admin.ui.components import Component
from wagtail.models import Comment, CommentReply, Page, WorkflowState

from catalogue.models import OFFER_MODELS, CatalogueIndexPage, OfferPage
from training.models import TrainingIndexPage, TrainingModulePage, TrainingSession
from training.selectors import filter_sessions_by_territory, upcoming_sessions


class ProposePanel(Component):
    """« Proposer une offre » : one link per kind straight to the create form under the
    catalogue, and one for a training module, so that proposing starts in one click."""

    name = "propose"
    template_name = "home/dashboard/propose.html"
    order = 40

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        links = []
        for index_model, models in (
            (CatalogueIndexPage, OFFER_MODELS),
            (TrainingIndexPage, [TrainingModulePage]),
        ):
            parent = index_model.objects.first()
            if parent is None or not parent.permissions_for_user(user).can_add_subpage():
                continue
            links += [
                {
                    "label": model._meta.verbose_name,
                    "url": reverse(
                        "wagtailadmin_pages:add",
                        args=[model._meta.app_label, model._meta.model_name, parent.pk],
                    ),
                }
                for model in models
            ]
        return {"links": links}

    def render_html(self, parent_context=None):
        # Advisors and readers may add nothing: no empty box on their dashboard.
        context = self.get_context_data(parent_context)
        if not context["links"]:
            return ""
        return super().render_html(parent_context)


def advisor_departments(user) -> list[str]:
    """The departments an advisor works in: those their organisation covers, or else the
    one of its postcode. Advisors belong to an `Actor` (their PAVA or Guid'Asso
    structure), which already says where it works."""
    departments = []
    for actor in user.actors.all():
        for code in actor.department_list or ([actor.postcode[:2]] if actor.postcode else []):
            if code not in departments:
                departments.append(code)
    return departments


class AdvisorPanel(Component):
    """For advisors: what moved in the catalogue, the sessions near them and the comments
    they left, each a link to open."""

    name = "advisor"
    template_name = "home/dashboard/advisor.html"
    order = 45

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        departments = advisor_departments(user)
        sessions = TrainingSession.objects.none()
        for code in departments:
            try:
                sessions |= filter_sessions_by_territory(upcoming_sessions(), code)
            except ValueError:
                continue
        comments = [
            {"page": comment.page, "text": comment.text, "created_at": comment.created_at}
            for comment in Comment.objects.filter(user=user)
            .select_related("page")
            .order_by("-created_at")[:10]
        ] + [
            {"page": reply.comment.page, "text": reply.text, "created_at": reply.created_at}
            for reply in CommentReply.objects.filter(user=user)
            .select_related("comment__page")
            .order_by("-created_at")[:10]
        ]
        return {
            "recent_offers": OfferPage.objects.order_by("-latest_revision_created_at")[:10],
            "departments": departments,
            "sessions": sessions.select_related("module").order_by("start", "pk")[:10],
            "comments": sorted(comments, key=lambda item: item["created_at"], reverse=True)[:10],
        }


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
