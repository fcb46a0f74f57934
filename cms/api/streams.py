"""StreamFields read for a whole list at once.

Wagtail converts a stream's raw JSON lazily, block type by block type, one stream at a
time: the chooser blocks of each item's body cost a query per item. Here the raw blocks
of all the peers' streams are converted together (one `bulk_to_python` per block type),
and the pages, images and documents they point to are loaded as peer groups, so that
their own fields batch too."""

import json
from collections import defaultdict

from django.core.serializers.json import DjangoJSONEncoder

from wagtail.blocks import StreamValue, StructBlock, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import Page

from .loaders import VisiblePageByIdLoader, peers_of, set_peers
from .resolvers import resolves_block

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


@resolves_block(StructBlock, "raw_value")
def resolve_struct_raw_value(child, info):
    # grapple returns a struct's raw value as a dict, which its `String!` type refuses.
    return json.dumps(child.block.get_prep_value(child.value), cls=DjangoJSONEncoder)
