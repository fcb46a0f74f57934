"""The admin views of evaluations, registered by `EvaluationViewSet` (`catalogue.viewsets`).
What differs from Wagtail's snippet views:

- the same rights as pages, item by item (`OrganisationPermissionPolicy`): an actor opens,
  edits, compares or reverts only their organisation's evaluations, whichever URL or
  method they try, and is sent back to the list with a French message otherwise;
- nobody but a superuser publishes from the editor: publishing is approving, and approval
  goes through the workflow, where nobody approves their own evaluation
  (`IndependentApprovalTask`). Coordination keeps the "publish" permission, which is the
  right to withdraw (unpublish) an approved evaluation;
- a decision taken from the editor applies to what was submitted, without saving a
  revision in the reviewer's name; a reviewer who changed the evaluation must save first,
  and then leaves the approval to someone else;
- creating one starts by choosing the offer (`?offer=<id>`, as the offer's editor links
  it), since the grid depends on the offer's kind; a creation posted again after Wagtail's
  autosave created the draft continues that draft.
"""

from django import forms
from django.contrib.admin.utils import quote
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin import messages
from wagtail.admin.widgets import AdminPageChooser
from wagtail.permissions import policy_registry
from wagtail.snippets.views import snippets

from .models import Evaluation, OfferPage

CHOOSE_OFFER_TEMPLATE = "catalogue/evaluations/choose_offer.html"


def _policy():
    return policy_registry.get_by_type(Evaluation)


OTHER_ORGANISATION = gettext_lazy(
    "This evaluation belongs to another organisation: you can neither open nor change it."
)


class InstancePermissionMixin:
    """Checks the permission on the evaluation itself, not only on the model, before any
    view of one evaluation runs, GET or POST."""

    def evaluation_for_permission(self):
        # Some views take the primary key out of `kwargs` when they set up.
        pk = self.kwargs.get("pk", getattr(self, "pk", None))
        return Evaluation.objects.filter(pk=pk).first() if pk is not None else None

    def dispatch(self, request, *args, **kwargs):
        evaluation = self.evaluation_for_permission()
        # Whoever has no right on evaluations at all gets Wagtail's own refusal.
        if (
            evaluation is not None
            and _policy().user_has_any_permission(request.user, {"add", "change"})
            and not self.may_open(evaluation)
        ):
            messages.error(request, OTHER_ORGANISATION)
            return redirect(reverse(Evaluation.snippet_viewset.get_url_name("list")))
        return super().dispatch(request, *args, **kwargs)

    def may_open(self, evaluation) -> bool:
        return _policy().user_has_permission_for_instance(self.request.user, "change", evaluation)


class NoDirectPublicationMixin:
    """The editor's "publish" would approve an evaluation without the workflow's check
    that the approver is not its author. Also says, in plain French, what saving did."""

    def get_success_message(self, instance=None):
        if self.action == "submit":
            return _("Evaluation submitted: coordination will review it before it counts.")
        if self.action in ("create", "edit"):
            return _("Evaluation saved as a draft: it does not count until it is approved.")
        return super().get_success_message(instance)

    def get_available_actions(self):
        actions = super().get_available_actions()
        if not self.request.user.is_superuser:
            actions = [action for action in actions if action != "publish"]
        return actions


class OfferChoiceForm(forms.Form):
    offer = forms.ModelChoiceField(
        label=gettext_lazy("Offer to evaluate"),
        queryset=OfferPage.objects.filter(live=True),
        widget=AdminPageChooser(target_models=[OfferPage], can_choose_root=False),
        error_messages={"invalid_choice": gettext_lazy("Only a published offer can be evaluated.")},
    )


ERROR_MESSAGE = gettext_lazy("The evaluation could not be saved: see the errors below.")


class EvaluationCreateView(NoDirectPublicationMixin, snippets.CreateView):
    error_message = ERROR_MESSAGE

    @cached_property
    def offer(self):
        raw = self.request.GET.get("offer", "")
        if not raw.isdigit():
            return None
        return OfferPage.objects.filter(pk=int(raw), live=True).first()

    def get(self, request, *args, **kwargs):
        if self.offer is None:
            return self.choose_offer_response()
        continued = self.evaluation_to_continue()
        if continued is not None:
            messages.info(
                request,
                _(
                    "%(actor)s already has an evaluation of this offer in progress: continue "
                    "it here."
                )
                % {"actor": continued.actor},
            )
            return redirect(self.get_edit_url_for(continued))
        return super().get(request, *args, **kwargs)

    def form_invalid(self, form):
        if form.has_error("actor", code="in_progress"):
            draft = self.own_draft_posted_again()
            if draft is not None:
                return Evaluation.snippet_viewset.edit_view(self.request, pk=str(draft.pk))
        return super().form_invalid(form)

    def own_draft_posted_again(self):
        """Wagtail's autosave creates the evaluation in the background while the form is
        still open at this address; a click on « Soumettre » before the page has switched
        to the new evaluation's address posts here again. When that evaluation is the
        person's own untouched draft of the same offer for the same organisation, the post
        continues it instead of being refused as a second evaluation."""
        if self.expects_json_response:
            return None
        offer, actor = self.request.POST.get("offer", ""), self.request.POST.get("actor", "")
        if not (offer.isdigit() and actor.isdigit()):
            return None
        draft = Evaluation.in_progress_for(actor_id=int(actor), offer_id=int(offer))
        if (
            draft is None
            or draft.live
            or draft.created_by_id != self.request.user.pk
            or draft.workflow_in_progress
            # Nobody else has worked on it since.
            or draft.revisions.exclude(user=self.request.user).exists()
        ):
            return None
        return draft

    def evaluation_to_continue(self):
        """When the person evaluates for one organisation only and it already has an
        unfinished evaluation of the offer, that one is the one to continue."""
        if self.request.user.has_perm("catalogue.change_evaluation"):
            return None
        actor_ids = list(self.request.user.actors.values_list("pk", flat=True)[:2])
        if len(actor_ids) != 1:
            return None
        return Evaluation.in_progress_for(actor_id=actor_ids[0], offer_id=self.offer.pk)

    def get_edit_url_for(self, evaluation):
        return reverse(self.edit_url_name, args=(quote(evaluation.pk),))

    def choose_offer_response(self):
        raw = self.request.GET.get("offer")
        form = OfferChoiceForm(self.request.GET if raw else None)
        if raw:
            form.is_valid()
        return TemplateResponse(
            self.request,
            CHOOSE_OFFER_TEMPLATE,
            {
                "view": self,
                "form": form,
                "media": form.media,
                "page_title": self.get_page_title(),
                "header_title": self.get_header_title(),
                "header_icon": self.get_header_icon(),
                "breadcrumbs_items": self.get_breadcrumbs_items(),
                "action_url": self.add_url,
            },
        )

    def get_initial_form_instance(self):
        instance = super().get_initial_form_instance() or self.model()
        if self.offer is not None:
            instance.offer = self.offer
        return instance

    def save_instance(self):
        self.form.instance.created_by = self.request.user
        return super().save_instance()


class EvaluationEditView(InstancePermissionMixin, NoDirectPublicationMixin, snippets.EditView):
    error_message = ERROR_MESSAGE

    def evaluation_for_permission(self):
        return self.object

    def may_open(self, evaluation) -> bool:
        # A reviewer whose workflow step opens the editor to them keeps that access.
        task = self.current_workflow_task
        return super().may_open(evaluation) or bool(
            task and task.user_can_access_editor(evaluation, self.request.user)
        )

    def get(self, request, *args, **kwargs):
        if self.object.superseded_by_id:
            messages.warning(
                request,
                _(
                    "A more recent evaluation by the same organisation has replaced this one: "
                    "it no longer counts. Change the more recent one instead."
                ),
                buttons=[
                    messages.button(
                        reverse(self.edit_url_name, args=(quote(self.object.superseded_by_id),)),
                        _("Open it"),
                    )
                ],
            )
        return super().get(request, *args, **kwargs)

    def is_valid(self, form):
        # A decision on the submitted version, unchanged, saves nothing: the form's rules
        # (say, a criterion added to the grid since) must not stop it.
        if self.action == "workflow-action" and not self.locked_for_user and not form.has_changed():
            return True
        return super().is_valid(form)

    def form_valid(self, form):
        if self.action != "workflow-action":
            return super().form_valid(form)
        self.form = form
        if form.has_changed():
            # Approving would publish a revision written by the reviewer.
            messages.error(
                self.request,
                _(
                    "You changed the evaluation: a decision applies to what was submitted. "
                    "Save your changes as a draft (another coordinator will then decide), or "
                    "reload the page to decide on the submitted version."
                ),
            )
            return self.render_to_response(self.get_context_data())
        decision = self.workflow_action
        self.workflow_action_action()
        if decision == "approve":
            messages.success(self.request, _("Evaluation approved: it now counts for the offer."))
        elif decision == "reject":
            messages.success(self.request, _("Sent back to the authors with your comment."))
        return redirect(self.get_success_url())


class EvaluationHistoryView(InstancePermissionMixin, snippets.HistoryView):
    pass


class EvaluationRevisionsCompareView(InstancePermissionMixin, snippets.RevisionsCompareView):
    pass


class EvaluationWorkflowHistoryView(InstancePermissionMixin, snippets.WorkflowHistoryView):
    pass


class EvaluationWorkflowHistoryDetailView(
    InstancePermissionMixin, snippets.WorkflowHistoryDetailView
):
    pass


class EvaluationUsageView(InstancePermissionMixin, snippets.UsageView):
    pass
