"""The catalogue's background work, on the task queue (Django's Tasks API, through the
django-tasks backport; see `partners/tasks.py`): checking links takes minutes of waiting
on other servers, which no web request or cron process should hold."""

from django_tasks import task

from django.conf import settings
from django.utils import translation

from .link_services import link_checks_run


@task(backend=settings.BACKGROUND_TASKS)
def check_offer_links() -> dict[str, int]:
    """Check the links of every live offer; the summary is kept as the task's result."""
    # The errors are recorded as text, in the site's language, whatever the worker's.
    with translation.override(settings.LANGUAGE_CODE):
        return link_checks_run().as_dict()
