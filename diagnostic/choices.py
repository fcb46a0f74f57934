from django.db import models
from django.utils.translation import gettext_lazy as _


class UnscoredAnswer(models.TextChoices):
    """The two answers every question offers besides its own options; never scored."""

    DONT_KNOW = "ne-sait-pas", _("I don't know")
    NOT_APPLICABLE = "non-applicable", _("Not applicable")


class MaturityLevel(models.TextChoices):
    BEGINNER = "peu-initiee", _("Just starting")
    PROGRESSING = "en-progres", _("Progressing")
    EXPERIENCED = "experimentee", _("Experienced")


class MeasurePriority(models.IntegerChoices):
    URGENT = 1, _("1 — urgent")
    HIGH = 2, _("2 — high")
    MEDIUM = 3, _("3 — medium")
    LOW = 4, _("4 — when possible")
