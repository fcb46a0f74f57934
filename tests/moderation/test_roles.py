import pytest

from django.contrib.auth.models import Group

from wagtail.models import GroupPagePermission, Workflow, WorkflowPage

from catalogue.models import PeerReviewTask
from home.roles import ACTORS, COORDINATION, WORKFLOW_NAME, roles_setup

pytestmark = pytest.mark.django_db


def _snapshot():
    return (
        sorted(Group.objects.values_list("name", flat=True)),
        GroupPagePermission.objects.count(),
        sorted(WorkflowPage.objects.values_list("page_id", "workflow__name")),
        PeerReviewTask.objects.count(),
    )


def test_setup_roles_is_idempotent(catalogue, training_index):
    roles_setup()
    first = _snapshot()
    roles_setup()
    assert _snapshot() == first
    assert first[0] == ["Acteurs du numérique", "Conseillers", "Coordination"]


def test_workflow_covers_catalogue_and_training_with_two_steps(catalogue, training_index):
    roles_setup()
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    tasks = [task.specific for task in workflow.tasks]
    assert isinstance(tasks[0], PeerReviewTask)
    assert [g.name for g in tasks[0].groups.all()] == [ACTORS]
    assert [g.name for g in tasks[1].groups.all()] == [COORDINATION]
    assert catalogue.get_workflow() == workflow
    assert training_index.get_workflow() == workflow


def test_actors_may_add_but_never_publish(catalogue, training_index):
    roles_setup()
    actors = Group.objects.get(name=ACTORS)
    codenames = set(
        GroupPagePermission.objects.filter(group=actors).values_list(
            "permission__codename", flat=True
        )
    )
    assert codenames == {"add_page"}
