"""Rich text expanded for a whole list at once.

`cms.rich_text` expands each text with its own queries: a list of 100 offers whose texts
link pages would cost queries per item. Here the pages, documents and images that all
the peers' texts link are loaded together, through the per-request loaders (which apply
the same visibility rule), and each text is then expanded from them. grapple's
`RichText` scalar finds no internal link left to expand."""

from grapple.registry import registry
from grapple.types.rich_text import RichText as RichTextScalar
from wagtail.rich_text import RichText

from cms.rich_text import (
    VisibleDocumentLinkHandler,
    VisibleImageEmbedHandler,
    VisiblePageLinkHandler,
    expand,
    linked_ids,
)

from .loaders import DocumentByIdLoader, ImageByIdLoader, VisiblePageByIdLoader, peers_of
from .resolvers import named_type, wrap_resolvers

LOADERS = {
    VisiblePageLinkHandler: VisiblePageByIdLoader,
    VisibleDocumentLinkHandler: DocumentByIdLoader,
    VisibleImageEmbedHandler: ImageByIdLoader,
}

_DONE = "_api_rich_text_loaded"


def _source(value) -> str:
    return value.source if isinstance(value, RichText) else value or ""


def prime_rich_text(info, values) -> None:
    """Load what the rich texts `values` link, all at once."""
    ids = {handler: set() for handler in LOADERS}
    for value in values:
        for handler, found in linked_ids(_source(value)).items():
            ids[handler] |= found
    for handler, loader in LOADERS.items():
        loader.for_request(info).prime_many(sorted(ids[handler]))


def expand_rich_text(value, info) -> str:
    """A rich text's HTML, its links and embeds read through the request's loaders (a
    link already primed costs no query)."""

    def reader(loader):
        def load(ids):
            return {pk: obj for pk, obj in zip(ids, loader.load_many(ids), strict=True) if obj}

        return load

    return expand(
        _source(value),
        {handler: reader(loader.for_request(info)) for handler, loader in LOADERS.items()},
    )


def _batched(resolver):
    """A rich-text field's resolver that loads the links of that field of all the
    object's peers when the first one is read."""

    def resolve(obj, info, **arguments):
        done = info.context.__dict__.setdefault(_DONE, set())
        if (id(obj), resolver) not in done:
            peers = peers_of(obj)
            done.update((id(peer), resolver) for peer in peers)
            prime_rich_text(info, [_read(resolver, peer, info) for peer in peers])
        return expand_rich_text(resolver(obj, info, **arguments), info)

    return resolve


def _read(resolver, peer, info):
    # The peers of an interface's list are of several types; only some have the field.
    try:
        return resolver(peer, info)
    except AttributeError:
        return None


def batch_rich_text_fields() -> None:
    """Put every rich-text field of the models' types behind `_batched`."""
    wrap_resolvers(
        registry.models.values(),
        lambda name, field: _batched if named_type(field) is RichTextScalar else None,
    )
