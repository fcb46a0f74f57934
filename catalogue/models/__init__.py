from .collections import CollectionItem, ThematicCollectionPage
from .index import CatalogueIndexPage
from .kinds import (
    MODEL_BY_KIND,
    OFFER_MODELS,
    ResourcePage,
    SupportServicePage,
    ToolPage,
    TrainingOfferPage,
)
from .media import ReperesImage, ReperesRendition
from .moderation import PeerReviewTask
from .offers import OfferPage
from .search import SearchSynonym, SearchTerm
from .snippets import Actor, Audience, Theme

__all__ = [
    "MODEL_BY_KIND",
    "OFFER_MODELS",
    "Actor",
    "Audience",
    "CatalogueIndexPage",
    "CollectionItem",
    "OfferPage",
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
]
