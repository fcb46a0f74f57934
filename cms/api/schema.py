"""The public GraphQL schema: grapple's generated types, with only the root fields our
apps register. grapple's generic roots (`pages`, `search`, `redirects`, `snippets`…)
reach drafts and private pages, so they are left out; so are its raw fields."""

import graphene

from grapple.registry import registry
from grapple.types.interfaces import StreamFieldInterface
from wagtail import hooks

from . import media, rich_text, streams  # noqa: F401  (register their resolvers)
from .interfaces import PublicPageInterface
from .resolvers import apply_resolvers

# Fields a generated type may expose besides its `graphql_fields` and interfaces.
_ALWAYS_ALLOWED = {"id"}

# grapple's raw fields: a block's stored value (the ids of drafts and private documents,
# rich text in its database form, Python object text) and an embed provider's JSON.
# Partners read a block's typed fields instead.
_RAW_BLOCK_FIELDS = ("raw_value", "raw_embed")


def _field_name(item) -> str:
    field = item() if callable(item) else item
    if isinstance(field, tuple):  # GraphQLCollection returns (field, list wrapper)
        field = field[0]() if callable(field[0]) else field[0]
    return field.field_name


def _restrict_to_declared_fields():
    """grapple auto-exposes every field of Wagtail's Page model (draft title, lock state,
    revisions…). Keep only what a model declares in `graphql_fields`."""
    for group in (registry.pages, registry.snippets, registry.django_models):
        for model, node in group.items():
            if not hasattr(node, "_meta") or not hasattr(node._meta, "fields"):
                continue
            allowed = set(_ALWAYS_ALLOWED)
            for item in getattr(model, "graphql_fields", []):
                allowed.add(_field_name(item))
            for interface in getattr(node._meta, "interfaces", ()):
                allowed.update(interface._meta.fields)
            for name in list(node._meta.fields):
                if name not in allowed:
                    del node._meta.fields[name]


def _remove_raw_block_fields():
    for node in (StreamFieldInterface, *registry.streamfield_blocks.values()):
        fields = getattr(getattr(node, "_meta", None), "fields", {})
        for name in _RAW_BLOCK_FIELDS:
            fields.pop(name, None)


def _mixins(hook_name: str) -> list:
    """The root field mixins the apps register through grapple's hook `hook_name`."""
    mixins = []
    for register in hooks.get_hooks(hook_name):
        if register.__module__.startswith("grapple"):
            continue
        register(mixins)
    return mixins


def build_schema() -> graphene.Schema:
    _restrict_to_declared_fields()
    _remove_raw_block_fields()
    query_mixins = _mixins("register_schema_query")
    mutation_mixins = _mixins("register_schema_mutation")
    # The apps' schema packages, imported by the hooks above, have registered their
    # batched resolvers by now.
    apply_resolvers()
    streams.guard_block_fields()
    rich_text.batch_rich_text_fields()
    query = type("Query", (*query_mixins, graphene.ObjectType), {})
    mutation = None
    if mutation_mixins:
        mutation = type("Mutation", (*mutation_mixins, graphene.ObjectType), {})
    # grapple builds a type for every model of an app; plain models that declare no
    # `graphql_fields` (inline orderables, workflow tasks) would only add empty types.
    hidden = {
        node
        for model, node in registry.django_models.items()
        if not hasattr(model, "graphql_fields")
    }
    return graphene.Schema(
        query=query,
        mutation=mutation,
        types=[PublicPageInterface, *(t for t in registry.models.values() if t not in hidden)],
        auto_camelcase=True,
    )


schema = build_schema()
