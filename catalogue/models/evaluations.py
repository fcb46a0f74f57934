"""The common evaluation grid and the evaluations that actors write on it."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    WorkflowMixin,
)

from ..choices import AnswerValue


class CriterionGroup(models.Model):
    """A heading of the grid (Usage, Coût, Données et RGPD…): the scorecard adds up
    answers per group."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta:
        verbose_name = _("criterion group")
        verbose_name_plural = _("criterion groups")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class EvaluationCriterion(models.Model):
    """One question of the common grid, maintained by coordination. A criterion is
    retired, never deleted: past evaluations keep their answers to it, under the wording
    they answered."""

    group = models.ForeignKey(
        CriterionGroup,
        verbose_name=_("group"),
        on_delete=models.PROTECT,
        related_name="criteria",
    )
    name = models.CharField(_("wording"), max_length=255)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        help_text=_("Stable identifier, used by filters and the API: do not change it."),
    )
    help_text = models.TextField(
        _("guidance"), blank=True, help_text=_("What evaluators should check, shown beside it.")
    )
    applies_to = models.JSONField(
        _("applies to"),
        default=list,
        blank=True,
        help_text=_("Offer kinds the criterion applies to. Empty: every kind."),
    )
    active = models.BooleanField(
        _("in use"),
        default=True,
        help_text=_(
            "Untick to retire the criterion: new evaluations no longer ask it, past ones keep "
            "their answers."
        ),
    )
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    class Meta:
        verbose_name = _("evaluation criterion")
        verbose_name_plural = _("evaluation criteria")
        ordering = ["group__sort_order", "sort_order", "name"]

    def __str__(self):
        return self.name

    def applies_to_kind(self, kind: str) -> bool:
        return not self.applies_to or kind in self.applies_to


class Evaluation(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, ClusterableModel):
    """An organisation's qualification of one offer on the common grid. Only an evaluation
    approved by coordination (published) counts; a later approved evaluation by the same
    organisation of the same offer supersedes it, and the earlier one stays in the history."""

    offer = models.ForeignKey(
        "catalogue.OfferPage",
        verbose_name=_("offer"),
        on_delete=models.CASCADE,
        related_name="evaluations",
    )
    actor = models.ForeignKey(
        "catalogue.Actor",
        verbose_name=_("evaluating organisation"),
        on_delete=models.PROTECT,
        related_name="evaluations",
    )
    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("What the organisation retains from its evaluation, in a few sentences."),
    )
    superseded_by = models.ForeignKey(
        "self",
        verbose_name=_("superseded by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="supersedes",
    )
    superseded_at = models.DateTimeField(_("superseded on"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created on"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # Drafts and evaluations under review are never public: the scorecard moves the
    # content generation itself when an approval, a withdrawal or a supersession changes it.
    changes_public_content = False

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="evaluation")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="evaluation",
        for_concrete_model=False,
    )

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["-last_published_at", "-created_at"]
        indexes = [models.Index(fields=["offer", "actor"], name="evaluation_offer_actor")]

    def __str__(self):
        return _("%(actor)s on %(offer)s") % {"actor": self.actor, "offer": self.offer}

    @property
    def revisions(self):
        return self._revisions

    @property
    def is_current(self) -> bool:
        """Approved and not superseded: the only evaluations the scorecard counts."""
        return self.live and self.superseded_by_id is None


class EvaluationAnswer(models.Model):
    """The answer to one criterion. The criterion's wording is copied when the answer is
    saved, so that renaming the criterion later does not rewrite what was answered."""

    evaluation = ParentalKey(Evaluation, on_delete=models.CASCADE, related_name="answers")
    criterion = models.ForeignKey(
        EvaluationCriterion,
        verbose_name=_("criterion"),
        on_delete=models.PROTECT,
        related_name="answers",
    )
    criterion_name = models.CharField(_("wording answered"), max_length=255, editable=False)

    changes_public_content = False  # as its evaluation
    answer = models.CharField(_("answer"), max_length=8, choices=AnswerValue.choices)
    comment = models.TextField(_("comment"), blank=True)
    source = models.URLField(
        _("source"), blank=True, max_length=500, help_text=_("A link that backs the answer.")
    )

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["criterion__group__sort_order", "criterion__sort_order"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "criterion"], name="one_answer_per_criterion"
            )
        ]

    def __str__(self):
        return f"{self.criterion_name}: {self.get_answer_display()}"

    def save(self, *args, **kwargs):
        if not self.criterion_name:
            self.criterion_name = self.criterion.name
        super().save(*args, **kwargs)
