"""Evaluations on the common grid, built as the admin saves them: a revision, published
for an approved one."""

import factory
from factory.django import DjangoModelFactory

from catalogue.choices import AnswerValue
from catalogue.models import CriterionGroup, Evaluation, EvaluationAnswer, EvaluationCriterion

from .catalogue import ActorFactory


class CriterionGroupFactory(DjangoModelFactory):
    class Meta:
        model = CriterionGroup
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Groupe {n}")
    slug = factory.Sequence(lambda n: f"groupe-{n}")


class EvaluationCriterionFactory(DjangoModelFactory):
    class Meta:
        model = EvaluationCriterion
        django_get_or_create = ("slug",)

    group = factory.SubFactory(CriterionGroupFactory)
    name = factory.Sequence(lambda n: f"Critère {n}")
    slug = factory.Sequence(lambda n: f"critere-{n}")


def evaluation_for(
    offer, actor=None, *, user=None, answers=None, approve=False, summary="", comment="", source=""
):
    """An evaluation of `offer` with one answer per applicable criterion (`answers` maps a
    slug to its answer, "oui" otherwise; each with `comment` and `source`), saved as a
    revision and, with `approve`, published."""
    evaluation = Evaluation(
        offer=offer, actor=actor or ActorFactory(), summary=summary, created_by=user
    )
    answers = answers or {}
    evaluation.answers = [
        EvaluationAnswer(
            criterion=criterion,
            criterion_name=criterion.name,
            answer=answers.get(criterion.slug, AnswerValue.YES),
            comment=comment,
            source=source,
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
