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

import graphene

from grapple.registry import registry
from grapple.types.interfaces import StreamFieldInterface
from wagtail.blocks import RichTextBlock, StreamValue, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import DraftStateMixin, Page
from wagtail.rich_text import RichText

from .loaders import (
    DocumentByIdLoader,
    ImageByIdLoader,
    VisiblePageByIdLoader,
    peers_of,
    set_peers,
)
from .resolvers import named_type, resolves_block, wrap_resolvers
from .rich_text import expand_rich_text, prime_rich_text

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
    elif isinstance(value, RichText):
        found["rich_text"].append(value)
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
        prime_rich_text(info, found["rich_text"])
    return getattr(obj, field_name)


@resolves_block(RichTextBlock, "value")
def resolve_rich_text_block(child, info):
    return expand_rich_text(child.value, info)


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
    return isinstance(field.type, graphene.NonNull) and named_type(field) is graphene.String


def _block_field_wrapper(name: str, field):
    named = named_type(field)
    if isinstance(named, type) and issubclass(
        named, graphene.ObjectType | graphene.Interface | graphene.Union
    ):
        return _guarded
    if _is_required_text(field) and name not in StreamFieldInterface._meta.fields:
        return _text_or_empty
    return None


def guard_block_fields() -> None:
    """Put every object-returning field of every block type behind `visible_link`.

    Also, grapple declares a block's text as non-null, but an optional child missing from
    the stored value (content saved before the child was added) is None, which graphql
    refuses with an internal error: such a text reads as empty instead."""
    wrap_resolvers(set(registry.streamfield_blocks.values()), _block_field_wrapper)
