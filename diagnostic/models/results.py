import uuid

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..choices import MaturityLevel

department_validator = RegexValidator(
    r"^(\d{2,3}|2A|2B)$", _("Enter a department number (e.g. 37, 2A or 974).")
)


class DiagnosticResult(models.Model):
    """One run of a questionnaire, anonymous: the answers and what they scored, under a
    random identifier (a version 4 UUID, 122 random bits), with no identity attached. An
    advisor's identified copy lives apart (`AdvisedAssociation`).

    The questionnaire as it was answered is kept twice: the page revision it was computed
    with, and a snapshot of its structure, so that the result stays readable after the
    questionnaire is edited and after old revisions are purged."""

    # Visitors' runs are not content: writing one leaves the public caches alone.
    changes_public_content = False

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    page = models.ForeignKey(
        "diagnostic.DiagnosticPage",
        verbose_name=_("questionnaire"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="results",
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("questionnaire version"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    questionnaire = models.JSONField(_("questionnaire as answered"))
    answers = models.JSONField(_("answers"))
    axis_scores = models.JSONField(_("scores per axis"))
    score = models.FloatField(_("overall score"), null=True)
    level = models.CharField(
        _("overall level"), max_length=20, choices=MaturityLevel.choices, blank=True
    )
    department = models.CharField(
        _("department"),
        max_length=3,
        blank=True,
        validators=[department_validator],
        help_text=_("The association's department, for local recommendations and statistics."),
    )
    created_at = models.DateTimeField(_("date"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("diagnostic result")
        verbose_name_plural = _("diagnostic results")
        ordering = ["-created_at"]

    def __str__(self):
        return _("Diagnostic of %(date)s") % {"date": self.created_at.date()}


class AdvisedAssociation(models.Model):
    """An association as one advisor knows it: its name and notes, seen by that advisor
    and the coordination only. Its runs link to anonymous results; nothing here is
    copied into them."""

    changes_public_content = False

    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("advisor"),
        on_delete=models.CASCADE,
        related_name="advised_associations",
    )
    name = models.CharField(_("association"), max_length=200)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("advised association")
        verbose_name_plural = _("advised associations")
        ordering = ["name"]

    def __str__(self):
        return self.name


class AdvisorRun(models.Model):
    """A result an advisor attached to one of their associations, with notes."""

    changes_public_content = False

    association = models.ForeignKey(
        AdvisedAssociation,
        verbose_name=_("association"),
        on_delete=models.CASCADE,
        related_name="runs",
    )
    result = models.OneToOneField(
        DiagnosticResult,
        verbose_name=_("result"),
        on_delete=models.CASCADE,
        related_name="advisor_run",
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("attached"), default=timezone.now)

    class Meta:
        verbose_name = _("advisor's run")
        verbose_name_plural = _("advisor's runs")
        ordering = ["-result__created_at"]

    def __str__(self):
        return f"{self.association} — {self.result}"
