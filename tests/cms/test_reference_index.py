"""A clustered object is indexed once per save, its children included, and the index
still lists what its children refer to."""

from unittest import mock

import pytest

from wagtail.models import ReferenceIndex

from catalogue.models import Evaluation, EvaluationAnswer
from tests.factories.catalogue import ActorFactory, ToolPageFactory
from tests.factories.evaluations import CriterionGroupFactory, EvaluationCriterionFactory

pytestmark = pytest.mark.django_db


def test_an_evaluation_and_its_answers_are_indexed_once_per_save(catalogue):
    group = CriterionGroupFactory()
    criteria = [EvaluationCriterionFactory(group=group) for _ in range(5)]
    evaluation = Evaluation(offer=ToolPageFactory(parent=catalogue), actor=ActorFactory())
    evaluation.answers = [
        EvaluationAnswer(criterion=criterion, answer="oui") for criterion in criteria
    ]

    with mock.patch.object(
        ReferenceIndex,
        "create_or_update_for_object",
        wraps=ReferenceIndex.create_or_update_for_object,
    ) as index:
        evaluation.save()
        assert index.call_count == 1
        evaluation.save_revision().publish()
        # Two more saves of the evaluation (its latest revision, then the publish): one
        # update each, not one per answer.
        assert index.call_count == 3

    # What the answers refer to is found by the usage of each criterion.
    for criterion in criteria:
        assert (
            ReferenceIndex.get_references_to(criterion)
            .filter(object_id=str(evaluation.pk))
            .exists()
        )
