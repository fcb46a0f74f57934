"""Every GraphQL example of the partners' guide is valid against the schema and within the
default query limits, so the guide cannot drift from the API."""

import re
from pathlib import Path

import pytest
from graphql import parse, validate

from cms.api.schema import schema
from cms.api.validation import validation_rules
from cms.api.views import query_limits

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "api.md"
BLOCK = re.compile(r"```graphql\n(.*?)```", re.DOTALL)
# The queries inside the JavaScript examples, between backquotes.
EMBEDDED = re.compile(r"(?:gql)?`\s*(query \w+.*?)`", re.DOTALL)


def _examples() -> list[str]:
    text = GUIDE.read_text()
    return BLOCK.findall(text) + EMBEDDED.findall(text)


def test_the_guide_has_examples():
    assert len(_examples()) >= 12


@pytest.mark.parametrize("example", _examples())
def test_each_example_is_a_valid_query(example):
    rules = validation_rules(limits=query_limits())
    errors = validate(schema.graphql_schema, parse(example), rules)
    assert not errors, [error.message for error in errors]
