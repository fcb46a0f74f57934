"""Reusable reads of the catalogue. Everything here returns visible content only."""

from collections import defaultdict
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    prefetch_related_objects,
)

from wagtail.images import get_image_model

from cms.visibility import in_private_collection

from .models import (
    Evaluation,
    EvaluationAnswer,
    EvaluationCriterion,
    OfferPage,
    OfferScorecard,
    Theme,
)
from .models.mixins import fetch_together

# A listing reads each offer from the shared tables only (page and offer), joined to its
# provider and logos. Each kind's own table is joined only when a caller asks for it (the
# API, when the query selects a kind's fields): joining all four, with every column, made
# the listing query several times slower to plan and to read. What is left out is fetched
# for a whole page of results at once when something reads it (`FetchTogetherMixin`).
LISTING_RELATIONS = ("provider", "provider__logo", "logo")
# Columns no listing shows: the body, and Wagtail's editorial and scheduling state.
LISTING_DEFERRED = (
    "body",
    "draft_title",
    "latest_revision",
    "latest_revision_created_at",
    "live_revision",
    "has_unpublished_changes",
    "locked",
    "locked_at",
    "locked_by",
    "owner",
    "go_live_at",
    "expire_at",
    "expired",
    "alias_of",
    "show_in_menus",
    "search_description",
    "seo_title",
)


def _with_relations(offers: QuerySet[OfferPage], kinds: Iterable = ()) -> QuerySet[OfferPage]:
    """Joined to their provider and logos (and to the tables of `kinds`), with whether
    each logo is private (read by `_as_kinds`)."""
    return (
        offers.select_related(*LISTING_RELATIONS, *(kind._meta.model_name for kind in kinds))
        .defer(*LISTING_DEFERRED)
        .annotate(
            private_logo=in_private_collection("logo"),
            private_provider_logo=in_private_collection("provider__logo"),
        )
    )


def visible_offers(*, scorecards: bool = False) -> QuerySet[OfferPage]:
    offers = _with_relations(OfferPage.objects.visible())
    return with_scorecards(offers) if scorecards else offers


def themes_in_tree_order() -> list[Theme]:
    """Each top-level theme followed by its sub-themes."""
    themes = list(Theme.objects.select_related("parent"))

    def key(theme):
        top = theme.parent or theme
        return (top.sort_order, top.name, theme.parent_id is not None, theme.sort_order, theme.name)

    return sorted(themes, key=key)


def _hide_private_logos(page):
    # Images of a private collection never reach the public, whichever listing this is.
    if getattr(page, "private_logo", False):
        page.logo = None
    if getattr(page, "private_provider_logo", False) and page.provider_id:
        page.provider.logo = None
    return page


def _as_kind(page):
    """`page` as an instance of its kind: the kind's row if the query joined it, else one
    built from the columns read, the kind's own being deferred."""
    model = page.specific_class
    if model is None or isinstance(page, model):
        return page
    cache = page._state.fields_cache
    offer = cache.get(model._meta.model_name)
    if offer is None:
        values = {
            field.attname: page.__dict__[field.attname]
            for field in OfferPage._meta.concrete_fields
            if field.attname in page.__dict__
        }
        for link in model._meta.parents.values():
            values[link.attname] = page.pk
        names = [f.attname for f in model._meta.concrete_fields if f.attname in values]
        offer = model.from_db(page._state.db, names, [values[name] for name in names])
    for relation in ("provider", "logo"):
        if relation in cache:
            offer._state.fields_cache[relation] = cache[relation]
    # Annotations and relations loaded in memory (`_cluster_related_objects`).
    for name, value in page.__dict__.items():
        if name != "_state":
            offer.__dict__.setdefault(name, value)
    return offer


def _as_kinds(pages: Iterable[OfferPage]) -> list[OfferPage]:
    offers = [_as_kind(_hide_private_logos(page)) for page in pages]
    fetch_together(offers)
    return offers


# What `load_offers` adds to each offer, each in one query for all of them.
PRELOADS = ("themes", "audiences", "logo_renditions")


def _attach_relations(offers: list[OfferPage], preloads=PRELOADS) -> list[OfferPage]:
    """`preloads` of `offers`: one query each."""
    if offers and "themes" in preloads:
        _attach_many_to_many(offers, "themes", "theme", ("parent",))
    if offers and "audiences" in preloads:
        _attach_many_to_many(offers, "audiences", "audience")
    if offers and "logo_renditions" in preloads:
        renditions = get_image_model().get_rendition_model().objects.all()
        prefetch_related_objects(offers, Prefetch("logo__renditions", queryset=renditions))
    return offers


def load_offers(pages: Iterable[OfferPage], *, preloads=PRELOADS) -> list[OfferPage]:
    """The offers of pages read through `visible_offers()`, in order, each as its kind,
    with `preloads` (themes, audiences and logo renditions unless a reader shows less, as
    the open-data export, which shows no image), and their scorecard when read with it."""
    pages = list(pages)
    _keep_scorecards(pages)
    return _attach_relations(_as_kinds(pages), preloads)


def offers_by_ids(
    ids: list[int], *, kinds: Iterable = (), preloads=PRELOADS, scorecards: bool = False
) -> list[OfferPage]:
    """The offers of `ids`, in the order of `ids`, each as its kind, for a page of a
    listing whose ids were read through `visible()` (see `cms.api.pagination.IdPaginator`):
    visibility is not asked again. One query reads the shared columns, provider and logos,
    and the own columns of `kinds` (the others are fetched when read, for all the offers
    at once); then one query for each of `preloads` (what a card shows, by default; the
    API passes what the query selects, its loaders reading anything else). With
    `scorecards`, the same query reads each offer's scorecard numbers for its card."""
    offers = _with_relations(OfferPage.objects.all(), kinds)
    if scorecards:
        offers = with_scorecards(offers)
    pages = offers.in_bulk(ids)
    _keep_scorecards(pages.values())
    return _attach_relations(_as_kinds(pages[pk] for pk in ids if pk in pages), preloads)


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
    rows = list(visible_offers(scorecards=True).filter(pk__in=item_offer_ids))
    if collection.include_theme_offers:
        themes = Theme.objects.filter(Q(collections=collection) | Q(parent__collections=collection))
        rows += (
            visible_offers(scorecards=True)
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


# Evaluations and scorecards


def current_evaluations() -> QuerySet[Evaluation]:
    """The evaluations that count and show: approved (live), not superseded, and the
    latest approved one of each organisation for each offer, which makes it right even
    before a supersession is recorded. Drafts, evaluations in moderation that were never
    approved and withdrawn ones are not live. Of a live evaluation, the rows hold what was
    approved: a later draft or a revision in moderation lives in its revisions only."""
    approved = Evaluation.objects.filter(live=True, superseded_by__isnull=True)
    newer = approved.filter(offer=OuterRef("offer"), actor=OuterRef("actor")).filter(
        Q(last_published_at__gt=OuterRef("last_published_at"))
        | Q(last_published_at=OuterRef("last_published_at"), pk__gt=OuterRef("pk"))
    )
    return approved.exclude(Exists(newer))


def current_evaluations_by_offer(offer_ids: Iterable[int]) -> dict[int, list[Evaluation]]:
    """The current evaluations of each offer, latest approved first, with their actor and
    their answers (in the grid's order, criterion and group loaded): two queries."""
    evaluations = list(
        current_evaluations()
        .filter(offer_id__in=list(offer_ids))
        .select_related("actor")
        .order_by("-last_published_at", "-pk")
    )
    answers = defaultdict(list)
    for answer in (
        EvaluationAnswer.objects.filter(evaluation__in=[e.pk for e in evaluations])
        .select_related("criterion__group")
        .order_by("criterion__group__sort_order", "criterion__sort_order", "criterion__name")
    ):
        answers[answer.evaluation_id].append(answer)
    by_offer = defaultdict(list)
    for evaluation in evaluations:
        evaluation.current_answers = answers[evaluation.pk]
        by_offer[evaluation.offer_id].append(evaluation)
    return by_offer


def scorecards_by_offer_ids(offer_ids: Iterable[int]) -> dict[int, OfferScorecard]:
    return OfferScorecard.objects.in_bulk(list(offer_ids))


# What a card shows of a scorecard: its numbers, not its groups and criteria.
SCORECARD_CARD_DEFERRED = ("scorecard__groups", "scorecard__criteria", "scorecard__computed_at")


def with_scorecards(offers: QuerySet[OfferPage]) -> QuerySet[OfferPage]:
    """Joined to their scorecard's numbers, for the cards of a listing: no query more."""
    return offers.select_related("scorecard").defer(*SCORECARD_CARD_DEFERRED)


def _keep_scorecards(pages: Iterable[OfferPage]) -> None:
    """`scorecard_summary` on each page read `with_scorecards`: the scorecard or None. A
    separate attribute from the `scorecard` relation, which the kind built from the page
    does not share, and which a card shown without it would read with one query each."""
    for page in pages:
        if "scorecard" in page._state.fields_cache:
            page.scorecard_summary = page._state.fields_cache["scorecard"]


def offer_evaluation_context(offer: OfferPage) -> dict:
    """What an offer page shows of its evaluations: the stored scorecard (None when the
    offer is « non évaluée »), the current evaluations, and their answers per criterion
    slug, each answer carrying its evaluation (for the organisation's name and date)."""
    scorecard = OfferScorecard.objects.filter(offer=offer).first()
    if scorecard is None:
        return {"scorecard": None, "evaluations": [], "answers_by_criterion": {}}
    evaluations = current_evaluations_by_offer([offer.pk])[offer.pk]
    answers_by_criterion = defaultdict(list)
    for evaluation in evaluations:
        for answer in evaluation.current_answers:
            answer.evaluation = evaluation
            answers_by_criterion[answer.criterion.slug].append(answer)
    return {
        "scorecard": scorecard,
        "evaluations": evaluations,
        "answers_by_criterion": dict(answers_by_criterion),
    }


def active_criteria(kind: str | None = None) -> list[EvaluationCriterion]:
    """The criteria of the grid in use, in the grid's order, with their group; only those
    that apply to `kind` when given."""
    criteria = list(EvaluationCriterion.objects.filter(active=True).select_related("group"))
    if kind:
        criteria = [criterion for criterion in criteria if criterion.applies_to_kind(kind)]
    return criteria
