"""Reusable reads of the catalogue. Everything here returns visible content only."""

from collections import defaultdict
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Count,
    Prefetch,
    Q,
    QuerySet,
    prefetch_related_objects,
)

from wagtail.images import get_image_model

from cms.visibility import in_private_collection

from .models import OFFER_MODELS, OfferPage, Theme

# The kinds' own tables are joined to the listing query (multi-table inheritance lets
# `select_related` follow the child links), so a page of offers of every kind, with their
# provider and logo, is one query.
CHILD_LINKS = tuple(model._meta.model_name for model in OFFER_MODELS)
LISTING_RELATIONS = ("provider", "provider__logo", "logo", *CHILD_LINKS)


def _with_relations(offers: QuerySet[OfferPage]) -> QuerySet[OfferPage]:
    """Joined to their kind, provider and logos, with whether each logo is private (read
    by `load_offers`)."""
    return offers.select_related(*LISTING_RELATIONS).annotate(
        private_logo=in_private_collection("logo"),
        private_provider_logo=in_private_collection("provider__logo"),
    )


def visible_offers() -> QuerySet[OfferPage]:
    return _with_relations(OfferPage.objects.visible())


def themes_in_tree_order() -> list[Theme]:
    """Each top-level theme followed by its sub-themes."""
    themes = list(Theme.objects.select_related("parent"))

    def key(theme):
        top = theme.parent or theme
        return (top.sort_order, top.name, theme.parent_id is not None, theme.sort_order, theme.name)

    return sorted(themes, key=key)


def _joined_specific(page):
    """The specific offer that a listing query joined to this page, if any."""
    cache = page._state.fields_cache
    for link in CHILD_LINKS:
        child = cache.get(link)
        if child is not None:
            for relation in ("provider", "logo"):
                if relation in cache:
                    setattr(child, relation, cache[relation])
            return child
    return None


def _hide_private_logos(page):
    # Images of a private collection never reach the public, whichever listing this is.
    if getattr(page, "private_logo", False):
        page.logo = None
    if getattr(page, "private_provider_logo", False) and page.provider_id:
        page.provider.logo = None
    return page


def load_offers(pages: Iterable[OfferPage]) -> list[OfferPage]:
    """The specific offers of pages read through `visible_offers()` (which joins each kind's
    table), in order, with themes, audiences and logo renditions: one query each."""
    offers = [offer for offer in map(_joined_specific, map(_hide_private_logos, pages)) if offer]
    if offers:
        _attach_many_to_many(offers, "themes", "theme", ("parent",))
        _attach_many_to_many(offers, "audiences", "audience")
        renditions = get_image_model().get_rendition_model().objects.all()
        prefetch_related_objects(offers, Prefetch("logo__renditions", queryset=renditions))
    return offers


def offers_by_ids(ids: list[int]) -> list[OfferPage]:
    """The offers of `ids`, fully loaded as `load_offers` does, in the order of `ids`.
    For a page of a listing whose ids were read through `visible()` (see
    `cms.api.pagination.IdPaginator`): the rows of that page only are joined to their
    kind, provider and logo, and visibility is not asked again."""
    pages = _with_relations(OfferPage.objects.all()).in_bulk(ids)
    return load_offers(pages[pk] for pk in ids if pk in pages)


def _attach_many_to_many(offers, relation: str, target: str, select=()) -> None:
    """One query through the relation's table for all offers. The results go where
    modelcluster's manager reads in-memory relations, so `offer.themes.all()` costs no
    query; Django's own prefetch builds a filtered queryset per instance, which
    dominated the listing's time."""
    through = OfferPage._meta.get_field(relation).remote_field.through
    rows = (
        through.objects.filter(offerpage_id__in=[offer.pk for offer in offers])
        .select_related(target, *(f"{target}__{name}" for name in select))
        .order_by(f"{target}__sort_order", f"{target}__name")
    )
    by_offer = defaultdict(list)
    for row in rows:
        by_offer[row.offerpage_id].append(getattr(row, target))
    for offer in offers:
        related = getattr(offer, "_cluster_related_objects", None)
        if related is None:
            related = offer._cluster_related_objects = {}
        related[relation] = by_offer[offer.pk]


def offer_facets(qs: QuerySet[OfferPage]) -> dict[str, list[tuple[str, int]]]:
    """Counts per kind, theme and pricing model over a filtered offer queryset."""
    ids = qs.order_by().values("pk")
    kinds = {
        ContentType.objects.get_for_id(row["content_type"]).model_class().kind: row["n"]
        for row in OfferPage.objects.filter(pk__in=ids)
        .values("content_type")
        .annotate(n=Count("pk"))
        .order_by()
    }
    through = OfferPage.themes.through
    offers_by_theme = defaultdict(set)
    for offer_id, slug, parent_slug in through.objects.filter(offerpage_id__in=ids).values_list(
        "offerpage_id", "theme__slug", "theme__parent__slug"
    ):
        offers_by_theme[slug].add(offer_id)
        if parent_slug:
            # A parent theme counts the offers of its sub-themes, as its filter does.
            offers_by_theme[parent_slug].add(offer_id)
    themes = sorted(
        ((slug, len(offer_ids)) for slug, offer_ids in offers_by_theme.items()),
        key=lambda row: (-row[1], row[0]),
    )
    pricing = list(
        OfferPage.objects.filter(pk__in=ids)
        .exclude(pricing_model="")
        .values_list("pricing_model")
        .annotate(n=Count("pk"))
        .order_by("-n", "pricing_model")
    )
    return {"kind": sorted(kinds.items()), "themes": themes, "pricing": pricing}


def collection_listing(collection) -> tuple[list, list[OfferPage]]:
    """The curated items whose offer is visible, in editorial order, and the offers to
    show: the curated ones, then (if enabled) every other visible offer sharing a theme.
    Both sets of offers are loaded together, so the page costs a constant number of
    queries."""
    items = list(collection.items.order_by("sort_order"))
    item_offer_ids = [item.offer_id for item in items]
    rows = list(visible_offers().filter(pk__in=item_offer_ids))
    if collection.include_theme_offers:
        themes = Theme.objects.filter(Q(collections=collection) | Q(parent__collections=collection))
        rows += (
            visible_offers()
            .filter(themes__in=themes.values("pk"))
            .exclude(pk__in=item_offer_ids)
            .distinct()
            .order_by("title", "pk")
        )
    offers = load_offers(rows)
    by_pk = {offer.pk: offer for offer in offers}
    curated = [item for item in items if item.offer_id in by_pk]
    for item in curated:
        item.offer = by_pk[item.offer_id]
    curated_ids = set(item_offer_ids)
    extra = [offer for offer in offers if offer.pk not in curated_ids]
    return curated, [item.offer for item in curated] + extra
