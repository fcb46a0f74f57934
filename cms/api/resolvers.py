"""Resolvers that the apps attach to grapple's generated types.

grapple resolves a `graphql_fields` entry by reading the model attribute of the same
name, one object at a time, so every relation costs one query per item. The apps
register batched resolvers here, from their `schema/` package, and `build_schema()`
puts them on the generated types: the field keeps its name, type and description,
and the model keeps no GraphQL (nor selector) code.

A resolver is called as `resolver(instance, info, **arguments)`."""

from collections.abc import Callable

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
