"""StreamFields read for a whole list at once.

Wagtail converts a stream's raw JSON lazily, block type by block type, one stream at a
time: the chooser blocks of each item's body cost a query per item. Here the raw blocks
of all the peers' streams are converted together (one `bulk_to_python` per block type),
and the pages, images and documents they point to are loaded as peer groups, so that
their own fields batch too.

Every field of a block type that returns an object goes through the visibility rule
(`guard_block_fields`): grapple's chooser blocks, and the fields that blocks declare,
return the chosen page, image, document or snippet as stored, drafts and private
collections included."""

from collections import defaultdict
from functools import partial

import graphene
from graphene.types.resolver import get_default_resolver

from grapple.registry import registry
from grapple.types.interfaces import StreamFieldInterface
from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import DraftStateMixin, Page

from .loaders import (
    DocumentByIdLoader,
    ImageByIdLoader,
    VisiblePageByIdLoader,
    peers_of,
    set_peers,
)

_DONE = "_api_streams_loaded"


def _convert_together(stream_values: list[StreamValue]) -> list:
    """Fill the streams' bound blocks; return the converted values."""
    pending = defaultdict(list)  # (stream block class, type) -> [(stream value, index)]
    for stream in stream_values:
        # Wagtail keeps the raw and the converted blocks side by side; a None bound
        # block is one not converted yet.
        for index, bound in enumerate(stream._bound_blocks):
            if bound is None:
                raw = stream._raw_data[index]
                pending[(type(stream.stream_block), raw["type"])].append((stream, index))
    converted = []
    for (_, type_name), slots in pending.items():
        child_block = slots[0][0].stream_block.child_blocks[type_name]
        values = child_block.bulk_to_python(
            [stream._raw_data[index]["value"] for stream, index in slots]
        )
        for (stream, index), value in zip(slots, values, strict=True):
            stream._bound_blocks[index] = StreamValue.StreamChild(
                child_block, value, id=stream._raw_data[index].get("id")
            )
            converted.append(value)
    return converted


def _linked_objects(value, found: dict) -> None:
    if isinstance(value, Page):
        found["pages"].append(value)
    elif isinstance(value, AbstractImage):
        found["images"].append(value)
    elif isinstance(value, AbstractDocument):
        found["documents"].append(value)
    elif isinstance(value, StructValue | dict):
        for child in value.values():
            _linked_objects(child, found)
    elif isinstance(value, ListValue | list | tuple | StreamValue):
        for child in value:
            _linked_objects(getattr(child, "value", child), found)


def load_stream(obj, info, field_name: str):
    """`obj`'s stream, converted along with the same stream of all of `obj`'s peers."""
    done = info.context.__dict__.setdefault(_DONE, set())
    if (id(obj), field_name) not in done:
        # The peers of a union's list are of several types; only some have this stream.
        peers = [peer for peer in peers_of(obj) if hasattr(peer, field_name)]
        streams = [getattr(peer, field_name) for peer in peers]
        done.update((id(peer), field_name) for peer in peers)
        found = defaultdict(list)
        for value in _convert_together([s for s in streams if isinstance(s, StreamValue)]):
            _linked_objects(value, found)
        VisiblePageByIdLoader.for_request(info).prime_many(page.pk for page in found["pages"])
        set_peers(found["images"])
        set_peers(found["documents"])
    return getattr(obj, field_name)


def _pk(obj):
    return obj.pk


def visible_link(value, info):
    """`value` as the public may see it: a page through the visibility rule, an image or
    a document outside private collections, a snippet once published; None otherwise. A
    list keeps its visible items. Anything else (a block, a string) is returned as is."""
    if isinstance(value, ListValue | list | tuple):
        return [item for item in (visible_link(v, info) for v in value) if item is not None]
    if isinstance(value, Page):
        return VisiblePageByIdLoader.for_request(info).load(value.pk)
    if isinstance(value, AbstractImage):
        return ImageByIdLoader.for_request(info).load_for(value, _pk)
    if isinstance(value, AbstractDocument):
        return DocumentByIdLoader.for_request(info).load_for(value, _pk)
    if isinstance(value, DraftStateMixin) and not value.live:
        return None
    return value


def _named_type(field):
    graphql_type = field.type
    while hasattr(graphql_type, "of_type"):
        graphql_type = graphql_type.of_type
    return graphql_type


def _resolver(node, name: str, field):
    """The resolver graphene would give `node.name`: the type's, its interface's, or
    the default attribute reader."""
    resolver = getattr(node, f"resolve_{name}", None)
    for interface in node._meta.interfaces:
        if resolver is None and name in interface._meta.fields:
            resolver = getattr(interface, f"resolve_{name}", None)
    if resolver is not None:
        return resolver
    return partial(get_default_resolver(), name, field.default_value)


def _guarded(resolver):
    def resolve(root, info, **arguments):
        return visible_link(resolver(root, info, **arguments), info)

    return resolve


def _text_or_empty(resolver):
    def resolve(root, info, **arguments):
        value = resolver(root, info, **arguments)
        return "" if value is None else value

    return resolve


def _is_required_text(field) -> bool:
    return isinstance(field.type, graphene.NonNull) and _named_type(field) is graphene.String


def guard_block_fields() -> None:
    """Put every object-returning field of every block type behind `visible_link`.

    Also, grapple declares a block's text as non-null, but an optional child missing from
    the stored value (content saved before the child was added) is None, which graphql
    refuses with an internal error: such a text reads as empty instead."""
    for node in set(registry.streamfield_blocks.values()):
        for name, field in getattr(getattr(node, "_meta", None), "fields", {}).items():
            named = _named_type(field)
            if isinstance(named, type) and issubclass(
                named, graphene.ObjectType | graphene.Interface | graphene.Union
            ):
                wrapper = _guarded
            elif _is_required_text(field) and name not in StreamFieldInterface._meta.fields:
                wrapper = _text_or_empty
            else:
                continue
            setattr(node, f"resolve_{name}", staticmethod(wrapper(_resolver(node, name, field))))
