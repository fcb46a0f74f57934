import pytest

from catalogue.choices import ReportStatus
from catalogue.models import OfferReport
from home.demo.loader import load_demo

pytestmark = pytest.mark.django_db


def test_the_demo_fills_the_queue_once():
    created = load_demo(log=lambda *_: None)

    assert created["offer_reports"] == 3
    assert OfferReport.objects.filter(status=ReportStatus.OPEN).count() == 2
    closed = OfferReport.objects.get(status=ReportStatus.CLOSED)
    assert closed.closing_note and closed.closed_by.username == "coordination"
    assert all(report.offer.live for report in OfferReport.objects.select_related("offer"))

    OfferReport.objects.filter(status=ReportStatus.OPEN).update(status=ReportStatus.CLOSED)
    assert "offer_reports" not in load_demo(log=lambda *_: None)
    assert not OfferReport.objects.filter(status=ReportStatus.OPEN).exists()
