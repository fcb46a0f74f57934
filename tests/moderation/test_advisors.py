"""Advisors comment, and change nothing: a comment from the editor is kept without a revision
or a workflow change, and every other route is refused (bulk actions, workflow decisions,
and the API, which has no mutation)."""

import pytest

from django.urls import reverse

from wagtail.models import Comment, Page

from catalogue.models import CatalogueIndexPage, ToolPage
from tests.factories.catalogue import ToolPageFactory
from tests.graphql_client import graphql_data
from tests.moderation.test_editor_decisions import _editor_form
from tests.moderation.test_guarantees import _act, _draft, _submit, _task_state

pytestmark = pytest.mark.django_db

PEER_REVIEW = "Relecture par un autre acteur"
APPROVAL = "Validation par la coordination"


def _new_comment(text: str) -> dict:
    """A new comment on the title, as the editor's comments side panel posts it."""
    return {
        "comments-TOTAL_FORMS": "1",
        "comments-0-id": "",
        "comments-0-DELETE": "",
        "comments-0-resolved": "",
        "comments-0-contentpath": "title",
        "comments-0-text": text,
        "comments-0-position": "",
        "comments-0-replies-TOTAL_FORMS": "0",
        "comments-0-replies-INITIAL_FORMS": "0",
        "comments-0-replies-MIN_NUM_FORMS": "0",
        "comments-0-replies-MAX_NUM_FORMS": "1000",
    }


def _workflow_snapshot(page):
    page = Page.objects.get(pk=page.pk)
    state = page.current_workflow_task_state
    return page.current_workflow_state, state, state.status if state else None


def test_advisor_comment_is_saved_without_a_revision(client, catalogue, people):
    page = _draft(catalogue, people["alice"])
    _submit(page, people["alice"])
    revisions = page.revisions.count()
    workflow = _workflow_snapshot(page)
    client.force_login(people["advisor"])

    form = _editor_form(client, page)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=(page.pk,)),
        {**form, **_new_comment("Préciser le public visé.")},
    )

    assert response.status_code == 302
    comment = Comment.objects.get(page=page)
    assert (comment.user, comment.text) == (people["advisor"], "Préciser le public visé.")
    assert page.revisions.count() == revisions
    assert _workflow_snapshot(page) == workflow
    assert _task_state(page).task.name == PEER_REVIEW


@pytest.fixture
def pages(catalogue, people):
    """A draft, a live page, and a second catalogue section to move them into."""
    draft = _draft(catalogue, people["alice"], slug="brouillon", title="Brouillon")
    live = ToolPageFactory(parent=catalogue, slug="en-ligne", owner=people["alice"])
    section = catalogue.add_child(instance=CatalogueIndexPage(title="Rubrique", slug="rubrique"))
    return {"draft": draft, "live": live, "section": section}


def _state(pages):
    return {
        "draft": ToolPage.objects.filter(pk=pages["draft"].pk).values_list("live").first(),
        "live": ToolPage.objects.filter(pk=pages["live"].pk).values_list("live", "path").first(),
    }


def _bulk(client, action, page, data=None):
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", action))
    return client.post(f"{url}?id={page.pk}", data or {})


BULK = [
    ("publish", "draft", lambda pages: {}),
    ("unpublish", "live", lambda pages: {}),
    ("delete", "live", lambda pages: {}),
    ("move", "live", lambda pages: {"chooser": pages["section"].pk}),
]


@pytest.mark.parametrize(("action", "target", "data"), BULK, ids=[b[0] for b in BULK])
def test_advisor_bulk_actions_are_refused(client, pages, people, action, target, data):
    before = _state(pages)
    client.force_login(people["advisor"])

    _bulk(client, action, pages[target], data(pages))

    assert _state(pages) == before


@pytest.mark.parametrize(("action", "target", "data"), BULK, ids=[b[0] for b in BULK])
def test_the_same_bulk_actions_work_for_the_coordination(
    client, pages, people, action, target, data
):
    """The requests above are the admin's own: the coordination's go through."""
    before = _state(pages)
    client.force_login(people["coordinator"])

    _bulk(client, action, pages[target], data(pages))

    assert _state(pages) != before


@pytest.mark.parametrize("step", [PEER_REVIEW, APPROVAL])
@pytest.mark.parametrize("action", ["approve", "reject"])
def test_advisor_workflow_decisions_are_refused(client, catalogue, people, step, action):
    page = _draft(catalogue, people["alice"])
    _submit(page, people["alice"])
    if step == APPROVAL:
        client.force_login(people["bruno"])
        _act(client, page, "approve")
    workflow = _workflow_snapshot(page)
    assert workflow[1].task.name == step
    client.force_login(people["advisor"])

    _act(client, page, action, comment="Décision d'un conseiller.")

    assert _workflow_snapshot(page) == workflow
    assert not ToolPage.objects.get(pk=page.pk).live


def test_the_api_offers_no_mutation_that_changes_content(client):
    # Its one mutation stores an anonymous diagnostic result: no page, snippet or offer.
    schema = graphql_data(client, "{ __schema { mutationType { fields { name } } } }")["__schema"]
    assert [field["name"] for field in schema["mutationType"]["fields"]] == ["runDiagnostic"]
