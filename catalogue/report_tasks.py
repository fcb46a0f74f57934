"""The coordination told of a new offer report by e-mail, on the task queue: a slow or
unreachable mail server never holds the visitor's request."""

from django_tasks import task

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from .choices import ReportStatus
from .models import OfferReport
from .roles import COORDINATION


def _coordinators_emails() -> list[str]:
    users = get_user_model().objects.filter(is_active=True, groups__name=COORDINATION, email__gt="")
    return sorted(set(users.values_list("email", flat=True)))


def _message(report: OfferReport, recipient: str) -> EmailMessage:
    # The reporter's address stays out of the e-mail: mail gets forwarded, and the
    # admin shows it to whoever handles the report.
    subject = gettext("[Repères] New report on “%(offer)s”") % {"offer": report.offer.title}
    body = "\n".join(
        [
            gettext("A visitor reported a problem on the offer “%(offer)s”.")
            % {"offer": report.offer.title},
            "",
            gettext("Problem: %(reason)s") % {"reason": report.get_reason_display()},
            "",
            report.message,
            "",
            gettext("Read and close the report: %(url)s")
            % {
                "url": settings.WAGTAILADMIN_BASE_URL
                + reverse("offer_reports:edit", args=[report.pk])
            },
        ]
    )
    return EmailMessage(subject=subject, body=body, to=[recipient])


@task(backend=settings.BACKGROUND_TASKS)
def notify_offer_report(report_id: int) -> int:
    """E-mail each coordinator about a report still open; returns how many were sent."""
    report = (
        OfferReport.objects.select_related("offer")
        .filter(pk=report_id, status=ReportStatus.OPEN)
        .first()
    )
    recipients = _coordinators_emails() if report is not None else []
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        messages = [_message(report, recipient) for recipient in recipients]
    return get_connection().send_messages(messages) or 0
