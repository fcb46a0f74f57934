"""`OfferReport`: a visitor's « information erronée ou obsolète » about an offer."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from ..choices import ReportReason, ReportStatus
from ..panels import ReportedOfferPanel
from ..report_forms import MESSAGE_MAX_LENGTH, OfferReportCloseForm


class OfferReport(models.Model):
    """What a visitor says is wrong or out of date on an offer page, left in the
    coordinators' queue until one of them closes it with a note.

    The e-mail is the only personal data asked for, and is optional: it lets a coordinator
    answer. Only the admin shows it, to those who may handle reports; no page, API field
    or export reads this model (nothing registers it with grapple, and open data reads
    offers only)."""

    # A visitor's post must not empty every cache: nothing public reads reports.
    changes_public_content = False

    offer = models.ForeignKey(
        "catalogue.OfferPage",
        verbose_name=_("offer"),
        on_delete=models.CASCADE,
        related_name="reports",
    )
    reason = models.CharField(_("reason"), max_length=16, choices=ReportReason.choices)
    message = models.TextField(_("message"), max_length=MESSAGE_MAX_LENGTH)
    email = models.EmailField(_("e-mail address"), blank=True)
    created_at = models.DateTimeField(_("reported on"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=8, choices=ReportStatus.choices, default=ReportStatus.OPEN
    )
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("closed on"), null=True, blank=True)
    closing_note = models.TextField(
        _("closing note"),
        blank=True,
        help_text=_("What was checked or corrected; kept with the report."),
    )

    # The coordinators' form: the report read only, and the note that closes it
    # (`catalogue.report_viewsets`).
    base_form_class = OfferReportCloseForm
    panels = [
        MultiFieldPanel(
            [
                ReportedOfferPanel(),
                FieldRowPanel(
                    [
                        FieldPanel("reason", read_only=True),
                        FieldPanel("created_at", read_only=True),
                    ]
                ),
                FieldPanel("message", read_only=True),
                FieldPanel("email", read_only=True),
            ],
            heading=_("Report"),
        ),
        FieldPanel("closing_note"),
    ]

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "-created_at"], name="offerreport_queue")]

    def __str__(self):
        return _("Report no. %(number)s on “%(offer)s”") % {
            "number": self.pk,
            "offer": self.offer.title if self.offer_id else "",
        }

    @property
    def is_open(self) -> bool:
        return self.status == ReportStatus.OPEN
