"""The demo's diagnostics (home/demo/diagnostic.py), loaded without the rest of the demo."""

import pytest

from django.utils import timezone

from catalogue.services import taxonomy_load_seed
from diagnostic.models import AdvisedAssociation, DiagnosticResult
from home.demo.diagnostic import ASSOCIATION, RESULTS, demo_diagnostic
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db


def test_the_demo_spreads_results_and_diagnoses_one_association_twice(home_page):
    taxonomy_load_seed()
    advisor = UserFactory()
    counted = []

    demo_diagnostic(home_page, advisor, counted.append)

    results = DiagnosticResult.objects.all()
    assert results.count() == RESULTS + 2
    months = {(r.created_at.year, r.created_at.month) for r in results}
    assert len(months) >= 11
    assert all(timezone.now() - r.created_at < timezone.timedelta(days=366) for r in results)
    departments = set(results.values_list("department", flat=True))
    assert len(departments) >= 4 and "37" in departments
    assert {r.level for r in results} == {"peu-initiee", "en-progres", "experimentee"}

    association = AdvisedAssociation.objects.get(name=ASSOCIATION)
    assert association.advisor == advisor
    first, second = (run.result for run in association.runs.order_by("result__created_at"))
    assert second.score > first.score
    # Results hold no identity: the association's name lives in its own table only.
    assert not results.filter(answers__icontains="Jardins").exists()

    # Loading again creates nothing.
    again = []
    demo_diagnostic(home_page, advisor, again.append)
    assert again == [] and DiagnosticResult.objects.count() == RESULTS + 2
