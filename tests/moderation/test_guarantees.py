"""What the editorial chain guarantees, each through the routes an attacker would try."""

import pytest

from django.urls import reverse

from wagtail.models import Page, Workflow

from catalogue.models import ToolPage
from home.roles import WORKFLOW_NAME
from tests.factories.catalogue import AudienceFactory, ThemeFactory, ToolPageFactory
from tests.graphql_client import graphql_data

pytestmark = pytest.mark.django_db


def _draft(catalogue, owner, slug="brouillon-alice", title="Nouvel outil"):
    # Complete, as an offer must be to go through review (themes, an audience, a price).
    page = ToolPageFactory(
        parent=catalogue,
        slug=slug,
        title=title,
        owner=owner,
        live=False,
        themes=[ThemeFactory()],
        audiences=[AudienceFactory()],
    )
    page.save_revision(user=owner)
    return page


def _submit(page, user):
    """Save a revision and submit it, or resubmit after a rejection, as the editor's
    « Soumettre » button does."""
    page.save_revision(user=user)
    current = Page.objects.get(pk=page.pk).current_workflow_state
    if current is not None and current.status == "needs_changes":
        current.resume(user=user)
        return current
    return Workflow.objects.get(name=WORKFLOW_NAME).start(page, user)


def _task_state(page):
    return Page.objects.get(pk=page.pk).current_workflow_task_state


def _act(client, page, action, comment=""):
    state = _task_state(page)
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, state.pk))
    return client.post(url, {"comment": comment})


def test_actor_cannot_publish_from_the_editor(client, catalogue, people):
    page = _draft(catalogue, people["alice"])
    client.force_login(people["alice"])
    edit = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    data = {
        "title": "Publié en douce",
        "slug": page.slug,
        "summary": "x",
        "format": "en_ligne",
        "territory": "national",
        "licence": "libre",
        "hosting_location": "ue",
        "body-count": "0",
        "action-publish": "action-publish",
    }
    client.post(edit, data)
    assert not ToolPage.objects.get(pk=page.pk).live


def test_actor_cannot_publish_with_a_bulk_action(client, catalogue, people):
    page = _draft(catalogue, people["alice"])
    client.force_login(people["alice"])
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish")) + f"?id={page.pk}"
    client.post(url, {})
    assert not ToolPage.objects.get(pk=page.pk).live


def test_author_cannot_review_own_submission(client, catalogue, people):
    page = _draft(catalogue, people["alice"])
    _submit(page, people["alice"])
    client.force_login(people["alice"])

    response = _act(client, page, "approve")

    # Wagtail answers a denied admin action with a redirect to the dashboard.
    assert response.status_code in (302, 403)
    assert response.get("Location", "/admin/") == "/admin/"
    assert _task_state(page).status == "in_progress"
    task = _task_state(page).task.specific
    assert task.get_actions(page, people["alice"]) == []
    assert not task.get_task_states_user_can_moderate(people["alice"]).exists()


def test_actor_cannot_act_on_the_coordination_step(client, catalogue, people):
    page = _draft(catalogue, people["alice"])
    _submit(page, people["alice"])
    client.force_login(people["bruno"])
    assert _act(client, page, "approve").status_code in (200, 302)
    assert _task_state(page).task.name == "Validation par la coordination"

    response = _act(client, page, "approve")

    assert response.status_code in (302, 403)
    assert _task_state(page).task.name == "Validation par la coordination"
    assert not ToolPage.objects.get(pk=page.pk).live


def test_full_chain_publishes_and_rejection_returns_to_author(
    client, catalogue, people, mailoutbox
):
    page = _draft(catalogue, people["alice"], title="Outil en relecture")
    _submit(page, people["alice"])
    assert any("bruno@example.org" in mail.to for mail in mailoutbox)

    client.force_login(people["bruno"])
    _act(client, page, "reject", comment="Précisez l'hébergement.")
    assert Page.objects.get(pk=page.pk).workflow_states.get().status == "needs_changes"
    rejection = next(mail for mail in mailoutbox if "alice@example.org" in mail.to)
    assert "a été rejet" in rejection.subject
    assert "Précisez l'hébergement." in rejection.body

    mailoutbox.clear()
    _submit(page.get_latest_revision_as_object(), people["alice"])
    client.force_login(people["bruno"])
    _act(client, page, "approve")
    client.force_login(people["coordinator"])
    _act(client, page, "approve")

    assert ToolPage.objects.get(pk=page.pk).live
    assert any("alice@example.org" in mail.to for mail in mailoutbox)


def test_page_in_moderation_serves_its_live_version_until_approved(client, catalogue, people):
    page = ToolPageFactory(
        parent=catalogue, slug="en-ligne", title="Version publiée", owner=people["alice"]
    )
    revision_page = page.get_latest_revision_as_object()
    revision_page.title = "Version relue"
    _submit(revision_page, people["alice"])

    assert "Version publiée" in client.get("/catalogue/en-ligne/").content.decode()
    query = '{ offer(slug: "en-ligne") { title } }'
    assert graphql_data(client, query)["offer"]["title"] == "Version publiée"

    client.force_login(people["bruno"])
    _act(client, page, "approve")
    client.force_login(people["coordinator"])
    _act(client, page, "approve")
    client.logout()

    assert "Version relue" in client.get("/catalogue/en-ligne/").content.decode()
    assert graphql_data(client, query)["offer"]["title"] == "Version relue"


def test_approving_a_cancelled_workflow_publishes_nothing(client, catalogue, people):
    page = _draft(catalogue, people["alice"])
    workflow_state = _submit(page, people["alice"])
    state = _task_state(page)
    workflow_state.cancel(user=people["alice"])

    client.force_login(people["bruno"])
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", state.pk))
    client.post(url, {})

    assert not ToolPage.objects.get(pk=page.pk).live
    assert ToolPage.objects.get(pk=page.pk).workflow_states.get().status == "cancelled"


@pytest.mark.parametrize("view", ["edit", "delete", "move", "unpublish"])
def test_actor_cannot_touch_another_organisations_page(client, catalogue, people, view):
    page = ToolPageFactory(parent=catalogue, slug="page-alice", owner=people["alice"])
    client.force_login(people["bruno"])

    response = client.get(reverse(f"wagtailadmin_pages:{view}", args=(page.pk,)))

    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert reverse(f"wagtailadmin_pages:{view}", args=(page.pk,)) not in response["Location"]
    post = client.post(reverse(f"wagtailadmin_pages:{view}", args=(page.pk,)), {})
    assert post.status_code in (302, 403)
    assert ToolPage.objects.filter(pk=page.pk, live=True).exists()


def test_colleagues_of_the_same_organisation_can_co_edit(client, catalogue, people):
    page = ToolPageFactory(parent=catalogue, slug="page-alice", owner=people["alice"])
    assert page.permissions_for_user(people["albert"]).can_edit()
    assert not page.permissions_for_user(people["bruno"]).can_edit()
    assert not page.permissions_for_user(people["albert"]).can_publish()
    client.force_login(people["albert"])
    assert client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).status_code == 200


def test_advisor_reads_drafts_and_comments_but_cannot_publish_delete_or_move(
    client, catalogue, people
):
    page = _draft(catalogue, people["alice"])
    advisor = people["advisor"]
    perms = page.permissions_for_user(advisor)

    assert perms.can_edit()
    assert not any(
        [
            perms.can_publish(),
            perms.can_delete(),
            perms.can_move(),
            perms.can_lock(),
            perms.can_copy(),
        ]
    )
    client.force_login(advisor)
    assert client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).status_code == 200
    client.post(reverse("wagtailadmin_pages:delete", args=(page.pk,)), {})
    assert ToolPage.objects.filter(pk=page.pk).exists()
    collection_perms = catalogue.permissions_for_user(advisor)
    assert not collection_perms.can_delete() and not collection_perms.can_publish()


def test_scheduled_publishing_after_approval(client, catalogue, people):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    page = _draft(catalogue, people["alice"], slug="programmee", title="Outil programmé")
    page.go_live_at = timezone.now() + timedelta(hours=1)
    _submit(page, people["alice"])
    client.force_login(people["bruno"])
    _act(client, page, "approve")
    client.force_login(people["coordinator"])
    _act(client, page, "approve")

    assert not ToolPage.objects.get(pk=page.pk).live
    scheduled = ToolPage.objects.get(pk=page.pk).revisions.filter(approved_go_live_at__isnull=False)
    assert scheduled.count() == 1
    # Time passes: the scheduled date is now behind us, and cron runs the command.
    past = timezone.now() - timedelta(minutes=1)
    for revision in scheduled:
        revision.approved_go_live_at = past
        revision.content["go_live_at"] = past.isoformat()
        revision.save(update_fields=["approved_go_live_at", "content"])
    call_command("publish_scheduled")

    assert ToolPage.objects.get(pk=page.pk).live
    assert client.get("/catalogue/programmee/").status_code == 200


def test_actor_cannot_publish_by_copying_a_page(client, catalogue, people):
    source = ToolPageFactory(parent=catalogue, slug="source", title="Source", owner=people["alice"])
    client.force_login(people["alice"])

    client.post(
        reverse("wagtailadmin_pages:copy", args=(source.pk,)),
        {
            "new_title": "Copie publiée en douce",
            "new_slug": "copie",
            "new_parent_page": catalogue.pk,
            "publish_copies": "on",
            "alias": "",
        },
    )

    # The copy is made, as a draft: "publish copies" is ignored for someone who cannot publish.
    assert list(ToolPage.objects.filter(slug="copie").values_list("live", flat=True)) == [False]
