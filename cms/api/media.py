"""Batched resolvers of the image, rendition and document types, for any app."""

from grapple.types.documents import get_document_type
from grapple.types.images import ImageObjectType
from wagtail.images.models import AbstractImage

from .loaders import load_media_collection, load_tags, prime_renditions
from .resolvers import resolves, resolves_on


@resolves(AbstractImage, "collection")
@resolves_on(get_document_type, "collection")
def resolve_collection(obj, info):
    return load_media_collection(obj, info)


@resolves(AbstractImage, "tags")
@resolves_on(get_document_type, "tags")
def resolve_tags(obj, info):
    return load_tags(obj, info)


@resolves(AbstractImage, "rendition")
def resolve_rendition(image, info, **arguments):
    prime_renditions(image, info)
    return ImageObjectType.resolve_rendition(image, info, **arguments)


@resolves(AbstractImage, "src_set")
def resolve_src_set(image, info, **arguments):
    prime_renditions(image, info)
    return ImageObjectType.resolve_src_set(image, info, **arguments)
