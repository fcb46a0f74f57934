"""Who may do what with an evaluation, each through the admin's own URLs and POSTs, and
what approval, supersession and withdrawal leave behind."""

import pytest

from django.urls import reverse

from catalogue.models import Evaluation
from catalogue.services import criteria_load_seed
from home.roles import COORDINATION, EVALUATION_WORKFLOW_NAME
from tests.factories.catalogue import ToolPageFactory
from tests.factories.evaluations import evaluation_for
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db

NS = "wagtailsnippets_catalogue_evaluation"


@pytest.fixture
def setup(people, catalogue):
    criteria_load_seed()
    return {
        **people,
        "tool": ToolPageFactory(parent=catalogue, slug="agenda", title="Agenda libre"),
        "org_b": people["bruno"].actors.get(),
        "coordinator_2": UserFactory(username="cyril", group=COORDINATION),
    }


def _url(name, *args):
    return reverse(f"{NS}:{name}", args=args)


def _form(evaluation, action=None, **overrides):
    """What the editor posts for this evaluation, answered as it stands."""
    latest = Evaluation.objects.get(pk=evaluation.pk).get_latest_revision_as_object()
    data = {"summary": latest.summary}
    for answer in latest.answers.all():
        prefix = f"grid-{answer.criterion.slug}"
        data[f"{prefix}-answer"] = answer.answer
        data[f"{prefix}-comment"] = answer.comment
        data[f"{prefix}-source"] = answer.source
    data.update(overrides)
    if action:
        data[action] = action
    return data


def _submit(client, evaluation, user):
    client.force_login(user)
    return client.post(_url("edit", evaluation.pk), _form(evaluation, "action-submit"))


def _act(client, evaluation, user, action, comment=""):
    client.force_login(user)
    state = Evaluation.objects.get(pk=evaluation.pk).current_workflow_task_state
    return client.post(
        _url("workflow_action", evaluation.pk, action, state.pk), {"comment": comment}
    )


def _fresh(evaluation):
    return Evaluation.objects.get(pk=evaluation.pk)


def test_setup_roles_assigns_the_one_step_workflow(setup):
    workflow = Evaluation.get_default_workflow()
    assert workflow is not None and workflow.name == EVALUATION_WORKFLOW_NAME
    tasks = [task.specific for task in workflow.tasks.all()]
    assert len(tasks) == 1
    assert [group.name for group in tasks[0].groups.all()] == [COORDINATION]


# Rights ----------------------------------------------------------------------------------


def test_an_actor_lists_only_their_organisations_evaluations(client, setup):
    evaluation_for(setup["tool"], setup["org_a"], user=setup["alice"])
    evaluation_for(setup["tool"], setup["org_b"], user=setup["bruno"])
    client.force_login(setup["albert"])

    html = client.get(_url("list")).content.decode()

    assert html.count('_title">Agenda libre</span>') == 1
    assert "Organisation A" in html and "Organisation B" not in html
    # The coordination's list holds both.
    client.force_login(setup["coordinator"])
    html = client.get(_url("list")).content.decode()
    assert html.count('_title">Agenda libre</span>') == 2


def test_an_organisation_member_edits_a_colleagues_evaluation(client, setup):
    evaluation = evaluation_for(setup["tool"], setup["org_a"], user=setup["alice"])
    client.force_login(setup["albert"])

    response = client.post(_url("edit", evaluation.pk), _form(evaluation, summary="Complété."))

    assert response.status_code == 302
    assert _fresh(evaluation).get_latest_revision_as_object().summary == "Complété."


@pytest.mark.parametrize(
    "view", ["edit", "history", "workflow_history", "revisions_compare", "usage"]
)
def test_another_organisations_evaluation_is_closed_to_an_actor(client, setup, view):
    evaluation = evaluation_for(setup["tool"], setup["org_a"], user=setup["alice"])
    client.force_login(setup["bruno"])
    args = [evaluation.pk]
    if view == "revisions_compare":
        args += ["earliest", evaluation.latest_revision_id]

    response = client.get(_url(view, *args), follow=True)

    html = response.content.decode()
    assert response.redirect_chain[0][1] == 302
    assert "celle d&#x27;une autre organisation" in html or "celle d'une autre organisation" in html


def test_a_direct_post_to_another_organisations_evaluation_changes_nothing(client, setup):
    evaluation = evaluation_for(setup["tool"], setup["org_a"], user=setup["alice"])
    revisions = evaluation.revisions.count()
    client.force_login(setup["bruno"])

    response = client.post(
        _url("edit", evaluation.pk), _form(evaluation, "action-submit", summary="Piraté.")
    )

    assert response.status_code == 302
    evaluation = _fresh(evaluation)
    assert evaluation.revisions.count() == revisions
    assert evaluation.get_latest_revision_as_object().summary == ""
    assert not evaluation.workflow_in_progress


def test_advisors_have_no_evaluation_to_see(client, setup):
    evaluation_for(setup["tool"], setup["org_a"], user=setup["alice"])
    client.force_login(setup["advisor"])

    response = client.get(_url("list"))

    assert response.status_code in (302, 403)
    assert "Organisation A" not in response.content.decode()


def test_an_actor_cannot_publish_from_the_editor(client, setup):
    evaluation = evaluation_for(setup["tool"], setup["org_a"], user=setup["alice"])
    client.force_login(setup["alice"])

    html = client.get(_url("edit", evaluation.pk)).content.decode()
    client.post(_url("edit", evaluation.pk), _form(evaluation, "action-publish"))

    assert 'name="action-publish"' not in html
    assert not _fresh(evaluation).live


def test_a_coordinator_cannot_publish_from_the_editor_either(client, setup):
    evaluation = evaluation_for(setup["tool"], setup["org_a"], user=setup["alice"])
    client.force_login(setup["coordinator"])

    html = client.get(_url("edit", evaluation.pk)).content.decode()
    client.post(_url("edit", evaluation.pk), _form(evaluation, "action-publish"))

    assert 'name="action-publish"' not in html
    assert not _fresh(evaluation).live


# The workflow ----------------------------------------------------------------------------


def test_an_actor_submits_and_a_coordinator_approves(client, setup, mailoutbox):
    evaluation = evaluation_for(setup["tool"], setup["org_a"], user=setup["alice"])

    response = _submit(client, evaluation, setup["alice"])

    assert response.status_code == 302
    assert _fresh(evaluation).workflow_in_progress
    assert any("coralie@example.org" in mail.to for mail in mailoutbox)

    response = _act(client, evaluation, setup["coordinator"], "approve")

    assert response.status_code in (200, 302)
    evaluation = _fresh(evaluation)
    assert evaluation.live and evaluation.is_current
    assert not evaluation.workflow_in_progress


def test_actors_never_approve(client, setup):
    evaluation = evaluation_for(setup["tool"], setup["org_a"], user=setup["alice"])
    _submit(client, evaluation, setup["alice"])

    for user in (setup["alice"], setup["albert"], setup["bruno"]):
        response = _act(client, evaluation, user, "approve")
        assert response.status_code in (302, 403)

    evaluation = _fresh(evaluation)
    assert not evaluation.live and evaluation.workflow_in_progress
    task = evaluation.current_workflow_task.specific
    assert task.get_actions(evaluation, setup["albert"]) == []


def test_a_coordinator_never_approves_their_own_evaluation(client, setup):
    evaluation = evaluation_for(setup["tool"], setup["org_a"], user=setup["coordinator"])
    _submit(client, evaluation, setup["coordinator"])

    response = _act(client, evaluation, setup["coordinator"], "approve")

    assert response.status_code in (302, 403)
    assert not _fresh(evaluation).live
    task = _fresh(evaluation).current_workflow_task.specific
    assert not task.get_task_states_user_can_moderate(setup["coordinator"]).exists()
    assert task.get_task_states_user_can_moderate(setup["coordinator_2"]).exists()

    _act(client, evaluation, setup["coordinator_2"], "approve")
    assert _fresh(evaluation).live


def test_a_coordinator_who_edits_under_review_leaves_the_approval_to_another(client, setup):
    evaluation = evaluation_for(setup["tool"], setup["org_a"], user=setup["alice"])
    _submit(client, evaluation, setup["alice"])
    client.force_login(setup["coordinator"])
    edit = _url("edit", evaluation.pk)

    # Approving from the editor with changes is refused, and saves nothing…
    response = client.post(
        edit,
        _form(
            evaluation,
            "action-workflow-action",
            **{"workflow-action-name": "approve", "summary": "Corrigé par la coordination."},
        ),
    )
    assert response.status_code == 200
    assert "Vous avez modifié l&#x27;évaluation" in response.content.decode()
    assert not _fresh(evaluation).live

    # …saving them makes the coordinator an author of what approval would publish…
    client.post(edit, _form(evaluation, summary="Corrigé par la coordination."))
    assert _act(client, evaluation, setup["coordinator"], "approve").status_code in (302, 403)
    assert not _fresh(evaluation).live
    # …so another one approves: the submitted version, which restarts the step on the
    # edited one (WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT), then the edited one.
    _act(client, evaluation, setup["coordinator_2"], "approve")
    assert not _fresh(evaluation).live
    assert _act(client, evaluation, setup["coordinator"], "approve").status_code in (302, 403)
    _act(client, evaluation, setup["coordinator_2"], "approve")
    evaluation = _fresh(evaluation)
    assert evaluation.live and evaluation.summary == "Corrigé par la coordination."


def test_approving_from_the_editor_decides_on_the_submitted_version(client, setup):
    evaluation = evaluation_for(setup["tool"], setup["org_a"], user=setup["alice"])
    _submit(client, evaluation, setup["alice"])
    revisions = _fresh(evaluation).revisions.count()
    client.force_login(setup["coordinator"])

    response = client.post(
        _url("edit", evaluation.pk),
        _form(evaluation, "action-workflow-action", **{"workflow-action-name": "approve"}),
        follow=True,
    )

    evaluation = _fresh(evaluation)
    assert evaluation.live and evaluation.revisions.count() == revisions
    assert evaluation.live_revision.user == setup["alice"]
    assert "Évaluation validée" in response.content.decode()


def test_a_rejected_evaluation_goes_back_to_its_authors(client, setup, mailoutbox):
    evaluation = evaluation_for(setup["tool"], setup["org_a"], user=setup["alice"])
    _submit(client, evaluation, setup["alice"])
    mailoutbox.clear()

    _act(client, evaluation, setup["coordinator"], "reject", comment="Sources manquantes.")

    evaluation = _fresh(evaluation)
    assert not evaluation.live
    assert evaluation.current_workflow_state.status == "needs_changes"
    assert any("alice@example.org" in mail.to for mail in mailoutbox)
    # The author may edit it again and resubmit.
    assert _submit(client, evaluation, setup["alice"]).status_code == 302
    assert _fresh(evaluation).current_workflow_state.status == "in_progress"


# Supersession and withdrawal -------------------------------------------------------------


def _approved(client, setup, actor, user, answers=None):
    evaluation = evaluation_for(setup["tool"], actor, user=user, answers=answers)
    _submit(client, evaluation, user)
    _act(client, evaluation, setup["coordinator"], "approve")
    return _fresh(evaluation)


def test_a_new_approved_evaluation_supersedes_the_old_whose_history_stays(client, setup):
    first = _approved(client, setup, setup["org_a"], setup["alice"], {"hebergement-ue": "non"})
    other = _approved(client, setup, setup["org_b"], setup["bruno"])
    # A new draft beside the approved one changes nothing yet.
    second = evaluation_for(setup["tool"], setup["org_a"], user=setup["albert"])
    assert _fresh(first).is_current and not _fresh(second).live

    _submit(client, second, setup["albert"])
    _act(client, second, setup["coordinator"], "approve")

    first, second, other = _fresh(first), _fresh(second), _fresh(other)
    assert second.is_current and not first.is_current
    assert first.superseded_by == second and first.superseded_at is not None
    # Still there, approved, with its answers and its revisions: the history.
    assert first.live
    assert first.answers.get(criterion__slug="hebergement-ue").answer == "non"
    assert first.revisions.exists()
    # Another organisation's evaluation is untouched.
    assert other.is_current
    assert set(Evaluation.objects.filter(offer=setup["tool"]).values_list("pk", flat=True)) == {
        first.pk,
        second.pk,
        other.pk,
    }
    assert {e.pk for e in Evaluation.objects.all() if e.is_current} == {second.pk, other.pk}


def test_the_superseded_evaluations_editor_points_to_the_current_one(client, setup):
    first = _approved(client, setup, setup["org_a"], setup["alice"])
    second = _approved(client, setup, setup["org_a"], setup["albert"])
    client.force_login(setup["alice"])

    html = client.get(_url("edit", first.pk)).content.decode()

    assert "Une évaluation plus récente de la même organisation a remplacé celle-ci" in html
    assert _url("edit", second.pk) in html


def test_a_coordinator_withdraws_an_approved_evaluation(client, setup):
    evaluation = _approved(client, setup, setup["org_a"], setup["alice"])
    client.force_login(setup["alice"])
    client.post(_url("unpublish", evaluation.pk))
    assert _fresh(evaluation).live

    client.force_login(setup["coordinator"])
    response = client.post(_url("unpublish", evaluation.pk))

    assert response.status_code == 302
    evaluation = _fresh(evaluation)
    assert not evaluation.live and not evaluation.is_current


def test_the_dashboard_lists_the_evaluations_to_review(client, setup):
    evaluation = evaluation_for(setup["tool"], setup["org_a"], user=setup["alice"])
    _submit(client, evaluation, setup["alice"])
    client.force_login(setup["coordinator"])

    response = client.get(reverse("wagtailadmin_home"))

    assert response.status_code == 200
    assert _url("edit", evaluation.pk) in response.content.decode()


def test_revisions_compare_answer_by_answer(client, setup):
    evaluation = evaluation_for(setup["tool"], setup["org_a"], user=setup["alice"])
    first = evaluation.latest_revision_id
    client.force_login(setup["albert"])
    client.post(
        _url("edit", evaluation.pk),
        _form(evaluation, **{"grid-hebergement-ue-answer": "non", "summary": "Revu."}),
    )
    latest = _fresh(evaluation).latest_revision_id

    response = client.get(_url("revisions_compare", evaluation.pk, first, latest))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Réponses" in html and "Revu." in html
    assert "Non" in html and "Données hébergées en France" in html


def test_a_decision_from_the_editor_is_not_stopped_by_a_grid_changed_since(client, setup):
    from catalogue.models import EvaluationCriterion

    evaluation = evaluation_for(setup["tool"], setup["org_a"], user=setup["alice"])
    _submit(client, evaluation, setup["alice"])
    EvaluationCriterion.objects.create(
        group=EvaluationCriterion.objects.get(slug="bas-debit").group,
        name="Fonctionne hors ligne",
        slug="hors-ligne",
    )
    client.force_login(setup["coordinator"])

    response = client.post(
        _url("edit", evaluation.pk),
        _form(
            evaluation,
            "action-workflow-action",
            **{
                "workflow-action-name": "reject",
                "workflow-action-extra-data": '{"comment": "Répondez au nouveau critère."}',
            },
        ),
    )

    assert response.status_code == 302
    assert _fresh(evaluation).current_workflow_state.status == "needs_changes"
