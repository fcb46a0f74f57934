"""Work of the catalogue on the task queue (Django's Tasks API, through the django-tasks
backport), never in a request."""

from django_tasks import task

from django.conf import settings

from .services import scorecards_refresh_all


@task(backend=settings.BACKGROUND_TASKS)
def refresh_all_scorecards() -> int:
    """Every scorecard, after coordination changed the grid: a renamed, retired or
    re-scoped criterion changes what every scorecard shows."""
    return scorecards_refresh_all()
