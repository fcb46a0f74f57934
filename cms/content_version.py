"""The content generation: one number, in the shared cache, that changes whenever what the
public sees may have changed. Response caches put it in their keys, so a bump invalidates
every cached API answer and page at once, in every process that shares the cache.

What bumps it: a page published, unpublished, moved or deleted; a view restriction or a
private collection set or lifted; an image, a document or a tag changed; any row of the
apps' own non-page models (taxonomies, snippets, sessions…) saved or deleted, unless the
model sets `changes_public_content = False`. A draft
revision does not: Wagtail saves the page row with `update_fields` then, and the live
content is unchanged, so editors typing (and autosave) leave the caches warm. Nor does a
rendition, which a read may create, nor the file size or hash that a read may fill in."""

import time
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from wagtail.images.models import AbstractRendition
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

KEY = "content-generation"
# Entries of an old generation are never read again; this only bounds their lifetime.
REMEMBER_TIMEOUT = 24 * 3600

T = TypeVar("T")

# Fields that Wagtail fills in on an image or a document the first time a read asks for
# them (`get_file_size()`, `get_file_hash()`), saving only them: the file is unchanged.
FILE_METADATA = frozenset({"file_size", "file_hash"})

# The apps whose own models are public content; pages are handled apart (see above).
CONTENT_APPS = {"catalogue", "training", "home", "diagnostic", "taggit"}
# Wagtail models outside those apps that change what the public may see.
CONTENT_MODELS = {
    "wagtailcore.pageviewrestriction",
    "wagtailcore.collection",
    "wagtailcore.collectionviewrestriction",
    "wagtailcore.site",
    "wagtailimages.image",
    "wagtaildocs.document",
}


def current() -> int:
    """The generation now. A cache that lost it (eviction, restart) starts from the clock,
    so it never returns to a number whose cached answers may still be stored."""
    generation = cache.get(KEY)
    if generation is None:
        cache.add(KEY, time.time_ns())
        generation = cache.get(KEY, 0)
    return generation


def remember(name: str, compute: Callable[[], T]) -> T:
    """`compute()`, kept in the shared cache until the generation moves: for reads that
    every page repeats and only a content change alters (routes, navigation, view
    restrictions, taxonomy options). A `None` result is not kept."""
    key = f"{name}@{current()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        if value is not None:
            cache.set(key, value, REMEMBER_TIMEOUT)
    return value


def bump() -> None:
    try:
        cache.incr(KEY)
    except ValueError:  # absent: any fresh start is a new generation
        cache.add(KEY, time.time_ns())


def changed() -> None:
    """Bump now, for readers inside this transaction, and again once it commits: a request
    that read the old rows meanwhile may have cached them under the first bump."""
    bump()
    transaction.on_commit(bump)


def _is_content(model) -> bool:
    # A model of a content app that the public never reads as such (a visitor's report, a
    # link check, a draft evaluation) says so with `changes_public_content = False`; when
    # it feeds something public, it moves the generation itself, through `changed()`.
    if not getattr(model, "changes_public_content", True):
        return False
    # A rendition is written by a read (the first page that shows an image at a size): the
    # project's rendition model lives in `catalogue`, yet it changes no content.
    if issubclass(model, AbstractRendition):
        return False
    meta = model._meta
    return meta.app_label in CONTENT_APPS or meta.label_lower in CONTENT_MODELS


def _on_save(sender, instance, update_fields=None, raw=False, **_kwargs):
    if raw:  # fixtures
        return
    if isinstance(instance, Page):
        if update_fields is None:  # a creation, or a full save as publishing does
            changed()
    elif _is_content(sender) and not (update_fields and FILE_METADATA.issuperset(update_fields)):
        changed()


def _on_delete(sender, instance, **_kwargs):
    if isinstance(instance, Page) or _is_content(sender):
        changed()


def _on_page_event(**_kwargs):
    changed()


def connect() -> None:
    post_save.connect(_on_save, dispatch_uid="content-version-save")
    post_delete.connect(_on_delete, dispatch_uid="content-version-delete")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_on_page_event, dispatch_uid=f"content-version-{id(signal)}")
