import pytest

from django.db.models import Count, F, Q
from django.utils import timezone

from wagtail.models import WorkflowState

from catalogue.models import Evaluation, OfferPage, ToolPage
from home.demo.loader import load_demo

pytestmark = pytest.mark.django_db


def test_demo_evaluations(django_capture_on_commit_callbacks):
    """One test: loading the demo takes a long while."""
    with django_capture_on_commit_callbacks(execute=True):
        load_demo(log=lambda *_: None)
    _most_tools_rest_on_three_organisations_with_varied_answers()
    _a_superseded_a_draft_and_a_submitted_evaluation()
    _past_qualification_dates_some_due_for_review()
    _loading_again_adds_no_evaluation()


def _most_tools_rest_on_three_organisations_with_varied_answers():
    tools = ToolPage.objects.visible().annotate(
        organisations=Count(
            "evaluations__actor",
            distinct=True,
            filter=Q(evaluations__live=True, evaluations__superseded_by__isnull=True),
        )
    )
    evaluated = [tool for tool in tools if tool.organisations >= 3]
    assert len(evaluated) >= 0.75 * tools.count()
    answers = set(Evaluation.objects.filter(live=True).values_list("answers__answer", flat=True))
    assert answers == {"oui", "partiel", "non", "na"}
    # No organisation evaluates its own offer.
    assert not Evaluation.objects.filter(actor=F("offer__provider")).exists()


def _a_superseded_a_draft_and_a_submitted_evaluation():
    superseded = Evaluation.objects.get(superseded_by__isnull=False)
    assert superseded.live and superseded.superseded_by.live
    assert superseded.superseded_by.actor_id == superseded.actor_id
    not_approved = Evaluation.objects.filter(live=False)
    assert not_approved.count() == 2
    submitted = WorkflowState.objects.get(base_content_type__model="evaluation")
    assert submitted.status == WorkflowState.STATUS_IN_PROGRESS
    assert int(submitted.object_id) in set(not_approved.values_list("pk", flat=True))


def _past_qualification_dates_some_due_for_review():
    today = timezone.localdate()
    evaluated = OfferPage.objects.filter(evaluations__live=True).distinct()
    assert evaluated.exists()
    assert all(offer.last_qualified_on < today for offer in evaluated)
    assert evaluated.filter(review_by__lt=today).exists()
    assert evaluated.filter(review_by__gte=today).exists()


def _loading_again_adds_no_evaluation():
    count = Evaluation.objects.count()
    assert "evaluations" not in load_demo(log=lambda *_: None)
    assert Evaluation.objects.count() == count
