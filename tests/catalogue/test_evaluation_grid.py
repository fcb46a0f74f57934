import pytest

from catalogue.models import CriterionGroup, EvaluationCriterion
from catalogue.services import criteria_load_seed

pytestmark = pytest.mark.django_db


def test_seed_grid_loads_its_groups_in_order_once():
    created = criteria_load_seed()

    assert created == EvaluationCriterion.objects.count() == 20
    assert list(CriterionGroup.objects.values_list("slug", flat=True)) == [
        "usage",
        "cout",
        "donnees",
        "communs",
        "accessibilite",
        "sobriete",
        "formation",
    ]
    assert criteria_load_seed() == 0


def test_seed_grid_keeps_what_coordination_changed():
    criteria_load_seed()
    criterion = EvaluationCriterion.objects.get(slug="hebergement-ue")
    assert criterion.applies_to == ["outil"]
    assert criterion.applies_to_kind("outil") and not criterion.applies_to_kind("formation")
    criterion.name = "Hébergement dans l'Union européenne"
    criterion.active = False
    criterion.save()

    criteria_load_seed()

    criterion.refresh_from_db()
    assert criterion.name == "Hébergement dans l'Union européenne"
    assert criterion.active is False
