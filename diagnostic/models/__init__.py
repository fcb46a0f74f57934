from .measures import Measure
from .pages import DiagnosticPage
from .results import AdvisedAssociation, AdvisorRun, DiagnosticResult

__all__ = [
    "AdvisedAssociation",
    "AdvisorRun",
    "DiagnosticPage",
    "DiagnosticResult",
    "Measure",
]
