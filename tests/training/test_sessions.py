from datetime import timedelta

import pytest

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from tests.factories.training import TrainingModulePageFactory, TrainingSessionFactory
from training.models import TrainingSession
from training.selectors import upcoming_sessions

pytestmark = pytest.mark.django_db


def test_end_after_start_and_positive_seats(training_index):
    module = TrainingModulePageFactory(parent=training_index)
    now = timezone.now()
    session = TrainingSession(module=module, start=now, end=now - timedelta(hours=1), seats=0)
    with pytest.raises(ValidationError) as excinfo:
        session.clean()
    assert {"end", "seats", "commune"} <= set(excinfo.value.message_dict)


def test_database_refuses_inconsistent_sessions(training_index):
    module = TrainingModulePageFactory(parent=training_index)
    with pytest.raises(IntegrityError):
        TrainingSessionFactory(module=module, seats=0)


def test_upcoming_sessions_skip_past_ones_and_unpublished_modules(training_index):
    live = TrainingModulePageFactory(parent=training_index)
    draft = TrainingModulePageFactory(parent=training_index, live=False)
    soon = TrainingSessionFactory(module=live)
    TrainingSessionFactory(module=live, start=timezone.now() - timedelta(days=3))
    TrainingSessionFactory(module=draft)

    assert list(upcoming_sessions()) == [soon]
