"""The evaluation grid and evaluations in each state of their life.

`EvaluationFactory(offer=…, answers={criterion: "oui", …})` approves the evaluation the
way coordination's approval does (a revision, then publish), with the commit callbacks
run, so that the scorecard is recomputed as it is in production after the transaction.
`state` gives the other states: "draft" (never submitted), "moderation" (submitted to a
one-step workflow, not approved), "withdrawn" (approved, then unpublished). An answer is
an answer code, or a tuple (code, comment, source)."""

from datetime import datetime

import factory
from factory.django import DjangoModelFactory

from django.test import TestCase
from django.utils import timezone

from wagtail.models import GroupApprovalTask, Workflow, WorkflowTask

from catalogue.choices import AnswerValue
from catalogue.models import CriterionGroup, Evaluation, EvaluationAnswer, EvaluationCriterion
from catalogue.services import scorecard_refresh

from .catalogue import ActorFactory

APPROVED, DRAFT, MODERATION, WITHDRAWN = "approved", "draft", "moderation", "withdrawn"


class CriterionGroupFactory(DjangoModelFactory):
    class Meta:
        model = CriterionGroup
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Groupe {n}")
    slug = factory.Sequence(lambda n: f"groupe-{n}")
    sort_order = factory.Sequence(int)


class EvaluationCriterionFactory(DjangoModelFactory):
    class Meta:
        model = EvaluationCriterion
        django_get_or_create = ("slug",)

    group = factory.SubFactory(CriterionGroupFactory)
    name = factory.Sequence(lambda n: f"Critère {n}")
    slug = factory.Sequence(lambda n: f"critere-{n}")
    applies_to = factory.LazyFunction(list)
    sort_order = factory.Sequence(int)


def run_on_commit(function, *args, **kwargs):
    """`function(*args, **kwargs)`, then what it left for the transaction's commit (the
    scorecard's refresh, the content generation's bump), as if its transaction ended."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return function(*args, **kwargs)


def approve(evaluation: Evaluation, *, at: datetime | None = None) -> Evaluation:
    """Publish the latest revision (saving one if there is none), as an approval does;
    `at` backdates the approval, then the scorecard is recomputed with it."""
    revision = evaluation.latest_revision or evaluation.save_revision()
    run_on_commit(revision.publish)
    evaluation.refresh_from_db()
    if at is not None:
        Evaluation.objects.filter(pk=evaluation.pk).update(last_published_at=at)
        evaluation.refresh_from_db()
        scorecard_refresh(offer_ids=[evaluation.offer_id])
    return evaluation


def withdraw(evaluation: Evaluation) -> Evaluation:
    run_on_commit(evaluation.unpublish)
    evaluation.refresh_from_db()
    return evaluation


def supersede(old: Evaluation, new: Evaluation) -> None:
    """Record that `new` replaces `old`, as the editing side does on approval."""
    Evaluation.objects.filter(pk=old.pk).update(superseded_by=new, superseded_at=new.approved_at)
    old.refresh_from_db()


def submit_for_moderation(evaluation: Evaluation, user=None) -> Evaluation:
    """Submit to a one-step group approval workflow, left in progress."""
    workflow, _ = Workflow.objects.get_or_create(name="Validation de test")
    if not workflow.workflow_tasks.exists():
        task = GroupApprovalTask.objects.create(name="Coordination (test)")
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    evaluation.save_revision(user=user)
    workflow.start(evaluation, user)
    evaluation.refresh_from_db()
    return evaluation


class EvaluationFactory(DjangoModelFactory):
    class Meta:
        model = Evaluation
        skip_postgeneration_save = True

    actor = factory.SubFactory(ActorFactory)
    summary = factory.Sequence(lambda n: f"Synthèse de l'évaluation {n}.")
    # Approval happens in `state`: created unpublished, like a new snippet with drafts.
    live = False

    @factory.post_generation
    def answers(obj, create, extracted, **kwargs):
        if not create or not extracted:
            return
        for criterion, value in extracted.items():
            answer, comment, source = value if isinstance(value, tuple) else (value, "", "")
            EvaluationAnswer.objects.create(
                evaluation=obj, criterion=criterion, answer=answer, comment=comment, source=source
            )

    @factory.post_generation
    def moderate(obj, create, extracted, **kwargs):
        if not create:
            return
        state = obj._factory_state
        if state == DRAFT:
            obj.save_revision()
        elif state == MODERATION:
            submit_for_moderation(obj)
        else:
            approve(obj, at=obj._factory_approved_at)
            if state == WITHDRAWN:
                withdraw(obj)

    @classmethod
    def _create(cls, model_class, *args, state=APPROVED, approved_at=None, **kwargs):
        """`state` and `approved_at` (a backdated approval) are not fields: kept for the
        `moderate` step."""
        obj = super()._create(model_class, *args, **kwargs)
        obj._factory_state = state
        obj._factory_approved_at = approved_at
        return obj


def approved_rows(*, offer, actors, criteria, answer="oui") -> list[Evaluation]:
    """Approved evaluations of `offer` by each of `actors`, answering `answer` (with a
    comment and a source) to each of `criteria`, written as an approval leaves the rows
    but without a revision history, then the offer's scorecard recomputed: for tests
    that seed many offers and only read them."""
    now = timezone.now()
    evaluations = [
        Evaluation.objects.create(
            offer=offer, actor=actor, summary="Synthèse.", live=True, last_published_at=now
        )
        for actor in actors
    ]
    EvaluationAnswer.objects.bulk_create(
        EvaluationAnswer(
            evaluation=evaluation,
            criterion=criterion,
            criterion_name=criterion.name,
            answer=answer,
            comment="Commentaire.",
            source="https://example.org/",
        )
        for evaluation in evaluations
        for criterion in criteria
    )
    scorecard_refresh(offer_ids=[offer.pk])
    return evaluations


def evaluation_for(offer, actor=None, *, user=None, answers=None, approve=False, summary=""):
    """An evaluation of `offer` with one answer per applicable criterion (`answers` maps a
    slug to its answer, "oui" otherwise), saved as a revision and, with `approve`,
    published."""
    evaluation = Evaluation(
        offer=offer, actor=actor or ActorFactory(), summary=summary, created_by=user
    )
    answers = answers or {}
    evaluation.answers = [
        EvaluationAnswer(
            criterion=criterion,
            criterion_name=criterion.name,
            answer=answers.get(criterion.slug, AnswerValue.YES),
        )
        for criterion in Evaluation.applicable_criteria(offer)
    ]
    evaluation.live = False
    evaluation.save()
    revision = evaluation.save_revision(user=user)
    if approve:
        revision.publish(user=user, skip_permission_checks=True)
        evaluation.refresh_from_db()
    return evaluation
