"""Retention of diagnostic results: anonymous ones are deleted after
DIAGNOSTIC_RETENTION_MONTHS, by a task on the queue that `manage.py
purge_diagnostic_results` enqueues; those an advisor attached are kept."""

from datetime import datetime, timedelta
from io import StringIO

import pytest

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from catalogue.services import taxonomy_load_seed
from diagnostic.models import DiagnosticResult
from diagnostic.services import (
    association_attach_result,
    association_create,
    diagnostic_load_seed,
    result_create,
    results_purge_anonymous,
)
from diagnostic.tasks import purge_old_results

pytestmark = pytest.mark.django_db


@pytest.fixture
def results(home_page):
    """An old anonymous result, a recent one, and an old one an advisor attached."""
    taxonomy_load_seed()
    page, _created = diagnostic_load_seed(parent=home_page)
    answers = {q.slug: q.options[0].value for _axis, q in page.questionnaire().questions()}
    made = {name: result_create(page=page, answers=answers) for name in ("old", "recent", "kept")}
    now = timezone.now()
    DiagnosticResult.objects.filter(pk__in=[made["old"].pk, made["kept"].pk]).update(
        created_at=now - timedelta(days=30 * 25)
    )
    DiagnosticResult.objects.filter(pk=made["recent"].pk).update(
        created_at=now - timedelta(days=30 * 23)
    )
    advisor = get_user_model().objects.create_user("anna", password="motdepasse-demo")
    association = association_create(advisor=advisor, name="Les Amis du Cher")
    association_attach_result(association=association, result_id=made["kept"].pk)
    return made


def _left():
    return set(DiagnosticResult.objects.values_list("pk", flat=True))


def test_the_task_deletes_old_anonymous_results_only(settings, results):
    settings.DIAGNOSTIC_RETENTION_MONTHS = 24

    outcome = purge_old_results.enqueue()

    assert outcome.return_value == 1
    assert _left() == {results["recent"].pk, results["kept"].pk}


def test_the_command_enqueues_the_task(settings, results):
    settings.DIAGNOSTIC_RETENTION_MONTHS = 24
    out = StringIO()

    call_command("purge_diagnostic_results", stdout=out)

    # The tests' backend runs tasks at once: the deletion is done, and said.
    assert "1" in out.getvalue()
    assert results["old"].pk not in _left()
    assert results["kept"].pk in _left()


def test_zero_keeps_every_result(settings, results):
    settings.DIAGNOSTIC_RETENTION_MONTHS = 0

    assert purge_old_results.enqueue().return_value == 0
    call_command("purge_diagnostic_results", stdout=StringIO())

    assert len(_left()) == 3


def _at(*args):
    return timezone.make_aware(datetime(*args))


def test_months_are_calendar_months(results):
    DiagnosticResult.objects.filter(pk=results["old"].pk).update(created_at=_at(2024, 3, 31, 12))
    DiagnosticResult.objects.filter(pk=results["recent"].pk).update(created_at=_at(2025, 3, 1))

    # One year after, to the minute, it is not yet older than 12 months.
    assert results_purge_anonymous(months=12, now=_at(2025, 3, 31, 11, 59)) == 0
    assert results_purge_anonymous(months=12, now=_at(2025, 3, 31, 12, 1)) == 1
    assert _left() == {results["recent"].pk, results["kept"].pk}
    # A month before 31 March is 28 February (the month is shorter), not 3 March.
    assert results_purge_anonymous(months=1, now=_at(2025, 3, 31, 12)) == 0
