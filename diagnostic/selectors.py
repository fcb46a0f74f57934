"""Reads of the diagnostic shared by its pages and the API."""

import uuid

from .models import DiagnosticPage, DiagnosticResult


def visible_diagnostic(slug: str) -> DiagnosticPage | None:
    """The live, public questionnaire with this slug, if any."""
    return DiagnosticPage.objects.visible().filter(slug=slug).order_by("pk").first()


def result_by_id(result_id: str) -> DiagnosticResult | None:
    """A stored result by its UUID, with its page (for `measures_shown`); None for an
    unknown or malformed identifier."""
    try:
        key = uuid.UUID(str(result_id))
    except ValueError:
        return None
    return DiagnosticResult.objects.select_related("page").filter(pk=key).first()
