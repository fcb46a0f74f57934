"""No API message escapes translation: every error raised to a client is built from a
gettext call, never from a bare literal, and comes out in French."""

import ast
from pathlib import Path

import pytest

from django.conf import settings

from tests.factories.training import TrainingModulePageFactory
from tests.graphql_client import graphql_errors

ERRORS = {"BadUserInput", "NotFound", "QueryTooComplex", "ApiError", "ValueError"}
SOURCES = ("cms", "catalogue", "training", "home")


def _raised_literals(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if not isinstance(node, ast.Raise) or not isinstance(node.exc, ast.Call):
            continue
        call = node.exc
        name = getattr(call.func, "id", getattr(call.func, "attr", ""))
        if name in ERRORS and call.args and isinstance(call.args[0], ast.Constant | ast.JoinedStr):
            found.append(f"{path.relative_to(settings.BASE_DIR)}:{node.lineno}")
    return found


def test_api_errors_are_built_from_translated_messages():
    paths = [
        path
        for source in SOURCES
        for path in (settings.BASE_DIR / source).rglob("*.py")
        if "migrations" not in path.parts and "settings" not in path.parts
    ]
    assert [hit for path in paths for hit in _raised_literals(path)] == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            '{ trainingModule(slug: "absent") { title } }',
            "Aucun module de formation publié ne correspond.",
        ),
        (
            '{ trainingPath(slug: "absent") { title } }',
            "Aucun parcours de formation publié ne correspond.",
        ),
        ('{ offer(slug: "absent") { title } }', "Aucune offre publiée ne correspond."),
        ('{ collection(slug: "absent") { title } }', "Aucune collection publiée ne correspond."),
        (
            '{ offer(slug: "a", id: "1") { title } }',
            "Indiquez exactement un argument parmi id, slug et urlPath.",
        ),
        (
            '{ upcomingSessions(territory: "loin") { items { start } } }',
            "territory : indiquez « en-ligne », un numéro de département (37) ou un code postal (37000).",
        ),
    ],
)
def test_lookup_and_argument_errors_are_french_and_agree(client, query, message):
    assert graphql_errors(client, query)[0]["message"] == message


@pytest.mark.django_db
def test_to_before_from_is_refused_in_french(client, training_index):
    TrainingModulePageFactory(parent=training_index)
    query = '{ upcomingSessions(from: "2030-01-02T00:00:00Z", to: "2030-01-01T00:00:00Z") { items { start } } }'
    assert graphql_errors(client, query)[0]["message"] == "`to` doit suivre `from`."
