"""The moderated pages' editor (`catalogue.editing`), through the admin's own POSTs: a
decision saves no revision unless the content really changed, and says what it did."""

import re
from html import unescape

import pytest

from django.urls import reverse

from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from tests.factories.catalogue import AudienceFactory, ThemeFactory, ToolPageFactory
from tests.moderation.test_guarantees import _act, _submit, _task_state

pytestmark = pytest.mark.django_db

# Stored as an import would store it, not as Draftail writes it.
IMPORTED = "<p>Un outil <strong>libre</strong> pour le bureau.</p>"
# The editor's hidden inputs that tell Wagtail which revision the form was built on.
LOADED_REVISION = re.compile(
    r'name="(loaded_revision_id|loaded_revision_created_at)" value="([^"]*)"'
)


def _editor_form(client, page):
    """The edit form as the browser would post it, once opened by the logged-in user, the
    rich text going through the editor, and the revision the editor loaded."""
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    response = client.get(url)
    form = response.context["form"]
    data = dict(LOADED_REVISION.findall(response.content.decode()))
    multiple = {}
    for name in form.fields:
        if name == "body":
            continue
        value = form[name].value()
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif hasattr(value, "__iter__") and not isinstance(value, str):  # lists, querysets
            # Posted as repeated keys; `nested_form_data` would number them.
            multiple[name] = [str(getattr(item, "pk", item)) for item in value]
        elif value is not None:
            data[name] = str(value)
    for prefix, formset in form.formsets.items():
        for key, value in formset.management_form.initial.items():
            data[f"{prefix}-{key}"] = str(value)
    data = nested_form_data(data)
    body = [(child.block_type, rich_text(child.value.source)) for child in page.body]
    data.update(nested_form_data({"body": streamfield(body)}))
    data.update(multiple)
    return data


def _editor_post(client, page, **extra):
    """The edit form, opened then posted with one of the footer's buttons (`extra`)."""
    data = {**_editor_form(client, page), **extra}
    return client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data, follow=True)


@pytest.fixture
def submitted(catalogue, people):
    # Complete, as a submission must be (themes, an audience, a pricing model).
    page = ToolPageFactory(
        parent=catalogue,
        slug="importe",
        title="Outil importé",
        owner=people["alice"],
        live=False,
        themes=[ThemeFactory()],
        audiences=[AudienceFactory()],
    )
    page.body = [("paragraph", RichText(IMPORTED))]
    page.save()
    _submit(page, people["alice"])
    return page


def test_approving_from_the_editor_saves_no_revision(client, submitted, people):
    revisions = submitted.revisions.count()
    client.force_login(people["bruno"])

    response = _editor_post(
        client,
        submitted,
        **{"action-workflow-action": "true", "workflow-action-name": "approve"},
    )

    assert submitted.revisions.count() == revisions
    assert not submitted.revisions.filter(user=people["bruno"]).exists()
    assert _task_state(submitted).task.name == "Validation par la coordination"
    assert "Relecture validée, transmise à la coordination" in unescape(response.content.decode())


def test_a_real_edit_is_still_saved_in_the_reviewer_name(client, submitted, people):
    client.force_login(people["bruno"])

    _editor_post(
        client,
        submitted,
        summary="Résumé corrigé par le relecteur.",
        **{"action-workflow-action": "true", "workflow-action-name": "approve"},
    )

    assert submitted.revisions.filter(user=people["bruno"]).exists()


@pytest.mark.parametrize(
    ("who", "action", "message"),
    [
        ("bruno", "approve", "Relecture validée, transmise à la coordination"),
        ("bruno", "reject", "Renvoyée à l'auteur avec votre commentaire"),
        ("coordinator", "approve", "Publiée"),
    ],
)
def test_each_decision_says_what_it_did(client, submitted, people, who, action, message):
    if who == "coordinator":
        client.force_login(people["bruno"])
        _act(client, submitted, "approve")
    client.force_login(people[who])
    state = _task_state(submitted)
    url = reverse("wagtailadmin_pages:workflow_action", args=(submitted.pk, action, state.pk))

    response = client.post(url, {"comment": "Merci."}, follow=True)

    assert message in unescape(response.content.decode())


def test_the_coordinator_sees_the_peer_decision_and_comment(client, submitted, people):
    client.force_login(people["bruno"])
    _act(client, submitted, "approve", comment="Vérifié : hébergement en France.")
    client.force_login(people["coordinator"])

    html = client.get(reverse("wagtailadmin_pages:edit", args=(submitted.pk,))).content.decode()

    assert "Vérifié : hébergement en France." in html
    assert "Relecture par un autre acteur" in html


@pytest.mark.parametrize("action", [{}, {"action-submit": "true"}, {"action-publish": "true"}])
def test_advisor_saves_nothing_through_the_editor(client, catalogue, people, action):
    page = ToolPageFactory(
        parent=catalogue, slug="brouillon", title="Brouillon", owner=people["alice"], live=False
    )
    page.save_revision(user=people["alice"])
    revisions = page.revisions.count()
    client.force_login(people["advisor"])

    response = _editor_post(client, page, summary="Réécrit par le conseiller.", **action)

    assert page.revisions.count() == revisions
    page.refresh_from_db()
    assert page.summary != "Réécrit par le conseiller."
    assert not page.workflow_states.exists()
    assert "ne les modifient pas" in unescape(response.content.decode())
