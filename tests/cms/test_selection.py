"""`selected_type_names`: which types' fields a query selects below a list field."""

import graphene
import pytest

from cms.api.selection import selected_field_names, selected_type_names


class Thing(graphene.Interface):
    name = graphene.String()


class Tool(graphene.ObjectType):
    licence = graphene.String()

    class Meta:
        interfaces = (Thing,)


class Resource(graphene.ObjectType):
    format = graphene.String()

    class Meta:
        interfaces = (Thing,)


class Things(graphene.ObjectType):
    items = graphene.List(Thing)


class Query(graphene.ObjectType):
    things = graphene.Field(Things)

    def resolve_things(self, info):
        info.context["seen"] = selected_type_names(info, "items")
        info.context["fields"] = selected_field_names(info, "items")
        return Things(items=[])


SCHEMA = graphene.Schema(query=Query, types=[Tool, Resource])


def _seen(query: str) -> set[str]:
    context = {}
    result = SCHEMA.execute(query, context_value=context)
    assert result.errors is None, result.errors
    return context["seen"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("{ things { items { name } } }", set()),
        ("{ things { items { name ... on Tool { licence } } } }", {"Tool"}),
        # Named fragments, at the list's level and above it.
        (
            "{ things { items { ...T } } } fragment T on Resource { format }",
            {"Resource"},
        ),
        (
            "{ things { ...L } } fragment L on Things { items { ... on Tool { licence } } }",
            {"Tool"},
        ),
        # A fragment on the interface itself selects no kind's own fields.
        ("{ things { items { ... on Thing { name } } } }", {"Thing"}),
    ],
)
def test_types_selected_under_the_list(query, expected):
    assert _seen(query) == expected


def test_fields_selected_under_the_list_on_any_type():
    context = {}
    query = "{ things { items { name ... on Tool { licence } ...R } } } fragment R on Resource { format }"
    result = SCHEMA.execute(query, context_value=context)

    assert result.errors is None, result.errors
    assert context["fields"] == {"name", "licence", "format"}
