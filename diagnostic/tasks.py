"""The diagnostic's background work, on the task queue (Django's Tasks API, through the
django-tasks backport; see `partners/tasks.py`)."""

from django_tasks import task

from django.conf import settings

from .services import results_purge_anonymous


@task(backend=settings.BACKGROUND_TASKS)
def purge_old_results() -> int:
    """Delete the anonymous results older than DIAGNOSTIC_RETENTION_MONTHS (0 keeps them
    all); those an advisor attached to an association are kept. Returns how many went."""
    return results_purge_anonymous(months=settings.DIAGNOSTIC_RETENTION_MONTHS)
