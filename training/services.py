"""Writes with rules for the training offer."""

import json
from pathlib import Path

from django.db import transaction

from .models import Competence, CompetenceDomain

SEED_DIR = Path(__file__).resolve().parent / "seed"


@transaction.atomic
def crcn_load_seed(*, seed_file: Path = SEED_DIR / "crcn.json") -> int:
    """Create or update the 5 CRCN domains and 16 competences; returns how many rows
    were created."""
    created = 0
    for domain_data in json.loads(seed_file.read_text(encoding="utf-8"))["domains"]:
        domain, was_created = CompetenceDomain.objects.update_or_create(
            code=domain_data["code"], defaults={"name": domain_data["name"]}
        )
        created += was_created
        for data in domain_data["competences"]:
            _, was_created = Competence.objects.update_or_create(
                code=data["code"], defaults={"name": data["name"], "domain": domain}
            )
            created += was_created
    return created
