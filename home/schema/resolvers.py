"""Batched resolvers of the home app's nested fields, attached to grapple's types by
`cms.api.schema`."""

from cms.api.loaders import OrderedIdsLoader, VisiblePageByIdLoader
from cms.api.resolvers import resolves
from cms.api.streams import load_stream

from ..models import FeaturedCollection, HomePage, StandardPage


class CollectionIdsByHomePageIdLoader(OrderedIdsLoader):
    model = FeaturedCollection
    source = "page"
    target = "collection"


@resolves(HomePage, "live_featured_collections")
def resolve_featured_collections(home, info):
    ids = CollectionIdsByHomePageIdLoader.for_request(info).load_for(home, lambda peer: peer.pk)
    return [page for page in VisiblePageByIdLoader.for_request(info).load_many(ids) if page]


@resolves(StandardPage, "body")
def resolve_standard_body(page, info):
    return load_stream(page, info, "body")
