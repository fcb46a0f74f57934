"""Reads of the diagnostic for the admin: advisors' associations and their runs."""

from django.db.models import Count, Max, OuterRef, QuerySet, Subquery

from .models import AdvisedAssociation, AdvisorRun, DiagnosticPage, DiagnosticResult
from .permissions import AdvisedAssociationPermissionPolicy

association_policy = AdvisedAssociationPermissionPolicy(AdvisedAssociation)


def associations_for(user, action: str = "view") -> QuerySet[AdvisedAssociation]:
    """The associations the user may see ("view") or edit ("change"), with their runs'
    count, last date and last level for the listing."""
    last = AdvisorRun.objects.filter(association=OuterRef("pk")).order_by("-result__created_at")
    return (
        association_policy.instances_user_has_any_permission_for(user, [action])
        .select_related("advisor")
        .annotate(
            run_count=Count("runs"),
            last_run_at=Max("runs__result__created_at"),
            last_level=Subquery(last.values("result__level")[:1]),
        )
    )


def association_runs(association: AdvisedAssociation) -> list[AdvisorRun]:
    """Latest first, with their results and the questionnaire pages they link to."""
    return list(
        association.runs.select_related("result", "result__page").order_by(
            "-result__created_at", "-pk"
        )
    )


def result_public_path(result: DiagnosticResult, request=None) -> str | None:
    """The public page of a result, or None when its questionnaire is gone or
    unpublished."""
    page = result.page
    if page is None or not page.live or not page.get_url(request):
        return None
    return page.result_url(result.pk, request)


def diagnostic_path(request=None) -> str | None:
    """The public questionnaire an advisor runs with an association, if one is visible."""
    page = DiagnosticPage.objects.visible().order_by("path").first()
    return page.get_url(request) if page is not None else None
