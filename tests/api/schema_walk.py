"""Queries that walk the schema, built from the schema itself (or from what
introspection says about it), so that a field added later is walked without an edit.

Shared by the query-count walk and the leak walk: each builds, for one root field, a
query that selects every field reachable to a given depth (scalars at any depth, objects
and lists recursed while there is depth left, interfaces and unions through a fragment
on each possible type)."""

import pytest
from graphql import (
    GraphQLList,
    GraphQLSchema,
    build_client_schema,
    get_introspection_query,
    get_named_type,
    get_nullable_type,
    is_abstract_type,
    is_leaf_type,
    is_non_null_type,
)

from tests.graphql_client import graphql_data


class QueryBuilder:
    """Builds a walk's query with one named fragment per (type, depth), so that the
    document stays small however many types an interface has. Every field is aliased
    by its type, so that same-named fields of different types never conflict.

    `arguments` gives the arguments of some fields, keyed by (type name, field name);
    the others are selected with their default arguments."""

    def __init__(self, schema: GraphQLSchema, *, max_depth: int, arguments: dict | None = None):
        self.schema = schema
        self.max_depth = max_depth
        self.given_arguments = arguments or {}
        self.fragments: dict[str, str] = {}

    def fragment(self, type_, depth: int) -> str:
        named = get_named_type(type_)
        name = f"{named.name}_{depth}"
        if name not in self.fragments:
            self.fragments[name] = ""  # reserved first: a type may reach itself
            self.fragments[name] = (
                f"fragment {name} on {named.name} {{ {self.selection(named, depth)} }}"
            )
        return f"...{name}"

    def selection(self, named, depth: int) -> str:
        parts = ["__typename"]
        if is_abstract_type(named):
            parts += [self.fragment(t, depth) for t in self.schema.get_possible_types(named)]
            return " ".join(parts)
        for field_name, field in named.fields.items():
            arguments = self.arguments(named.name, field_name, field)
            target = get_named_type(field.type)
            alias = f"{named.name}_{field_name}: {field_name}{arguments}"
            if is_leaf_type(target):
                parts.append(alias)
            elif depth < self.max_depth:
                parts.append(f"{alias} {{ {self.fragment(target, depth + 1)} }}")
        return " ".join(parts)

    def arguments(self, type_name, field_name, field) -> str:
        given = self.given_arguments.get((type_name, field_name))
        if given is not None:
            return given
        for argument_name, argument in field.args.items():
            if is_non_null_type(argument.type) and argument.default_value is None:
                pytest.fail(
                    f"{type_name}.{field_name} requires the argument `{argument_name}`: give "
                    f"it a value so that the walk can select the field."
                )
        return ""

    def root_query(self, root_name: str, arguments: str = "", variables: str = "") -> str:
        """A query of `root_name(arguments)`. A paginated list's wrapper (`items`,
        `pagination`…) does not count as a level: its items are at depth 1, as a plain
        list's or a single object's are."""
        root = self.schema.query_type.fields[root_name]
        call = f"{root_name}({arguments})" if arguments else root_name
        if list_item_type(root)[1]:
            wrapper = get_named_type(root.type)
            parts = []
            for name, field in wrapper.fields.items():
                target = get_named_type(field.type)
                body = "" if is_leaf_type(target) else f" {{ {self.fragment(target, 1)} }}"
                parts.append(f"{name}{body}")
            selection = f"{call} {{ {' '.join(parts)} }}"
        else:
            selection = f"{call} {{ {self.fragment(root.type, 1)} }}"
        header = f"query Walk({variables})" if variables else "query Walk"
        fragments = "\n".join(self.fragments.values())
        return f"{header} {{ {selection} }}\n{fragments}"


def list_item_type(field):
    """(item type, paginated) of a root field returning a list or a paginated list;
    (None, False) for any other field."""
    nullable = get_nullable_type(field.type)
    if isinstance(nullable, GraphQLList):
        return get_named_type(nullable), False
    items = getattr(nullable, "fields", {}).get("items")
    if items is not None and isinstance(get_nullable_type(items.type), GraphQLList):
        return get_named_type(items.type), True
    return None, False


def root_list_fields(schema: GraphQLSchema) -> dict[str, bool]:
    """The root fields that return a list, each with whether it is paginated."""
    fields = {}
    for name, field in schema.query_type.fields.items():
        item_type, paginated = list_item_type(field)
        if item_type is not None:
            fields[name] = paginated
    return fields


def introspected_schema(client) -> GraphQLSchema:
    """The schema as a partner learns it: from an introspection query on the endpoint."""
    return build_client_schema(graphql_data(client, get_introspection_query()))
