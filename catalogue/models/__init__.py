from .collections import CollectionItem, ThematicCollectionPage
from .evaluations import (
    CriterionGroup,
    Evaluation,
    EvaluationAnswer,
    EvaluationCriterion,
)
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
from .links import LinkCheck
from .media import ReperesImage, ReperesRendition
from .moderation import IndependentApprovalTask, PeerReviewTask
from .offers import OfferPage
from .quality import OfferQuality
from .reports import OfferReport
from .scorecards import OfferScorecard, ScorecardCriterion
from .search import SearchSynonym, SearchTerm
from .snippets import Actor, Audience, Theme

__all__ = [
    "MODEL_BY_KIND",
    "OFFER_MODELS",
    "Actor",
    "Audience",
    "CatalogueIndexPage",
    "CollectionItem",
    "CriterionGroup",
    "Evaluation",
    "EvaluationAnswer",
    "EvaluationCriterion",
    "LinkCheck",
    "IndependentApprovalTask",
    "OfferKind",
    "OfferPage",
    "OfferQuality",
    "OfferReport",
    "OfferScorecard",
    "PeerReviewTask",
    "ReperesImage",
    "ReperesRendition",
    "ResourcePage",
    "ScorecardCriterion",
    "SearchSynonym",
    "SearchTerm",
    "SupportServicePage",
    "ThematicCollectionPage",
    "Theme",
    "ToolPage",
    "TrainingOfferPage",
    "kind_fields",
]
