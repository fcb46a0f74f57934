from .crcn import Competence, CompetenceDomain
from .pages import PathModule, TrainingIndexPage, TrainingModulePage, TrainingPathPage
from .sessions import TrainingSession

__all__ = [
    "Competence",
    "CompetenceDomain",
    "PathModule",
    "TrainingIndexPage",
    "TrainingModulePage",
    "TrainingPathPage",
    "TrainingSession",
]
