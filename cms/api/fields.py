"""Field helpers for `graphql_fields`, on top of grapple's.

grapple's `GraphQLCollection` drops the description of the list field and, for foreign
keys, adds `order`/`searchQuery` arguments that reach `order_by` unchecked. This helper
gives a plain, documented list."""

import graphene

from django.utils.module_loading import import_string

from .filters import enum_from_choices


def GraphQLList(nested_type, field_name: str, *args, description: str, required=True, **kwargs):  # noqa: N802
    def mixin():
        graphql_type = nested_type(
            field_name, *args, required=True, description=description, **kwargs
        )

        def wrapper(item_type):
            return graphene.List(item_type, required=required, description=description)

        return graphql_type, wrapper

    return mixin


def GraphQLDateTime(field_name: str, **kwargs):  # noqa: N802
    """A datetime as an ISO 8601 `DateTime`, where grapple only offers strings."""
    from grapple.models import GraphQLField

    def mixin():
        return GraphQLField(field_name, graphene.DateTime, **kwargs)

    return mixin


def GraphQLDate(field_name: str, **kwargs):  # noqa: N802
    """A date as an ISO 8601 `Date`."""
    from grapple.models import GraphQLField

    def mixin():
        return GraphQLField(field_name, graphene.Date, **kwargs)

    return mixin


def GraphQLObject(field_name: str, type_path: str, **kwargs):  # noqa: N802
    """A field of a graphene type of the app's `schema/` package, named by its dotted path
    and imported when the schema is built: models never import their app's schema."""
    from grapple.models import GraphQLField

    def mixin():
        return GraphQLField(field_name, lambda: import_string(type_path), **kwargs)

    return mixin


def GraphQLEnum(field_name: str, enum: tuple, choices, **kwargs):  # noqa: N802
    """A field whose value is one of `choices`, as the GraphQL enum `enum` (its name and
    description) built from them (see `cms.api.filters.enum_from_choices`)."""
    from grapple.models import GraphQLField

    def mixin():
        return GraphQLField(
            field_name, lambda: enum_from_choices(enum[0], choices, enum[1]), **kwargs
        )

    return mixin
