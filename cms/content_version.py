"""The content generation: one number, in the shared cache, that changes whenever what the
public sees may have changed. Response caches put it in their keys, so a bump invalidates
every cached API answer and page at once, in every process that shares the cache.

What bumps it: a page published, unpublished, moved or deleted; a view restriction or a
private collection set or lifted; an image, a document or a tag changed; any row of the
apps' own non-page models (taxonomies, snippets, sessions…) saved or deleted, unless the
model sets `changes_public_content = False`. A draft
revision does not: Wagtail saves the page row with `update_fields` then, and the live
content is unchanged, so editors typing (and autosave) leave the caches warm. Nor does a
rendition, which a read may create, nor the file size or hash that a read may fill in.

Reads that depend on much less than all the content are kept per *topic* instead: a
non-page model (a theme, a synonym, a view restriction, a collection…) has its own
counter, moved with the generation whenever a row of it changes, and `PAGE_TREE` moves
only when the shape of the page tree does (a page moved or deleted, an alias created).
Publishing, the most frequent change, then leaves the taxonomy options, the synonyms and
the restricted paths known, and a page's first request after it pays for its route and
navigation only."""

import time
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from wagtail.images.models import AbstractRendition
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import db_router
from .cache import cache_recovered

KEY = "content-generation"
# The topic of the tree's shape: the paths of pages (a move, a deletion) and which pages
# are aliases. Publishing or unpublishing an existing page leaves it alone.
PAGE_TREE = "page-tree"
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


def _topic(dependency) -> str:
    return dependency if isinstance(dependency, str) else dependency._meta.label_lower


def _topic_key(topic: str) -> str:
    return f"{KEY}:{topic}"


def _stamp(topics: list[str]) -> str:
    """The counters of these topics, in one round trip to the cache. A lost counter
    starts from the clock, as the generation does."""
    keys = [_topic_key(topic) for topic in topics]
    found = cache.get_many(keys)
    if missing := [key for key in keys if key not in found]:
        now = time.time_ns()
        for key in missing:
            cache.add(key, now)
        found.update(cache.get_many(missing))
    return ":".join(str(found.get(key, 0)) for key in keys)


def remember(name: str, compute: Callable[[], T], *, depends_on: Iterable = ()) -> T:
    """`compute()`, kept in the shared cache until the generation moves: for reads that
    every page repeats and only a content change alters (routes, navigation, view
    restrictions, taxonomy options). A `None` result is not kept.

    With `depends_on` (models, or `PAGE_TREE`), kept until one of those topics moves
    instead: for reads of a few tables that most changes, publishing first, leave alone.
    List every table the read touches, or a change to the one left out goes unseen."""
    topics = sorted({_topic(dependency) for dependency in depends_on})
    key = f"{name}@{_stamp(topics) if topics else current()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        if value is not None:
            cache.set(key, value, REMEMBER_TIMEOUT)
    return value


def _incr(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # absent: any fresh start is a new generation
        cache.add(key, time.time_ns())


def bump(*topics: str) -> None:
    """Move the generation, and the counters of `topics` with it."""
    _incr(KEY)
    db_router.public_change()
    for topic in topics:
        _incr(_topic_key(topic))


def changed(*topics: str) -> None:
    """Bump now, for readers inside this transaction, and again once it commits: a request
    that read the old rows meanwhile may have cached them under the first bump."""
    bump(*topics)
    transaction.on_commit(lambda: bump(*topics))


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


def _on_save(sender, instance, created=False, update_fields=None, raw=False, **_kwargs):
    if raw:  # fixtures
        return
    if isinstance(instance, Page):
        if update_fields is None:  # a creation, or a full save as publishing does
            # A new page takes a free path and changes no other's, unless it is an alias.
            changed(*([PAGE_TREE] if created and instance.alias_of_id else []))
    elif _is_content(sender) and not (update_fields and FILE_METADATA.issuperset(update_fields)):
        changed(_topic(sender))


def _on_delete(sender, instance, **_kwargs):
    if isinstance(instance, Page):
        changed(PAGE_TREE)
    elif _is_content(sender):
        changed(_topic(sender))


def _on_page_event(**_kwargs):
    changed()


def _on_page_move(**_kwargs):
    changed(PAGE_TREE)


def _on_cache_recovered(**_kwargs):
    """Redis is back after an outage that this process saw: a change made meanwhile moved
    no counter (the writes were dropped), so entries stored before the outage would be
    served as current. Forgetting the generation and every topic's counter starts them
    anew from the clock, which leaves every stored answer behind."""
    topics = [model._meta.label_lower for model in apps.get_models() if _is_content(model)]
    cache.delete_many([KEY, _topic_key(PAGE_TREE), *(_topic_key(topic) for topic in topics)])


def connect() -> None:
    cache_recovered.connect(_on_cache_recovered, dispatch_uid="content-version-recovered")
    post_save.connect(_on_save, dispatch_uid="content-version-save")
    post_delete.connect(_on_delete, dispatch_uid="content-version-delete")
    for signal in (page_published, page_unpublished):
        signal.connect(_on_page_event, dispatch_uid=f"content-version-{id(signal)}")
    post_page_move.connect(_on_page_move, dispatch_uid="content-version-move")
