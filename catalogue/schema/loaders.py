"""Per-request loaders of the catalogue (see `cms.api.loaders` for how they batch)."""

from collections import defaultdict

from cms.api.loaders import (
    DataLoader,
    ManyToManyLoader,
    ModelByIdLoader,
    RelatedIdsLoader,
    related_ids_by_source,
)

from .. import selectors
from ..models import (
    Actor,
    CollectionItem,
    CriterionGroup,
    EvaluationCriterion,
    OfferPage,
    ThematicCollectionPage,
    Theme,
    ToolPage,
)


class ActorByIdLoader(ModelByIdLoader):
    model = Actor


class ThemeByIdLoader(ModelByIdLoader):
    model = Theme


class OfferQualityByOfferIdLoader(DataLoader):
    """The stored data-quality row of each offer (None before its first refresh)."""

    def batch_load(self, keys):
        rows = selectors.offer_qualities(keys)
        return [rows.get(key) for key in keys]


class OfferByIdLoader(DataLoader):
    """Visible offers, as their kind, with provider, logo, themes and audiences."""

    def batch_load(self, keys):
        offers = {
            offer.pk: offer
            for offer in selectors.load_offers(selectors.visible_offers().filter(pk__in=keys))
        }
        return [offers.get(key) for key in keys]


def visible_offers(info, ids) -> list:
    """The visible offers among `ids`, in the order of `ids`."""
    return [offer for offer in OfferByIdLoader.for_request(info).load_many(ids) if offer]


class ThemesByOfferIdLoader(ManyToManyLoader):
    model = OfferPage
    field_name = "themes"
    # A theme's `parentSlug` is asked with it more often than not.
    target_relations = ("parent",)


class AudiencesByOfferIdLoader(ManyToManyLoader):
    model = OfferPage
    field_name = "audiences"


class ThemesByCollectionIdLoader(ManyToManyLoader):
    model = ThematicCollectionPage
    field_name = "themes"


class AlternativeIdsByToolIdLoader(RelatedIdsLoader):
    model = ToolPage
    field_name = "alternatives"


class CollectionItemsByCollectionIdLoader(DataLoader):
    """Curated items whose offer is visible, in editorial order, the offer loaded."""

    def batch_load(self, keys):
        rows = list(CollectionItem.objects.filter(collection_id__in=keys).order_by("sort_order"))
        offers = {
            offer.pk: offer
            for offer in selectors.load_offers(
                selectors.visible_offers().filter(pk__in=[row.offer_id for row in rows])
            )
        }
        items = defaultdict(list)
        for row in rows:
            if row.offer_id in offers:
                row.offer = offers[row.offer_id]
                items[row.collection_id].append(row)
        return [items[key] for key in keys]


class ThemeOfferIdsByCollectionIdLoader(DataLoader):
    """For each collection, the ids of the visible offers that carry one of its themes or
    a sub-theme of them, by title: what a collection that includes its themes' offers
    adds after its selection."""

    def batch_load(self, keys):
        themes = related_ids_by_source(ThematicCollectionPage, "themes", keys)
        wanted = {theme for ids in themes.values() for theme in ids}
        children = defaultdict(set)
        for pk, parent in Theme.objects.filter(parent__in=wanted).values_list("pk", "parent"):
            children[parent].add(pk)
        expanded = {
            key: set(themes[key]).union(*(children[t] for t in themes[key])) for key in keys
        }
        through = OfferPage.themes.through
        offers_by_theme = defaultdict(set)
        titles = {}
        for offer, theme, title in through.objects.filter(
            theme_id__in=set().union(*expanded.values()),
            offerpage_id__in=selectors.visible_offers().values("pk"),
        ).values_list("offerpage_id", "theme_id", "offerpage__title"):
            offers_by_theme[theme].add(offer)
            titles[offer] = title
        result = []
        for key in keys:
            ids = set().union(*(offers_by_theme[theme] for theme in expanded[key]))
            result.append(sorted(ids, key=lambda pk: (titles[pk], pk)))
        return result


class ScorecardByOfferIdLoader(DataLoader):
    """The stored scorecard of each offer, None when it is « non évaluée »."""

    def batch_load(self, keys):
        scorecards = selectors.scorecards_by_offer_ids(keys)
        return [scorecards.get(key) for key in keys]


class CurrentEvaluationsByOfferIdLoader(DataLoader):
    """The current approved evaluations of each offer (`selectors.current_evaluations`),
    latest first, each with its actor and its answers."""

    def batch_load(self, keys):
        evaluations = selectors.current_evaluations_by_offer(keys)
        return [evaluations.get(key, []) for key in keys]


class CriterionGroupByIdLoader(ModelByIdLoader):
    model = CriterionGroup


class CriterionByIdLoader(ModelByIdLoader):
    model = EvaluationCriterion
