"""Writes with rules for the catalogue."""

import json
from pathlib import Path

from django.db import transaction

from .models import Audience, Theme

SEED_DIR = Path(__file__).resolve().parent / "seed"


@transaction.atomic
def taxonomy_load_seed(*, seed_dir: Path = SEED_DIR) -> dict[str, int]:
    """Create or update the seed themes (two levels) and audiences; returns how many
    rows were created. Running it again changes nothing."""
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
    return created
