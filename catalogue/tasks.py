"""The catalogue's background work, on the task queue (Django's Tasks API, through the
django-tasks backport; see `partners/tasks.py`): checking links takes minutes of waiting
on other servers, the quality scores are recomputed daily, and every scorecard after a
change of the grid; no web request or cron process should hold any of them."""

from django_tasks import task

from django.conf import settings
from django.utils import translation

from .link_services import link_checks_run
from .services import offer_quality_refresh, scorecards_refresh_all


@task(backend=settings.BACKGROUND_TASKS)
def check_offer_links() -> dict[str, int]:
    """Check the links of every live offer, then bring the quality scores, which count
    broken links, up to date; the summary is kept as the task's result."""
    # The errors are recorded as text, in the site's language, whatever the worker's.
    with translation.override(settings.LANGUAGE_CODE):
        summary = link_checks_run().as_dict()
        offer_quality_refresh()
    return summary


@task(backend=settings.BACKGROUND_TASKS)
def refresh_offer_quality() -> int:
    """Every offer's data-quality score, recomputed: freshness falls with the date alone,
    so this runs daily (`manage.py refresh_offer_quality`, from cron)."""
    return offer_quality_refresh()


@task(backend=settings.BACKGROUND_TASKS)
def refresh_all_scorecards() -> int:
    """Every scorecard, after coordination changed the grid: a renamed, retired or
    re-scoped criterion changes what every scorecard shows."""
    return scorecards_refresh_all()
