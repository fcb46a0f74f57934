from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.models import AbstractGroupApprovalTask

from ..roles import COORDINATION, in_group


class PeerReviewTask(AbstractGroupApprovalTask):
    """Review by another member of the chosen groups: the person who wrote or submitted
    the revision can never review it. Wagtail's group approval alone would let an
    actor approve their own submission.

    Coordination may always act on it, whoever wrote the revision: once a reviewer's edit
    makes the revision under review theirs, with the submitter also excluded, no actor may
    be left to act, and the page would stay stranded (and locked for coordination) until
    a superuser stepped in."""

    @staticmethod
    def _authors(obj) -> set[int]:
        """Who wrote or submitted what is under review."""
        workflow_state = (
            obj.current_workflow_state if hasattr(obj, "current_workflow_state") else None
        )
        authors = set()
        if workflow_state is not None:
            authors.add(workflow_state.requested_by_id)
            task_state = workflow_state.current_task_state
            if task_state is not None and task_state.revision_id:
                authors.add(task_state.revision.user_id)
        return {pk for pk in authors if pk}

    def _user_in_groups(self, user):
        # Wagtail's group checks (editor access, lock, actions, queue) all go through this.
        return super()._user_in_groups(user) or in_group(user, COORDINATION)

    def _excluded(self, obj, user) -> bool:
        return user.pk in self._authors(obj) and not in_group(user, COORDINATION)

    def get_actions(self, obj, user):
        if self._excluded(obj, user):
            return []
        return super().get_actions(obj, user)

    def user_can_access_editor(self, obj, user):
        return super().user_can_access_editor(obj, user) and not self._excluded(obj, user)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        if in_group(user, COORDINATION):
            return states
        return states.exclude(Q(workflow_state__requested_by=user) | Q(revision__user=user))

    @classmethod
    def get_description(cls):
        return _(
            "Review by a member of the chosen groups, who is never the author of the submitted "
            "revision."
        )

    class Meta:
        verbose_name = _("peer review")
        verbose_name_plural = _("peer reviews")


class IndependentApprovalTask(AbstractGroupApprovalTask):
    """Approval by a member of the chosen groups who had no hand in what is approved: not
    who created it, submitted it, wrote the revision under review, nor wrote the latest
    revision, which is the one approval publishes (an edit saved during moderation, an
    autosave included, makes its writer an author).

    Unlike the peer review of pages, coordination is not exempted: an evaluation approved
    by the person who wrote it would be no check at all. A coordinator who changes an
    evaluation under review leaves its approval to another coordinator."""

    @staticmethod
    def _authors(obj) -> set[int]:
        authors = PeerReviewTask._authors(obj)
        latest = obj.get_latest_revision() if hasattr(obj, "get_latest_revision") else None
        if latest is not None:
            authors.add(latest.user_id)
        authors.add(getattr(obj, "created_by_id", None))
        return {pk for pk in authors if pk}

    def get_actions(self, obj, user):
        if user.pk in self._authors(obj):
            return []
        return super().get_actions(obj, user)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        # The queue shown on the dashboard; `get_actions` stays the gate of every decision.
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        return states.exclude(Q(workflow_state__requested_by=user) | Q(revision__user=user))

    @classmethod
    def get_description(cls):
        return _(
            "Approval by a member of the chosen groups who neither wrote nor submitted what "
            "is approved, coordinators included."
        )

    class Meta:
        verbose_name = _("independent approval")
        verbose_name_plural = _("independent approvals")
