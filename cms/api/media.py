"""Batched resolvers of the image, rendition and document types, for any app.

grapple's `rendition` and `srcSet` fail with a Python error (an `INTERNAL` answer) when
asked without arguments or with a filter outside `GRAPPLE["ALLOWED_IMAGE_FILTERS"]`.
Here a missing or refused filter is the caller's mistake (`BAD_USER_INPUT`, naming the
allowed filters), and `srcSet` without `sizes` uses every allowed width."""

import re

from django.utils.translation import gettext

from grapple.settings import grapple_settings
from grapple.types.documents import get_document_type
from grapple.types.images import ImageObjectType, get_image_type, rendition_allowed
from wagtail.images.models import AbstractImage

from ..visibility import private_collection_ids
from .errors import BadUserInput
from .loaders import load_media_collection, load_tags, prime_renditions
from .resolvers import resolves, resolves_on

# Arguments that only qualify a filter (`preserveSvg`) are not filters of their own.
_QUALIFIERS = {"preserve_svg"}
_WIDTH = re.compile(r"^width-(\d+)$")


@resolves(AbstractImage, "collection")
@resolves_on(get_document_type, "collection")
def resolve_collection(obj, info):
    return load_media_collection(obj, info)


@resolves(AbstractImage, "tags")
@resolves_on(get_document_type, "tags")
def resolve_tags(obj, info):
    return load_tags(obj, info)


def _allowed_filters() -> str:
    return ", ".join(grapple_settings.ALLOWED_IMAGE_FILTERS)


@resolves(AbstractImage, "rendition")
def resolve_rendition(image, info, **arguments):
    filters = {name: value for name, value in arguments.items() if name not in _QUALIFIERS}
    spec = "|".join(f"{name}-{value}" for name, value in filters.items())
    if not filters or not rendition_allowed(spec):
        raise BadUserInput(
            gettext("Choose one image filter among: %(filters)s.")
            % {"filters": _allowed_filters()},
            field="rendition",
        )
    prime_renditions(image, info)
    return ImageObjectType.resolve_rendition(image, info, **arguments)


def default_src_set_sizes() -> list[int]:
    """The widths of the allowed `width-…` filters, smallest first."""
    widths = (_WIDTH.match(spec) for spec in grapple_settings.ALLOWED_IMAGE_FILTERS)
    return sorted(int(match.group(1)) for match in widths if match)


@resolves(AbstractImage, "src_set")
def resolve_src_set(image, info, sizes=None, **arguments):
    prime_renditions(image, info)
    if sizes is None:
        sizes = default_src_set_sizes()
    return ImageObjectType.resolve_src_set(image, info, sizes=sizes, **arguments)


def _describe_image_fields() -> None:
    fields = get_image_type()._meta.fields
    fields["rendition"].description = (
        'Image retaillée selon un seul filtre autorisé (par exemple `fill: "160x160"`, '
        "`width: 640`) ; sans filtre ou avec un autre filtre : erreur BAD_USER_INPUT."
    )
    fields["src_set"].description = (
        "Valeur d'attribut `srcset` : une image par largeur de `sizes` autorisée ; "
        "sans `sizes`, toutes les largeurs autorisées."
    )


_describe_image_fields()


def _collection_type():
    from grapple.types.collections import CollectionObjectType

    return CollectionObjectType


# grapple leaves out a collection with a view restriction of its own, not one inside it,
# which the restriction covers as well: the name of a private folder would show.
@resolves_on(_collection_type, "descendants")
def resolve_collection_descendants(collection, info):
    return collection.get_descendants().exclude(pk__in=private_collection_ids())


@resolves_on(_collection_type, "ancestors")
def resolve_collection_ancestors(collection, info):
    return collection.get_ancestors().exclude(pk__in=private_collection_ids())
