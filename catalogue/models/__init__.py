from .collections import CollectionItem, ThematicCollectionPage
from .index import CatalogueIndexPage
from .kinds import (
    MODEL_BY_KIND,
    OFFER_MODELS,
    OfferKind,
    ResourcePage,
    SupportServicePage,
    ToolPage,
    TrainingOfferPage,
    kind_fields,
)
from .media import ReperesImage, ReperesRendition
from .moderation import PeerReviewTask
from .offers import OfferPage
from .quality import OfferQuality
from .search import SearchSynonym, SearchTerm
from .snippets import Actor, Audience, Theme

__all__ = [
    "MODEL_BY_KIND",
    "OFFER_MODELS",
    "Actor",
    "Audience",
    "CatalogueIndexPage",
    "CollectionItem",
    "OfferKind",
    "OfferPage",
    "OfferQuality",
    "PeerReviewTask",
    "ReperesImage",
    "ReperesRendition",
    "ResourcePage",
    "SearchSynonym",
    "SearchTerm",
    "SupportServicePage",
    "ThematicCollectionPage",
    "Theme",
    "ToolPage",
    "TrainingOfferPage",
    "kind_fields",
]
