"""Wagtail 8's autosave, a stray one: the editor's form, posted again by its autosave
controller (same fields, `Accept: application/json`) a second after the coordinator published
or approved the page, must not leave a draft over the page in the coordinator's name."""

import json

import pytest

from django.urls import reverse

from wagtail.models import Page

from catalogue.models import ToolPage
from tests.moderation.test_editor_decisions import _editor_form
from tests.moderation.test_guarantees import _act, _draft, _submit, _task_state

pytestmark = pytest.mark.django_db

# What the autosave controller adds to the form it posts (wagtail/admin/static_src's
# AutosaveController: `fetch(form.action, {headers: {Accept: "application/json", …}})`).
AUTOSAVE = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def awaiting_coordination(catalogue, people):
    page = _draft(catalogue, people["alice"], slug="a-valider", title="Outil à valider")
    _submit(page, people["alice"])
    _act_as(people["bruno"], page, "approve")
    assert _task_state(page).task.name == "Validation par la coordination"
    return page


def _act_as(user, page, action):
    state = _task_state(page)
    state.task.specific.on_action(state, user, action)


def _autosave(client, page, form):
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    return client.post(url, {**form, "summary": "Tapé pendant la validation."}, **AUTOSAVE)


def _approve_from_the_editor(client, page, form):
    extra = {"action-workflow-action": "true", "workflow-action-name": "approve"}
    client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), {**form, **extra})


def _publish_from_the_editor(client, page, form):
    client.post(
        reverse("wagtailadmin_pages:edit", args=(page.pk,)), {**form, "action-publish": "1"}
    )


def _approve_from_the_dialog(client, page, form):
    # The dashboard's « Approuver » dialog, while the editor stays open in another tab.
    _act(client, page, "approve")


def _publish_in_bulk(client, page, form):
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    client.post(f"{url}?id={page.pk}", {})


@pytest.mark.parametrize(
    "decide",
    [
        _approve_from_the_editor,
        _publish_from_the_editor,
        _approve_from_the_dialog,
        _publish_in_bulk,
    ],
    ids=["approve-in-editor", "publish-in-editor", "approve-in-dialog", "publish-in-bulk"],
)
def test_a_stray_autosave_after_publishing_saves_no_draft(
    client, awaiting_coordination, people, decide
):
    page = awaiting_coordination
    client.force_login(people["coordinator"])
    form = _editor_form(client, page)
    decide(client, page, form)
    published = ToolPage.objects.get(pk=page.pk)
    assert published.live and not published.has_unpublished_changes
    revisions = page.revisions.count()

    response = _autosave(client, page, form)

    assert response.status_code == 400
    assert json.loads(response.content)["success"] is False
    after = ToolPage.objects.get(pk=page.pk)
    assert not after.has_unpublished_changes
    assert page.revisions.count() == revisions
    assert after.latest_revision_id == after.live_revision_id
    assert after.summary != "Tapé pendant la validation."


def test_an_editor_opened_after_publishing_autosaves_again(client, awaiting_coordination, people):
    page = awaiting_coordination
    client.force_login(people["coordinator"])
    _approve_from_the_editor(client, page, _editor_form(client, page))

    response = _autosave(client, page, _editor_form(client, page))

    assert response.status_code == 200, response.content
    after = Page.objects.get(pk=page.pk)
    assert after.has_unpublished_changes
    assert after.get_latest_revision().user == people["coordinator"]
