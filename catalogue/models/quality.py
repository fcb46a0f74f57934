"""The stored data-quality score of each published offer (`catalogue.quality`)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..quality import Hint


class OfferQuality(models.Model):
    """The score of an offer's published version and what it misses, kept in a table of
    its own so that listings sort and filter on it in SQL. Freshness changes with the
    date alone, so rows are recomputed when the offer is published and once a day
    (`services.offer_quality_refresh`); they are written apart from the page, so that a
    refresh saves no revision of it."""

    offer = models.OneToOneField(
        "catalogue.OfferPage",
        verbose_name=_("offer"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="quality",
    )
    score = models.PositiveSmallIntegerField(_("data quality score"), db_index=True)
    # Codes and values (`Hint.as_json()`), worded in the reader's language when shown.
    missing = models.JSONField(_("what is missing"), default=list, blank=True)
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        verbose_name = _("offer data quality")
        verbose_name_plural = _("offers' data quality")

    def __str__(self):
        return f"{self.offer_id}: {self.score}"

    @property
    def hints(self) -> list[Hint]:
        return [Hint.from_json(item) for item in self.missing]

    @property
    def messages(self) -> list[str]:
        return [hint.message for hint in self.hints]
