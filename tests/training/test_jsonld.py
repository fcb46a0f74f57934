"""A training module's JSON-LD (training/jsonld.py): a schema.org Course whose organisations
are its `provider`, with sessions as CourseInstances organised by the trainer's structure."""

import json
import re
from datetime import timedelta

import pytest

from django.utils import timezone

from tests.factories.catalogue import ActorFactory
from tests.factories.training import TrainingModulePageFactory, TrainingSessionFactory
from tests.schema_org import schema_errors

pytestmark = pytest.mark.django_db


def _page_jsonld(client, url) -> dict:
    html = client.get(url).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def _nodes(data):
    """Every node of a JSON-LD tree, with the property that holds it."""
    if isinstance(data, list):
        for item in data:
            yield from _nodes(item)
    elif isinstance(data, dict):
        for name, value in data.items():
            for node in value if isinstance(value, list) else [value]:
                if isinstance(node, dict):
                    yield name, node
                    yield from _nodes(node)


def test_course_follows_schema_org_and_names_no_organisation_as_instructor(client, training_index):
    author = ActorFactory(name="Coopérative numérique", commune="Tours", postcode="37000")
    trainer = ActorFactory(name="Tiers-lieu formateur")
    module = TrainingModulePageFactory(
        parent=training_index,
        slug="rgpd",
        related__authors=[author],
        price_per_participant=30,
        price_per_group=300,
    )
    soon = timezone.now() + timedelta(days=7)
    TrainingSessionFactory(module=module, trainer=trainer, start=soon, venue="Salle des fêtes")
    TrainingSessionFactory(module=module, trainer=trainer, start=soon, online=True)

    data = _page_jsonld(client, "/formations/rgpd/")

    assert data["@type"] == "Course"
    assert schema_errors(data) == []
    assert data["provider"]["name"] == "Coopérative numérique"
    instances = data["hasCourseInstance"]
    assert [instance["organizer"]["name"] for instance in instances] == [
        "Tiers-lieu formateur",
        "Tiers-lieu formateur",
    ]
    assert all(node["@type"] == "Person" for name, node in _nodes(data) if name == "instructor")


def test_several_authors_are_all_providers(client, training_index):
    TrainingModulePageFactory(
        parent=training_index,
        slug="collaborer",
        related__authors=[ActorFactory(name="Structure A"), ActorFactory(name="Structure B")],
    )

    data = _page_jsonld(client, "/formations/collaborer/")

    assert sorted(provider["name"] for provider in data["provider"]) == [
        "Structure A",
        "Structure B",
    ]
    assert "author" not in data
    assert schema_errors(data) == []


def test_the_check_refuses_an_organisation_as_instructor():
    session = {
        "@type": "CourseInstance",
        "courseMode": "onsite",
        "startDate": "2026-01-05T09:00:00+01:00",
        "location": {
            "@type": "Place",
            "address": {"@type": "PostalAddress", "addressLocality": "Tours"},
        },
        "instructor": {"@type": "Organization", "name": "Tiers-lieu"},
        "teaches": "RGPD",
    }

    assert schema_errors(session) == [
        "$.instructor[0]: Organization given, where instructor takes ['Person']",
        "$: teaches is not a property of CourseInstance",
    ]
