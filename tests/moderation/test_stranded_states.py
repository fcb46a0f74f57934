"""Every stranded state of the moderation chain we know of leaves a non-superuser able to
act: coordination can approve, reject or cancel at either step."""

import pytest

from django.urls import reverse

from wagtail.models import Page

from catalogue.models import ToolPage
from tests.moderation.test_guarantees import _act, _draft, _submit, _task_state

pytestmark = pytest.mark.django_db

PEER_REVIEW = "Relecture par un autre acteur"
APPROVAL = "Validation par la coordination"


def _reviewer_edited(catalogue, people):
    """Bruno, reviewing, saves his own revision and approves: with re-approval on edit, the
    peer step restarts on a revision he wrote, while Alice submitted it. No actor is left."""
    page = _draft(catalogue, people["alice"], title="Outil relu et modifié")
    _submit(page, people["alice"])
    edited = page.get_latest_revision_as_object()
    edited.summary = "Résumé réécrit par le relecteur."
    edited.save_revision(user=people["bruno"])
    state = _task_state(page)
    state.task.specific.on_action(state, people["bruno"], "approve")
    assert _task_state(page).task.name == PEER_REVIEW
    assert _task_state(page).revision.user == people["bruno"]
    return page


def _nobody_but_coordination(page, people):
    task = _task_state(page).task.specific
    fresh = Page.objects.get(pk=page.pk).specific
    assert task.get_actions(fresh, people["alice"]) == []
    assert task.get_actions(fresh, people["bruno"]) == []


@pytest.mark.parametrize("action", ["approve", "reject"])
def test_coordination_acts_on_a_revision_the_reviewer_wrote(client, catalogue, people, action):
    page = _reviewer_edited(catalogue, people)
    _nobody_but_coordination(page, people)
    client.force_login(people["coordinator"])

    _act(client, page, action, comment="Vu par la coordination.")

    workflow_state = Page.objects.get(pk=page.pk).workflow_states.get()
    if action == "approve":
        assert workflow_state.status == "in_progress"
        assert _task_state(page).task.name == APPROVAL
    else:
        assert workflow_state.status == "needs_changes"


def test_coordination_is_not_locked_out_of_the_peer_step(client, catalogue, people):
    page = _reviewer_edited(catalogue, people)
    coordinator = people["coordinator"]
    fresh = ToolPage.objects.get(pk=page.pk)

    lock = fresh.get_lock()
    assert lock is None or not lock.for_user(coordinator)
    client.force_login(coordinator)
    response = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    # The editor's own lock banner, in its French wording.
    assert not [m for m in response.context["messages"] if "lock" in m.extra_tags]
    assert response.context["locked_for_user"] is False


def test_coordination_can_cancel_at_either_step(catalogue, people):
    page = _reviewer_edited(catalogue, people)
    coordinator = people["coordinator"]
    assert Page.objects.get(pk=page.pk).current_workflow_state.user_can_cancel(coordinator)

    state = _task_state(page)
    state.task.specific.on_action(state, coordinator, "approve")
    assert _task_state(page).task.name == APPROVAL
    workflow_state = Page.objects.get(pk=page.pk).current_workflow_state
    assert workflow_state.user_can_cancel(coordinator)
    workflow_state.cancel(user=coordinator)
    assert Page.objects.get(pk=page.pk).workflow_states.get().status == "cancelled"


def test_coordination_sees_the_stranded_task_in_its_queue(catalogue, people):
    page = _reviewer_edited(catalogue, people)
    task = _task_state(page).task.specific

    assert (
        task.get_task_states_user_can_moderate(people["coordinator"])
        .filter(pk=_task_state(page).pk)
        .exists()
    )
    assert not task.get_task_states_user_can_moderate(people["bruno"]).exists()
