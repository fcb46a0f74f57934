"""Writes with rules for offer reports: a visitor's report, and its closing by a
coordinator."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from wagtail.log_actions import log

from . import report_tasks
from .choices import ReportStatus
from .models import OfferPage, OfferReport

CLOSE_ACTION = "catalogue.offer_report.close"


class ReportAlreadyClosed(Exception):
    pass


def offer_report_create(
    *, offer: OfferPage, reason: str, message: str, email: str = ""
) -> OfferReport:
    """Record a report on a visible offer (the caller checks it is), and tell the
    coordination once the row is committed."""
    report = OfferReport.objects.create(offer=offer, reason=reason, message=message, email=email)
    transaction.on_commit(lambda: report_tasks.notify_offer_report.enqueue(report.pk))
    return report


@transaction.atomic
def offer_report_close(*, report: OfferReport, user: AbstractBaseUser, note: str) -> OfferReport:
    """Close an open report with a note, once: two coordinators closing it at the same
    moment must not both write their note (the row is locked while it is read)."""
    locked = OfferReport.objects.select_for_update().get(pk=report.pk)
    if locked.status != ReportStatus.OPEN:
        raise ReportAlreadyClosed
    locked.status = ReportStatus.CLOSED
    locked.closing_note = note
    locked.closed_by = user
    locked.closed_at = timezone.now()
    locked.save(update_fields=["status", "closing_note", "closed_by", "closed_at"])
    log(instance=locked, action=CLOSE_ACTION, user=user)
    return locked
