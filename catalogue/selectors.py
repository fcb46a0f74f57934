"""Reusable reads of the catalogue. Everything here returns visible content only."""

from collections import Counter, defaultdict
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

from cms import content_version
from cms.visibility import in_private_collection

from .models import (
    Evaluation,
    EvaluationAnswer,
    EvaluationCriterion,
    OfferPage,
    OfferQuality,
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
# One-to-one rows a caller may join to the listing query (the API, when the query selects
# their fields): the stored data-quality score.
JOINABLE = ("quality",)
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


def _with_relations(
    offers: QuerySet[OfferPage], kinds: Iterable = (), joins: Iterable[str] = ()
) -> QuerySet[OfferPage]:
    """Joined to their provider and logos (and to the tables of `kinds`, and to `joins`
    among `JOINABLE`), with whether each logo is private (read by `_as_kinds`)."""
    return (
        offers.select_related(
            *LISTING_RELATIONS, *(kind._meta.model_name for kind in kinds), *joins
        )
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


def theme_tree() -> list[Theme]:
    """`themes_in_tree_order()`, each with its parent: a small taxonomy that the filters'
    options, the theme facet and the cards all show, read once until a theme changes."""
    return content_version.remember("theme-tree", themes_in_tree_order, depends_on=(Theme,))


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
    for relation in ("provider", "logo", *JOINABLE):
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
# What an offer card shows (`includes/offer_card.html`): its logo and its themes.
CARD_PRELOADS = ("themes", "logo_renditions")


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
    ids: list[int],
    *,
    kinds: Iterable = (),
    preloads=PRELOADS,
    joins: Iterable[str] = (),
    scorecards: bool = False,
) -> list[OfferPage]:
    """The offers of `ids`, in the order of `ids`, each as its kind, for a page of a
    listing whose ids were read through `visible()` (see `cms.api.pagination.IdPaginator`):
    visibility is not asked again. One query reads the shared columns, provider and logos,
    and the own columns of `kinds` (the others are fetched when read, for all the offers
    at once), and the rows of `joins` (among `JOINABLE`); then one query for each of
    `preloads` (what a card shows, by default; the API passes what the query selects, its
    loaders reading anything else). With `scorecards`, the same query reads each offer's
    scorecard numbers for its card."""
    offers = _with_relations(OfferPage.objects.all(), kinds, joins)
    if scorecards:
        offers = with_scorecards(offers)
    pages = offers.in_bulk(ids)
    _keep_scorecards(pages.values())
    return _attach_relations(_as_kinds(pages[pk] for pk in ids if pk in pages), preloads)


def offer_theme_ids(qs: QuerySet[OfferPage]) -> dict[int, list[int]]:
    """The theme ids of each offer of a filtered queryset, from the relation's table
    alone: the themes themselves are known (`theme_tree()`). One read serves both the
    theme facet and the cards of a listing (`attach_themes`)."""
    rows = OfferPage.themes.through.objects.filter(offerpage_id__in=qs.order_by().values("pk"))
    theme_ids = defaultdict(list)
    for offer_id, theme_id in rows.values_list("offerpage_id", "theme_id"):
        theme_ids[offer_id].append(theme_id)
    return theme_ids


def attach_themes(offers: list[OfferPage], theme_ids: dict[int, list[int]]) -> None:
    """The themes of `offers`, from their ids, in the order the cards show them, where
    `offer.themes.all()` reads them (as `_attach_many_to_many` does), without a query."""
    themes = {theme.pk: theme for theme in theme_tree()}
    for offer in offers:
        chosen = [themes[pk] for pk in theme_ids.get(offer.pk, ()) if pk in themes]
        _set_related(offer, "themes", sorted(chosen, key=lambda t: (t.sort_order, t.name)))


def _set_related(offer: OfferPage, relation: str, objects: list) -> None:
    related = getattr(offer, "_cluster_related_objects", None)
    if related is None:
        related = offer._cluster_related_objects = {}
    related[relation] = objects


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
        _set_related(offer, relation, by_offer[offer.pk])


def offer_facets(
    qs: QuerySet[OfferPage], *, theme_ids: dict[int, list[int]] | None = None
) -> dict[str, list[tuple[str, int]]]:
    """Counts per kind, theme and pricing model over a filtered offer queryset: the kinds
    and pricing models from one grouped query (by both at once), the themes from the
    offers' theme ids (`offer_theme_ids(qs)`, read here unless the caller has them)."""
    ids = qs.order_by().values("pk")
    kinds, pricing = Counter(), Counter()
    for content_type_id, pricing_model, n in (
        OfferPage.objects.filter(pk__in=ids)
        .values_list("content_type", "pricing_model")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        kinds[ContentType.objects.get_for_id(content_type_id).model_class().kind] += n
        if pricing_model:
            pricing[pricing_model] += n
    if theme_ids is None:
        theme_ids = offer_theme_ids(qs)
    themes = {theme.pk: theme for theme in theme_tree()}
    offers_by_theme = defaultdict(set)
    for offer_id, offer_theme_pks in theme_ids.items():
        for theme in (themes[pk] for pk in offer_theme_pks if pk in themes):
            offers_by_theme[theme.slug].add(offer_id)
            if theme.parent_id:
                # A parent theme counts the offers of its sub-themes, as its filter does.
                offers_by_theme[theme.parent.slug].add(offer_id)
    return {
        "kind": sorted(kinds.items()),
        "themes": sorted(
            ((slug, len(offer_ids)) for slug, offer_ids in offers_by_theme.items()),
            key=lambda row: (-row[1], row[0]),
        ),
        "pricing": sorted(pricing.items(), key=lambda row: (-row[1], row[0])),
    }


def collection_listing(collection) -> tuple[list, list[OfferPage]]:
    """The curated items whose offer is visible, in editorial order, and the offers to
    show: the curated ones, then (if enabled) every other visible offer sharing a theme,
    by title. Both sets of offers are read in one query, loaded as cards."""
    items = list(collection.items.order_by("sort_order"))
    item_offer_ids = [item.offer_id for item in items]
    wanted = Q(pk__in=item_offer_ids)
    if collection.include_theme_offers:
        themes = Theme.objects.filter(Q(collections=collection) | Q(parent__collections=collection))
        themed = OfferPage.themes.through.objects.filter(theme__in=themes.values("pk"))
        wanted |= Q(pk__in=themed.values("offerpage_id"))
    rows = visible_offers(scorecards=True).filter(wanted).order_by("title", "pk")
    offers = load_offers(rows, preloads=CARD_PRELOADS)
    by_pk = {offer.pk: offer for offer in offers}
    curated = [item for item in items if item.offer_id in by_pk]
    for item in curated:
        item.offer = by_pk[item.offer_id]
    curated_ids = set(item_offer_ids)
    extra = [offer for offer in offers if offer.pk not in curated_ids]
    return curated, [item.offer for item in curated] + extra


def offers_for_quality(offer_ids: Iterable[int] | None = None) -> QuerySet[OfferPage]:
    """The live offers among `offer_ids` (all when None) with what their data-quality
    score reads (`catalogue.quality.offer_facts`). Private offers count too: editors see
    their scores, while public reads go through `visible()` as ever."""
    offers = OfferPage.objects.live()
    if offer_ids is not None:
        offers = offers.filter(pk__in=list(offer_ids))
    return (
        offers.select_related("provider")
        .prefetch_related("themes", "audiences")
        .only(
            "pk",
            "summary",
            "body",
            "pricing_model",
            "format",
            "website",
            "last_published_at",
            "last_qualified_on",
            "provider__commune",
        )
        .order_by("pk")
    )


def offer_qualities(offer_ids: Iterable[int]) -> dict[int, OfferQuality]:
    """The stored quality of each offer, by offer id (absent before the first refresh)."""
    return OfferQuality.objects.in_bulk(list(offer_ids))


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
