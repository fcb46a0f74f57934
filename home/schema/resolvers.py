"""Batched resolvers of the home app's nested fields, attached to grapple's types by
`cms.api.schema`."""

from collections import defaultdict

from cms.api.loaders import DataLoader, VisiblePageByIdLoader
from cms.api.resolvers import resolves
from cms.api.streams import load_stream

from ..models import FeaturedCollection, HomePage, StandardPage


class CollectionIdsByHomePageIdLoader(DataLoader):
    """The featured collection ids of each home page, in the editors' order."""

    def batch_load(self, keys):
        ids = defaultdict(list)
        for page, collection in (
            FeaturedCollection.objects.filter(page_id__in=keys)
            .order_by("sort_order", "pk")
            .values_list("page_id", "collection_id")
        ):
            ids[page].append(collection)
        return [ids[key] for key in keys]


@resolves(HomePage, "live_featured_collections")
def resolve_featured_collections(home, info):
    ids = CollectionIdsByHomePageIdLoader.for_request(info).load_for(home, lambda peer: peer.pk)
    return [page for page in VisiblePageByIdLoader.for_request(info).load_many(ids) if page]


@resolves(StandardPage, "body")
def resolve_standard_body(page, info):
    return load_stream(page, info, "body")
