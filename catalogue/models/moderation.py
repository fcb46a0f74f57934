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
