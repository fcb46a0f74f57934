"""The scorecard of an offer, as the last recomputation left it.

Computed by `catalogue.services.scorecard_refresh` from the offer's current approved
evaluations (see `catalogue.scorecards` for the arithmetic) and stored, so that a listing
of offers reads all their scorecards in one query and can filter and order on them in
SQL. Never edited by hand: an approval, a withdrawal, a supersession, a deletion or a
change to the grid recomputes it."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import AnswerValue


class OfferScorecard(models.Model):
    """What the approved evaluations of one offer add up to. An offer without a current
    approved evaluation has no row: it is « non évaluée »."""

    offer = models.OneToOneField(
        "catalogue.OfferPage",
        verbose_name=_("offer"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="scorecard",
    )
    evaluation_count = models.PositiveIntegerField(_("evaluations"))
    organisation_count = models.PositiveIntegerField(_("evaluating organisations"))
    last_approved_at = models.DateTimeField(_("last approved on"))
    # Weighted score of every scored answer (yes 2, partly 1, no 0) over the best possible,
    # between 0 and 1; null when every answer was "not applicable". Listings sort on it.
    score = models.FloatField(_("score"), null=True, blank=True)
    yes_or_partial_share = models.FloatField(_("share of yes or partly"), null=True, blank=True)
    # Per group and per criterion, in the grid's order, with their names at the time of
    # computing (the grid's edits recompute every scorecard): see `catalogue.scorecards`.
    groups = models.JSONField(_("groups"), default=list)
    criteria = models.JSONField(_("criteria"), default=list)
    computed_at = models.DateTimeField(_("computed on"), auto_now=True)

    class Meta:
        verbose_name = _("scorecard")
        verbose_name_plural = _("scorecards")
        indexes = [models.Index(fields=["score"], name="scorecard_score")]

    def __str__(self):
        return str(self.offer_id)


class ScorecardCriterion(models.Model):
    """The answers to one criterion on one offer's scorecard, one row per criterion that
    received an answer: what listings filter on ("mostly yes to hosting in the EU")."""

    scorecard = models.ForeignKey(
        OfferScorecard,
        verbose_name=_("scorecard"),
        on_delete=models.CASCADE,
        related_name="criterion_rows",
    )
    criterion = models.ForeignKey(
        "catalogue.EvaluationCriterion",
        verbose_name=_("criterion"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    yes = models.PositiveIntegerField(_("yes"), default=0)
    partial = models.PositiveIntegerField(_("partly"), default=0)
    no = models.PositiveIntegerField(_("no"), default=0)
    not_applicable = models.PositiveIntegerField(_("not applicable"), default=0)
    # The answer given by more evaluations than any other; blank on a tie.
    majority = models.CharField(
        _("majority answer"), max_length=8, choices=AnswerValue.choices, blank=True
    )

    class Meta:
        verbose_name = _("scorecard criterion")
        verbose_name_plural = _("scorecard criteria")
        constraints = [
            models.UniqueConstraint(
                fields=["scorecard", "criterion"], name="one_scorecard_row_per_criterion"
            )
        ]
        indexes = [
            models.Index(fields=["criterion", "majority"], name="scorecard_criterion_majority")
        ]

    def __str__(self):
        return f"{self.scorecard_id}: {self.criterion_id}"
