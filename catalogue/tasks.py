"""The catalogue's work on the task queue (Django's Tasks API, see `partners/tasks.py`)."""

from django_tasks import task

from django.conf import settings

from .services import offer_quality_refresh


@task(backend=settings.BACKGROUND_TASKS)
def refresh_offer_quality() -> int:
    """Every offer's data-quality score, recomputed: freshness falls with the date alone,
    so this runs daily (`manage.py refresh_offer_quality`, from cron)."""
    return offer_quality_refresh()
