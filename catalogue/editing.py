"""The page editor of the moderated pages (catalogue and training), registered through
`PageViewSet` (`catalogue.viewsets`), Wagtail's documented way to give page types their own
views. Three things differ from Wagtail's editor:

- a workflow decision (approve, reject) saves a revision only when the reviewer really
  changed the content (`content_changes`); otherwise the decision applies to the submitted
  revision. Wagtail counts the editor's own rich text markup as a change, so every approval
  from the footer saved a revision in the reviewer's name and, with re-approval on edit,
  restarted the workflow on a revision nobody but a superuser could then approve;
- advisors may add comments, never content: their comments are kept without a revision;
- an autosave that arrives after the same session published or approved the page (from
  the editor, the dashboard's dialog or a bulk publication) is refused instead of leaving a
  draft over the page that just went live.

Each workflow decision says in French what happened to the page.
"""

import json

from django.contrib.humanize.templatetags.humanize import naturalday
from django.utils.translation import gettext as _

from wagtail.admin import messages
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.views.pages.revisions import RevisionsRevertView
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.models import COMMENTS_RELATION_NAME, Page, TaskState, WorkflowState

from .content_changes import comments_changed, content_changed
from .roles import ADVISORS, in_group

# Per browser session: the revision each page was last published or approved at, from this
# session's editor. An autosave built on that revision or an older one is stale.
ACTED_ON = "reperes_acted_on_revisions"


def decision_remember(request, page_id: int) -> None:
    """Mark the page's current revision as decided on in this browser session: the editor
    tabs still open on it must not autosave over the decision, whichever route took it (the
    editor, the dashboard's dialog, a bulk publication)."""
    acted_on = request.session.get(ACTED_ON, {})
    acted_on[str(page_id)] = Page.objects.get(pk=page_id).latest_revision_id
    request.session[ACTED_ON] = acted_on


def decision_message(page: Page, action: str) -> str | None:
    """What the reviewer's decision did, read back from the page's workflow."""
    if action == "reject":
        return _("Sent back to the author with your comment.")
    if action != "approve":
        return None
    page = Page.objects.get(pk=page.pk)
    if page.current_workflow_state is not None:
        return _("Review approved, passed on to the coordination.")
    scheduled = page.scheduled_revision
    if scheduled is not None and scheduled.approved_go_live_at:
        return _("Approved: publication scheduled for %(date)s.") % {
            "date": naturalday(scheduled.approved_go_live_at, "j F Y")
        }
    return _("Published.")


def previous_decisions(workflow_state: WorkflowState) -> list[str]:
    """The decisions already taken in this round of moderation, for the next reviewer."""
    if workflow_state is None or workflow_state.status != WorkflowState.STATUS_IN_PROGRESS:
        return []
    states = (
        workflow_state.task_states.filter(status=TaskState.STATUS_APPROVED)
        .exclude(pk=workflow_state.current_task_state_id)
        .select_related("finished_by", "task")
        .order_by("finished_at")
    )
    lines = []
    for state in states:
        values = {
            "task": state.task.name,
            "reviewer": state.finished_by.get_full_name() or state.finished_by.get_username()
            if state.finished_by
            else "?",
            "comment": state.get_comment(),
        }
        if values["comment"]:
            lines.append(
                _("%(task)s: approved by %(reviewer)s, who commented: « %(comment)s »") % values
            )
        else:
            lines.append(_("%(task)s: approved by %(reviewer)s, without a comment.") % values)
    return lines


class ModerationEditMixin:
    @property
    def is_advisor(self) -> bool:
        return in_group(self.request.user, ADVISORS)

    # Autosave -----------------------------------------------------------------------

    def _base_revision_id(self) -> int | None:
        raw = self.request.POST.get("overwrite_revision_id") or self.request.POST.get(
            "loaded_revision_id"
        )
        return int(raw) if raw and raw.isdigit() else None

    def _autosave_is_stale(self) -> bool:
        base = self._base_revision_id()
        if base is None:
            return False
        acted_on = self.request.session.get(ACTED_ON, {}).get(str(self.page.pk))
        live = self.real_page_record.live_revision_id
        return (acted_on is not None and base <= acted_on) or (live is not None and base < live)

    def _remember_decision(self) -> None:
        decision_remember(self.request, self.page.pk)

    def _lift_lock_for_advisor(self) -> None:
        """A page under review carries Wagtail's workflow lock, which hides the save button
        and refuses every save, comments included, to anyone but its reviewers: advisors
        could comment on nothing that was submitted. Their saves keep only comments
        (`advisor_action`), so the lock has nothing to protect from them."""
        if self.is_advisor:
            self.lock = None
            self.locked_for_user = False

    def get(self, request, *args, **kwargs):
        self._lift_lock_for_advisor()
        # A fresh editor starts from what is now live: its autosaves are legitimate again.
        acted_on = request.session.get(ACTED_ON, {})
        if acted_on.pop(str(self.page.pk), None) is not None:
            request.session[ACTED_ON] = acted_on
        if self.is_advisor:
            self.autosave_enabled = False
        for line in previous_decisions(self.workflow_state):
            messages.info(request, line)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self._lift_lock_for_advisor()
        if self.expects_json_response:
            if self._autosave_is_stale():
                return self.json_error_response(
                    "invalid_revision",
                    _(
                        "This page has just been published or approved: reload it before "
                        "editing it again."
                    ),
                )
            if self.is_advisor:
                return self.json_error_response(
                    "permission_denied", _("Advisors comment on pages but do not edit them.")
                )
        return super().post(request, *args, **kwargs)

    # Saving -------------------------------------------------------------------------

    def form_valid(self, form):
        self.content_changed = content_changed(form)
        self.comments_changed = comments_changed(form)
        # Wagtail logs and notifies comment changes only when it sees a change.
        self.has_content_changes = self.content_changed or self.comments_changed
        if self.is_advisor:
            return self.advisor_action()
        return self.action_method()

    def _save_comments_without_revision(self) -> None:
        page = self.form.save(commit=False)
        getattr(page, COMMENTS_RELATION_NAME).commit()
        changes = self.get_commenting_changes()
        self.log_commenting_changes(changes, None)
        self.send_commenting_notifications(changes)

    def advisor_action(self):
        if self.content_changed or self.action_name != "save":
            messages.error(
                self.request,
                _(
                    "Advisors comment on pages but do not edit them: your changes to the "
                    "content were not saved."
                ),
            )
            self.has_unsaved_changes = True
            return self.render_to_response(self.get_context_data())
        self.subscription.save()
        if self.comments_changed:
            self._save_comments_without_revision()
            messages.success(self.request, _("Your comments have been saved."))
        return self.redirect_and_remain()

    def perform_workflow_action(self):
        if self.content_changed:
            # The reviewer edited: Wagtail saves their revision, then decides on it.
            response = super().perform_workflow_action()
            self._remember_decision()
            return response
        self.page = self.form.save(commit=False)
        self.subscription.save()
        if self.comments_changed:
            self._save_comments_without_revision()
        extra = json.loads(self.request.POST.get("workflow-action-extra-data", "{}"))
        self.page.current_workflow_task.on_action(
            self.page.current_workflow_task_state,
            self.request.user,
            self.workflow_action,
            **extra,
        )
        self._remember_decision()
        self.add_save_confirmation_message()
        response = self.run_hook("after_edit_page", self.request, self.page)
        return response or self.redirect_away()

    def publish_action(self):
        response = super().publish_action()
        self._remember_decision()
        return response

    def add_save_confirmation_message(self):
        if self.action_name == "perform_workflow_action":
            message = decision_message(self.page, self.workflow_action)
            if message:
                messages.success(self.request, message)
                return
        super().add_save_confirmation_message()


class ModerationEditView(ModerationEditMixin, EditView):
    pass


class ModerationRevisionsRevertView(ModerationEditMixin, RevisionsRevertView):
    pass


class ModerationWorkflowActionView(WorkflowActionView):
    """The same decisions taken from the dashboard or the page listing's dialog."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        # The task state is updated in place when the decision is taken.
        if self.task_state.status != TaskState.STATUS_IN_PROGRESS:
            decision_remember(request, self.object.pk)
            message = decision_message(self.object, self.action_name)
            if message:
                messages.success(request, message)
        return response
