"""Writes with rules for the catalogue."""

import json
from pathlib import Path

from django.db import transaction

from .models import Audience, CriterionGroup, EvaluationCriterion, Theme

SEED_DIR = Path(__file__).resolve().parent / "seed"


@transaction.atomic
def taxonomy_load_seed(*, seed_dir: Path = SEED_DIR) -> dict[str, int]:
    """Create or update the seed themes (two levels) and audiences, and add the evaluation
    grid's missing groups and criteria; returns how many rows were created. Running it
    again changes nothing."""
    created = {"themes": 0, "audiences": 0}
    themes = json.loads((seed_dir / "themes.json").read_text(encoding="utf-8"))["themes"]
    for parent_order, parent_data in enumerate(themes):
        parent, was_created = Theme.objects.update_or_create(
            slug=parent_data["slug"],
            defaults={"name": parent_data["name"], "parent": None, "sort_order": parent_order},
        )
        created["themes"] += was_created
        for order, child in enumerate(parent_data.get("children", [])):
            _, was_created = Theme.objects.update_or_create(
                slug=child["slug"],
                defaults={"name": child["name"], "parent": parent, "sort_order": order},
            )
            created["themes"] += was_created
    audiences = json.loads((seed_dir / "audiences.json").read_text(encoding="utf-8"))["audiences"]
    for order, data in enumerate(audiences):
        _, was_created = Audience.objects.update_or_create(
            slug=data["slug"], defaults={"name": data["name"], "sort_order": order}
        )
        created["audiences"] += was_created
    created["criteria"] = criteria_load_seed(seed_dir=seed_dir)
    return created


@transaction.atomic
def criteria_load_seed(*, seed_dir: Path = SEED_DIR) -> int:
    """Add the seed grid's groups and criteria that are missing; returns how many criteria
    were created. Coordination maintains the grid in the admin afterwards, so an existing
    group or criterion is never renamed, reordered or brought back from retirement."""
    grid = json.loads((seed_dir / "criteria.json").read_text(encoding="utf-8"))
    created = 0
    for group_order, group_data in enumerate(grid["groups"]):
        group, _ = CriterionGroup.objects.get_or_create(
            slug=group_data["slug"],
            defaults={"name": group_data["name"], "sort_order": group_order},
        )
        for order, data in enumerate(group_data["criteria"]):
            _, was_created = EvaluationCriterion.objects.get_or_create(
                slug=data["slug"],
                defaults={
                    "group": group,
                    "name": data["name"],
                    "applies_to": data.get("applies_to", []),
                    "sort_order": order,
                },
            )
            created += was_created
    return created
