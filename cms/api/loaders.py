"""Per-request dataloaders that batch synchronously, by peers.

graphene 3 runs graphql-core 3.2 synchronously, so a promise-style dataloader never sees
more than one key before it has to answer: nothing batches by itself. Two ways out were
weighed:

- selection-aware prefetching at the list resolver (read `info`'s selections, prefetch
  what they reach) ties every list resolver to every field below it, through fragments,
  interfaces and stream blocks, and has to be redone for each new root or field;
- *peer* batching, chosen here: every object a list returns knows its siblings (its
  peers). When a nested field is resolved for the first item, its loader loads the
  relation for all the peers at once and caches the answers on the request; the other
  items then read the cache. The objects a loader returns form a new peer group, so the
  next level down batches the same way. This holds at any depth and for any root,
  including roots added later, with no knowledge of the query.

graphql-core resolves a list depth first (item 0 entirely, then item 1), which is why
the first item has to load for all its peers rather than wait for them.

Loaders are named `<Model>By<Key>Loader`, live for one request (on `info.context`) and
return their results in key order. The app-specific ones live in `<app>/schema/`."""

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page

from cms.visibility import visible, visible_media

_PEERS = "_api_peers"
_LOADERS = "_api_dataloaders"


class _Peers(list):
    """A peer group, which a pickle of one of its objects leaves out: Wagtail caches a
    rendition with its image, and the image would otherwise carry its whole batch (a
    hundred images) into every entry it writes."""

    def __reduce__(self):
        return (_Peers, ())


def set_peers(objects: Iterable) -> None:
    """Make `objects` one peer group. An object keeps the first group it joined: that is
    the widest one (a loader's whole batch), not the per-item slice a list field shows."""
    group = _Peers(obj for obj in objects if hasattr(obj, "__dict__"))
    for obj in group:
        obj.__dict__.setdefault(_PEERS, group)


def peers_of(obj) -> list:
    return getattr(obj, "__dict__", {}).get(_PEERS) or [obj]


def _flatten(results) -> list:
    flat = []
    for result in results:
        if isinstance(result, list | tuple):
            flat.extend(result)
        elif result is not None:
            flat.append(result)
    return flat


def _key_or_none(key, peer):
    # The peers of an interface's list are of several types; those without the relation
    # (a tool among the pages of a tree level has no document) have nothing to load.
    try:
        return key(peer)
    except AttributeError:
        return None


class DataLoader:
    """Loads values by key, in batches, once per request."""

    def __init__(self):
        self._cache: dict = {}

    @classmethod
    def for_request(cls, info) -> "DataLoader":
        context = info.context if hasattr(info, "context") else info
        loaders = context.__dict__.setdefault(_LOADERS, {})
        if cls not in loaders:
            loaders[cls] = cls()
        return loaders[cls]

    def batch_load(self, keys: list) -> list:
        """One result per key, in key order."""
        raise NotImplementedError

    def prime_many(self, keys: Iterable[Hashable]) -> None:
        missing = list(dict.fromkeys(k for k in keys if k is not None and k not in self._cache))
        if missing:
            results = self.batch_load(missing)
            set_peers(_flatten(results))
            self._cache.update(zip(missing, results, strict=True))

    def load(self, key):
        if key is None:
            return None
        self.prime_many([key])
        return self._cache[key]

    def load_many(self, keys: Iterable[Hashable]) -> list:
        keys = list(keys)
        self.prime_many(keys)
        return [self._cache[key] for key in keys]

    def load_for(self, obj, key: Callable[[object], Hashable]):
        """`obj`'s value, loading it along with the values of all of `obj`'s peers."""
        own = key(obj)
        if own is None or own in self._cache:
            # Known already (loaded with its peers, or for another object): the peers are
            # not walked again for each item, which made a list of n items cost n² steps.
            # Those still missing their value load it together when the first one asks.
            return None if own is None else self._cache[own]
        self.prime_many(_key_or_none(key, peer) for peer in peers_of(obj))
        return self._cache[own]


class ModelByIdLoader(DataLoader):
    """Rows of `model` by primary key (None for a missing one)."""

    model: type[Model]

    def queryset(self):
        return self.model._default_manager.all()

    def batch_load(self, keys):
        rows = self.queryset().in_bulk(keys)
        return [rows.get(key) for key in keys]


class ManyToManyLoader(DataLoader):
    """The targets of a many-to-many field, by source id, in the target's own ordering:
    one query through the relation's table for every source."""

    model: type[Model]
    field_name: str
    # Foreign keys of the target to read in the same query (`("parent",)`).
    target_relations: tuple[str, ...] = ()

    def batch_load(self, keys):
        field = self.model._meta.get_field(self.field_name)
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        ordering = field.related_model._meta.ordering or ["pk"]
        rows = (
            through.objects.filter(**{f"{source}_id__in": keys})
            .select_related(target, *(f"{target}__{name}" for name in self.target_relations))
            .order_by(*(f"{target}__{name}" for name in ordering))
        )
        by_source = defaultdict(list)
        for row in rows:
            by_source[getattr(row, f"{source}_id")].append(getattr(row, target))
        return [by_source[key] for key in keys]


def related_ids_by_source(model, field_name: str, keys: list) -> dict[int, list[int]]:
    """The target ids of a many-to-many field per source id, in the through table's order."""
    field = model._meta.get_field(field_name)
    through = field.remote_field.through
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    ids = defaultdict(list)
    for source_id, target_id in (
        through.objects.filter(**{f"{source}_id__in": keys})
        .order_by("pk")
        .values_list(f"{source}_id", f"{target}_id")
    ):
        ids[source_id].append(target_id)
    return ids


class RelatedIdsLoader(DataLoader):
    """The target ids of `model`'s many-to-many `field_name`, per source id."""

    model = None
    field_name = ""

    def batch_load(self, keys):
        ids = related_ids_by_source(self.model, self.field_name, keys)
        return [ids[key] for key in keys]


class OrderedIdsLoader(DataLoader):
    """The target ids of an orderable inline `model` (`source` → `target`), per source
    id, in the editors' order."""

    model = None
    source = ""
    target = ""

    def batch_load(self, keys):
        ids = defaultdict(list)
        for source_id, target_id in (
            self.model.objects.filter(**{f"{self.source}_id__in": keys})
            .order_by("sort_order", "pk")
            .values_list(f"{self.source}_id", f"{self.target}_id")
        ):
            ids[source_id].append(target_id)
        return [ids[key] for key in keys]


def _group_preloaded(obj, read) -> None:
    """Objects that a listing loaded with `obj` (rather than a loader) have no peers yet:
    group them with the same relation of `obj`'s peers, so that their own fields batch."""
    values = []
    for peer in peers_of(obj):
        value = read(peer)
        if isinstance(value, list):
            values.extend(value)
        elif value is not None:
            values.append(value)
    set_peers(values)


def cached_relation(obj, name: str):
    """A foreign key already loaded with `obj` (select_related), or None."""
    value = obj._state.fields_cache.get(name)
    if value is not None and _PEERS not in value.__dict__:
        _group_preloaded(obj, lambda peer: peer._state.fields_cache.get(name))
    return value


def load_foreign_key(obj, name: str, loader: type[DataLoader], info):
    """`obj`'s foreign key `name`: as a listing loaded it (select_related), else through
    `loader` by its `<name>_id`, for all its peers at once."""
    loaded = cached_relation(obj, name)
    if loaded is not None:
        return loaded
    attname = f"{name}_id"
    return loader.for_request(info).load_for(obj, lambda peer: getattr(peer, attname))


# Pages


class VisiblePageByIdLoader(DataLoader):
    """Visible pages, as their specific type, by id (None when hidden or missing)."""

    def batch_load(self, keys):
        pages = {page.pk: page for page in visible(Page.objects.filter(pk__in=keys)).specific()}
        return [pages.get(key) for key in keys]


def _parent_path(path: str) -> str:
    return path[: -Page.steplen]


class VisiblePageByPathLoader(DataLoader):
    """Visible pages, specific, by tree path; the tree root (depth 1) is never returned."""

    def batch_load(self, keys):
        pages = {
            page.path: page
            for page in visible(Page.objects.filter(path__in=keys, depth__gt=1)).specific()
        }
        return [pages.get(key) for key in keys]


class ChildPagesByPathLoader(DataLoader):
    """The visible children of each page path, specific, in tree order."""

    def batch_load(self, keys):
        condition = Q(pk__in=[])
        for path in keys:
            condition |= Q(path__startswith=path, depth=len(path) // Page.steplen + 1)
        children = defaultdict(list)
        for page in visible(Page.objects.filter(condition)).order_by("path").specific():
            children[_parent_path(page.path)].append(page)
        return [children[key] for key in keys]


def load_parent(page, info):
    if page.depth <= 2:
        return None
    return VisiblePageByPathLoader.for_request(info).load_for(
        page, lambda peer: _parent_path(peer.path)
    )


def load_children(page, info):
    return ChildPagesByPathLoader.for_request(info).load_for(page, lambda peer: peer.path)


# Images and documents


class ImageByIdLoader(ModelByIdLoader):
    """Images outside any private collection, by id."""

    def queryset(self):
        return visible_media(get_image_model().objects.all())

    @property
    def model(self):
        return get_image_model()


class RenditionsByImageIdLoader(DataLoader):
    def batch_load(self, keys):
        renditions = defaultdict(list)
        for rendition in get_image_model().get_rendition_model().objects.filter(image_id__in=keys):
            renditions[rendition.image_id].append(rendition)
        return [renditions[key] for key in keys]


class CollectionByIdLoader(ModelByIdLoader):
    model = Collection


class TagsByObjectKeyLoader(DataLoader):
    """Tags of tagged objects, by (content type id, object id)."""

    def batch_load(self, keys):
        from taggit.models import TaggedItem

        condition = Q(pk__in=[])
        for content_type_id in {content_type for content_type, _ in keys}:
            ids = [object_id for content_type, object_id in keys if content_type == content_type_id]
            condition |= Q(content_type_id=content_type_id, object_id__in=ids)
        tags = defaultdict(list)
        for item in (
            TaggedItem.objects.filter(condition).select_related("tag").order_by("tag__name")
        ):
            tags[(item.content_type_id, item.object_id)].append(item.tag)
        return [tags[key] for key in keys]


def load_tags(obj, info):
    content_type = ContentType.objects.get_for_model(obj).pk
    return TagsByObjectKeyLoader.for_request(info).load_for(
        obj, lambda peer: (content_type, peer.pk)
    )


def load_media_collection(obj, info):
    return load_foreign_key(obj, "collection", CollectionByIdLoader, info)


def prime_renditions(image, info) -> None:
    """Put the renditions of `image` (and of its peers) where `get_rendition` reads
    prefetched ones, so that a rendition costs no query once it exists."""
    prefetched = image.__dict__.setdefault("_prefetched_objects_cache", {})
    if "renditions" not in prefetched:
        renditions = RenditionsByImageIdLoader.for_request(info).load_for(
            image, lambda peer: peer.pk
        )
        for rendition in renditions:
            rendition.image = image
        # Django keeps a prefetched relation as an evaluated queryset: Wagtail creates a
        # missing rendition through it.
        queryset = image.renditions.all()
        queryset._result_cache = list(renditions)
        queryset._prefetch_done = True
        prefetched["renditions"] = queryset


class DocumentByIdLoader(ModelByIdLoader):
    """Documents outside any private collection, by id."""

    def queryset(self):
        return visible_media(get_document_model().objects.all())

    @property
    def model(self):
        return get_document_model()


def _preloaded_many_to_many(obj, name: str) -> list | None:
    prefetched = getattr(obj, "_prefetched_objects_cache", {}).get(name)
    if prefetched is not None:
        return list(prefetched)
    related = getattr(obj, "_cluster_related_objects", {}).get(name)
    return list(related) if related is not None else None


def loaded_many_to_many(obj, name: str) -> list | None:
    """A many-to-many relation that a listing already loaded with `obj` (Django's
    prefetch or modelcluster's in-memory relations), or None."""
    values = _preloaded_many_to_many(obj, name)
    if values and _PEERS not in values[0].__dict__:
        _group_preloaded(obj, lambda peer: _preloaded_many_to_many(peer, name))
    return values


def load_many_to_many(obj, name: str, loader: type[DataLoader], info) -> list:
    """`obj`'s many-to-many `name`: as a listing loaded it, else through `loader` by
    `obj`'s primary key, for all its peers at once."""
    loaded = loaded_many_to_many(obj, name)
    if loaded is not None:
        return loaded
    return loader.for_request(info).load_for(obj, lambda peer: peer.pk)
