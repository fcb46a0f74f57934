"""Batched resolvers of the catalogue's nested fields, attached to grapple's types by
`cms.api.schema`. Each reads through the loaders of `.loaders`."""

from cms.api.loaders import (
    DocumentByIdLoader,
    ImageByIdLoader,
    VisiblePageByIdLoader,
    load_foreign_key,
    load_many_to_many,
)
from cms.api.resolvers import resolves, resolves_block
from cms.api.streams import load_stream

from ..blocks import CallToActionBlock, OfferLinksBlock
from ..models import (
    Actor,
    CollectionItem,
    Evaluation,
    EvaluationAnswer,
    EvaluationCriterion,
    OfferKind,
    OfferPage,
    ResourcePage,
    ThematicCollectionPage,
    Theme,
    ToolPage,
)
from .loaders import (
    ActorByIdLoader,
    AlternativeIdsByToolIdLoader,
    AudiencesByOfferIdLoader,
    CollectionItemsByCollectionIdLoader,
    CriterionByIdLoader,
    CriterionGroupByIdLoader,
    CurrentEvaluationsByOfferIdLoader,
    OfferByIdLoader,
    OfferQualityByOfferIdLoader,
    ScorecardByOfferIdLoader,
    ThemeByIdLoader,
    ThemeOfferIdsByCollectionIdLoader,
    ThemesByCollectionIdLoader,
    ThemesByOfferIdLoader,
    visible_offers,
)


def _pk(obj):
    return obj.pk


@resolves(OfferPage, "provider")
def resolve_provider(offer, info):
    return load_foreign_key(offer, "provider", ActorByIdLoader, info)


@resolves(OfferPage, "themes")
def resolve_offer_themes(offer, info):
    return load_many_to_many(offer, "themes", ThemesByOfferIdLoader, info)


@resolves(OfferPage, "audiences")
def resolve_offer_audiences(offer, info):
    return load_many_to_many(offer, "audiences", AudiencesByOfferIdLoader, info)


@resolves(OfferPage, "logo")
def resolve_offer_logo(offer, info):
    return load_foreign_key(offer, "logo", ImageByIdLoader, info)


@resolves(OfferPage, "body")
def resolve_offer_body(offer, info):
    return load_stream(offer, info, "body")


def _quality(offer, info):
    # Joined by the `offers` list when its query selects the score (None: no row yet).
    cache = offer._state.fields_cache
    if "quality" in cache:
        return cache["quality"]
    return OfferQualityByOfferIdLoader.for_request(info).load_for(offer, _pk)


@resolves(OfferPage, "quality_score")
def resolve_quality_score(offer, info):
    quality = _quality(offer, info)
    return quality.score if quality else None


@resolves(OfferPage, "quality_missing")
def resolve_quality_missing(offer, info):
    quality = _quality(offer, info)
    return quality.messages if quality else []


@resolves(OfferPage, "scorecard")
def resolve_offer_scorecard(offer, info):
    return ScorecardByOfferIdLoader.for_request(info).load_for(offer, _pk)


@resolves(OfferPage, "evaluations")
def resolve_offer_evaluations(offer, info):
    return CurrentEvaluationsByOfferIdLoader.for_request(info).load_for(offer, _pk)


@resolves(Evaluation, "actor")
def resolve_evaluation_actor(evaluation, info):
    return load_foreign_key(evaluation, "actor", ActorByIdLoader, info)


@resolves(Evaluation, "answers")
def resolve_evaluation_answers(evaluation, info):
    # Only the current evaluations are ever returned, their answers loaded with them.
    return getattr(evaluation, "current_answers", [])


@resolves(EvaluationAnswer, "criterion")
def resolve_answer_criterion(answer, info):
    return load_foreign_key(answer, "criterion", CriterionByIdLoader, info)


@resolves(EvaluationAnswer, "criterion_slug")
def resolve_answer_criterion_slug(answer, info):
    return resolve_answer_criterion(answer, info).slug


@resolves(EvaluationAnswer, "source")
def resolve_answer_source(answer, info):
    return answer.source or None


@resolves(EvaluationCriterion, "group")
def resolve_criterion_group(criterion, info):
    return load_foreign_key(criterion, "group", CriterionGroupByIdLoader, info)


@resolves(EvaluationCriterion, "kinds")
def resolve_criterion_kinds(criterion, info):
    return [kind for kind in OfferKind.values if criterion.applies_to_kind(kind)]


@resolves(ToolPage, "live_alternatives")
def resolve_live_alternatives(tool, info):
    ids = AlternativeIdsByToolIdLoader.for_request(info).load_for(tool, _pk)
    return sorted(visible_offers(info, ids), key=lambda offer: offer.path)


@resolves(ResourcePage, "document")
def resolve_resource_document(resource, info):
    return DocumentByIdLoader.for_request(info).load_for(resource, lambda peer: peer.document_id)


@resolves(ThematicCollectionPage, "themes")
def resolve_collection_themes(collection, info):
    return ThemesByCollectionIdLoader.for_request(info).load_for(collection, _pk)


@resolves(ThematicCollectionPage, "visible_items")
def resolve_visible_items(collection, info):
    return CollectionItemsByCollectionIdLoader.for_request(info).load_for(collection, _pk)


@resolves(ThematicCollectionPage, "all_offers")
def resolve_all_offers(collection, info):
    curated = [item.offer for item in resolve_visible_items(collection, info)]
    if not collection.include_theme_offers:
        return curated
    curated_ids = {offer.pk for offer in curated}
    extra = ThemeOfferIdsByCollectionIdLoader.for_request(info).load_for(collection, _pk)
    return curated + visible_offers(info, [pk for pk in extra if pk not in curated_ids])


@resolves(CollectionItem, "offer")
def resolve_item_offer(item, info):
    return load_foreign_key(item, "offer", OfferByIdLoader, info)


@resolves(Actor, "logo")
def resolve_actor_logo(actor, info):
    return load_foreign_key(actor, "logo", ImageByIdLoader, info)


@resolves(Theme, "parent_slug")
def resolve_parent_slug(theme, info):
    parent = load_foreign_key(theme, "parent", ThemeByIdLoader, info)
    return parent.slug if parent else None


@resolves_block(CallToActionBlock, "href")
def resolve_call_to_action_href(child, info):
    page = child.value.get("page")
    if page is None:
        return child.value.get("url") or None
    # A link to a draft or restricted page must not reveal it.
    target = VisiblePageByIdLoader.for_request(info).load(page.pk)
    return target.url if target else None


@resolves_block(OfferLinksBlock, "live_offers")
def resolve_offer_links(child, info):
    ids = [page.pk for page in child.value.get("offers") or [] if page is not None]
    return [page for page in VisiblePageByIdLoader.for_request(info).load_many(ids) if page]
