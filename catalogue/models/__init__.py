from .collections import CollectionItem, ThematicCollectionPage
from .index import CatalogueIndexPage
from .media import ReperesImage, ReperesRendition
from .moderation import PeerReviewTask
from .offers import (
    MODEL_BY_KIND,
    OFFER_MODELS,
    OfferPage,
    ResourcePage,
    SupportServicePage,
    ToolPage,
    TrainingOfferPage,
)
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
    "SupportServicePage",
    "ThematicCollectionPage",
    "Theme",
    "ToolPage",
    "TrainingOfferPage",
]
