"""Resolvers that the apps attach to grapple's generated types.

grapple resolves a `graphql_fields` entry by reading the model attribute of the same
name, one object at a time, so every relation costs one query per item. The apps
register batched resolvers here, from their `schema/` package, and `build_schema()`
puts them on the generated types: the field keeps its name, type and description,
and the model keeps no GraphQL (nor selector) code.

A resolver is called as `resolver(instance, info, **arguments)`."""

from collections.abc import Callable, Iterable
from functools import partial

from graphene.types.resolver import get_default_resolver

from django.core.exceptions import ImproperlyConfigured

from grapple.registry import registry

_BY_MODEL: dict[tuple[type, str], Callable] = {}
_BY_BLOCK: dict[tuple[type, str], Callable] = {}
_BY_TYPE: dict[tuple[Callable, str], Callable] = {}


def resolves(model: type, field_name: str):
    """Register the resolver of `field_name` on the type of `model` and of its subclasses
    (a subclass's own registration wins)."""

    def register(resolver):
        _BY_MODEL[(model, field_name)] = resolver
        return resolver

    return register


def resolves_block(block_class: type, field_name: str):
    """Register the resolver of `field_name` on a StreamField block's type. It receives
    the block's value (the StreamChild, or the value grapple hands to child blocks)."""

    def register(resolver):
        _BY_BLOCK[(block_class, field_name)] = resolver
        return resolver

    return register


def resolves_on(get_type: Callable, field_name: str):
    """Register the resolver of `field_name` on a graphene type that grapple builds
    without a model of ours (its generic document type); `get_type` returns it."""

    def register(resolver):
        _BY_TYPE[(get_type, field_name)] = resolver
        return resolver

    return register


def _attach(node, field_name, resolver):
    # graphene reads `resolve_<field>` off the type when the schema is built.
    setattr(node, f"resolve_{field_name}", staticmethod(resolver))


def apply_resolvers() -> None:
    # Registrations on a base model first, so that a subclass's own ones override them.
    for (model, field_name), resolver in sorted(
        _BY_MODEL.items(), key=lambda entry: len(entry[0][0].__mro__)
    ):
        # A misspelt field would otherwise leave grapple's per-item resolver in place.
        if not any(
            isinstance(registered, type)
            and issubclass(registered, model)
            and field_name in getattr(getattr(node, "_meta", None), "fields", {})
            for registered, node in registry.models.items()
        ):
            raise ImproperlyConfigured(f"No GraphQL type has {model.__name__}.{field_name}.")
        for registered, node in registry.models.items():
            fields = getattr(getattr(node, "_meta", None), "fields", {})
            if (
                isinstance(registered, type)
                and issubclass(registered, model)
                and field_name in fields
            ):
                _attach(node, field_name, resolver)
    for (block_class, field_name), resolver in _BY_BLOCK.items():
        for registered, node in registry.streamfield_blocks.items():
            if isinstance(registered, type) and issubclass(registered, block_class):
                _attach(node, field_name, resolver)
    for (get_type, field_name), resolver in _BY_TYPE.items():
        _attach(get_type(), field_name, resolver)


def named_type(field):
    """The graphene type a field returns, without its list and non-null wrappers."""
    graphql_type = field.type
    while hasattr(graphql_type, "of_type"):
        graphql_type = graphql_type.of_type
    return graphql_type


def _current_resolver(node, name: str, field):
    """The resolver graphene would give `node.name`: the type's, its interface's, or
    the default attribute reader."""
    resolver = getattr(node, f"resolve_{name}", None)
    for interface in node._meta.interfaces:
        if resolver is None and name in interface._meta.fields:
            resolver = getattr(interface, f"resolve_{name}", None)
    if resolver is not None:
        return resolver
    return partial(get_default_resolver(), name, field.default_value)


def wrap_resolvers(nodes: Iterable, wrapper_for: Callable) -> None:
    """Wrap the resolvers of the fields of `nodes` (graphene types): `wrapper_for(name,
    field)` returns a wrapper, called with the field's current resolver, or None to
    leave the field as it is. Run after `apply_resolvers()`, so that the wrapped
    resolver is the final one."""
    for node in nodes:
        for name, field in getattr(getattr(node, "_meta", None), "fields", {}).items():
            wrapper = wrapper_for(name, field)
            if wrapper is not None:
                _attach(node, name, wrapper(_current_resolver(node, name, field)))
