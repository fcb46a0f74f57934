from decimal import Decimal

import pytest

from django.core.exceptions import ValidationError

from tests.factories.training import TrainingModulePageFactory, sequences
from training.models import TrainingModulePage

pytestmark = pytest.mark.django_db


def test_duration_must_match_the_sequence_plan(training_index):
    module = TrainingModulePage(title="m", duration_hours=3, sequences=sequences(60, 45))
    with pytest.raises(ValidationError) as excinfo:
        module.clean()
    message = excinfo.value.message_dict["duration_hours"][0]
    assert "105 minutes" in message

    TrainingModulePage(
        title="m", duration_hours=Decimal("1.75"), sequences=sequences(60, 45)
    ).clean()


def test_prices_cannot_be_negative():
    module = TrainingModulePage(
        title="m", duration_hours=1, sequences=sequences(60), price_per_group=-5
    )
    with pytest.raises(ValidationError) as excinfo:
        module.clean()
    assert "price_per_group" in excinfo.value.message_dict


def test_sequence_labels(training_index):
    module = TrainingModulePageFactory(
        parent=training_index, sequences=sequences(90), duration_hours="1.5"
    )
    value = module.sequences[0].value
    assert value.activity_label == "Atelier pratique"
    assert value.duration_label == "1 h 30"
