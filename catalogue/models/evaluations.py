"""The common evaluation grid and the evaluations that actors write on it."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from grapple.models import GraphQLBoolean, GraphQLForeignKey, GraphQLString
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    WorkflowMixin,
)

from cms.api.fields import GraphQLDateTime, GraphQLEnum, GraphQLList
from cms.reference_index import IndexedOnceMixin

from ..choices import AnswerValue
from ..forms import CriterionForm, EvaluationForm
from ..panels import EvaluatedOfferPanel, EvaluationEditHandler, EvaluationGridPanel
from .kinds import OfferKind

# An evaluation not approved yet (a draft, under review, sent back, withdrawn) or an
# approved one with changes waiting; an organisation has at most one per offer.
IN_PROGRESS = Q(live=False, superseded_by__isnull=True) | Q(has_unpublished_changes=True)

# The GraphQL enum of the answers (OUI, PARTIEL, NON, NA), shared by the evaluations'
# fields and the offers' filter on criteria.
ANSWER_ENUM = ("AnswerValue", "Réponse à un critère de la grille d'évaluation.")
OFFER_KIND_ENUM = ("OfferKind", "Type d'offre.")


class CriterionGroup(models.Model):
    """A heading of the grid (Usage, Coût, Données et RGPD…): the scorecard adds up
    answers per group."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    graphql_fields = [
        GraphQLString("name", required=True, description="Nom du groupe de critères."),
        GraphQLString("slug", required=True, description="Identifiant stable du groupe."),
    ]

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

    base_form_class = CriterionForm
    panels = [
        FieldPanel("group"),
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("help_text"),
        FieldPanel("applies_to"),
        FieldPanel("active"),
        FieldPanel("sort_order"),
    ]
    graphql_fields = [
        GraphQLString("slug", required=True, description="Identifiant stable du critère."),
        GraphQLString("name", required=True, description="Libellé actuel du critère."),
        GraphQLString(
            "help_text", required=True, description="Ce que les évaluateurs doivent vérifier."
        ),
        GraphQLForeignKey(
            "group", "catalogue.CriterionGroup", required=True, description="Groupe du critère."
        ),
        GraphQLList(
            GraphQLEnum,
            "kinds",
            OFFER_KIND_ENUM,
            OfferKind.choices,
            description="Types d'offre auxquels le critère s'applique (tous s'il s'applique "
            "à tous).",
        ),
        GraphQLBoolean(
            "active",
            required=True,
            description="Faux quand le critère est retiré de la grille : les évaluations "
            "passées gardent leur réponse, les fiches d'évaluation ne le comptent plus.",
        ),
    ]

    class Meta:
        verbose_name = _("evaluation criterion")
        verbose_name_plural = _("evaluation criteria")
        ordering = ["group__sort_order", "sort_order", "name"]

    def __str__(self):
        return self.name

    def applies_to_kind(self, kind: str) -> bool:
        return not self.applies_to or kind in self.applies_to

    @staticmethod
    def kind_choices() -> list[tuple[str, str]]:
        """The offer kinds a criterion may apply to, for the grid's form (which may not
        import the models)."""
        return list(OfferKind.choices)

    def kinds_label(self) -> str:
        labels = dict(OfferKind.choices)
        if not self.applies_to:
            return str(_("Every kind"))
        return ", ".join(str(labels.get(kind, kind)) for kind in self.applies_to)

    kinds_label.short_description = capfirst(_("applies to"))

    def clean(self):
        super().clean()
        kinds = self.applies_to
        if not isinstance(kinds, list) or not all(isinstance(kind, str) for kind in kinds):
            raise ValidationError({"applies_to": _("Give a list of offer kinds.")})
        unknown = sorted(set(kinds) - set(OfferKind.values))
        if unknown:
            raise ValidationError(
                {"applies_to": _("Unknown offer kind: %(kinds)s.") % {"kinds": ", ".join(unknown)}}
            )


class Evaluation(
    IndexedOnceMixin, WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, ClusterableModel
):
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

    base_form_class = EvaluationForm
    # One screen: the offer (chosen before the form opens), the organisation, one answer
    # per applicable criterion (built by the form, never a free list) and the summary.
    edit_handler = EvaluationEditHandler(
        [
            EvaluatedOfferPanel(heading=_("Evaluated offer")),
            FieldPanel("actor"),
            EvaluationGridPanel(heading=_("Common grid")),
            FieldPanel("summary"),
        ]
    )
    graphql_fields = [
        GraphQLForeignKey(
            "actor", "catalogue.Actor", required=True, description="Structure qui a évalué."
        ),
        GraphQLDateTime(
            "approved_at", required=True, description="Date d'approbation par la coordination."
        ),
        GraphQLString(
            "summary",
            required=True,
            description="Ce que la structure retient, en quelques phrases.",
        ),
        GraphQLList(
            GraphQLForeignKey,
            "answers",
            "catalogue.EvaluationAnswer",
            description="Réponses, dans l'ordre de la grille.",
        ),
    ]

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
    def approved_at(self):
        """When coordination approved it: the evaluation is published on approval."""
        return self.last_published_at

    @property
    def is_current(self) -> bool:
        """Approved and not superseded: the only evaluations the scorecard counts."""
        return self.live and self.superseded_by_id is None

    @property
    def in_progress(self) -> bool:
        """Written but not approved yet: a draft, under review, sent back or withdrawn, or
        an approved evaluation with changes waiting."""
        return (not self.live and not self.superseded_by_id) or self.has_unpublished_changes

    def standing_label(self) -> str:
        if self.superseded_by_id:
            return str(_("Superseded"))
        if self.live:
            return str(_("Current"))
        return str(_("Not approved"))

    standing_label.short_description = capfirst(_("standing"))

    @classmethod
    def applicable_criteria(cls, offer) -> list:
        """The criteria asked about this offer: in use, and applying to its kind, in the
        grid's order (groups first)."""
        kind = offer.specific_class.kind if offer is not None else ""
        criteria = EvaluationCriterion.objects.filter(active=True).select_related("group")
        return [criterion for criterion in criteria if criterion.applies_to_kind(kind)]

    @classmethod
    def of_organisations(cls, *, user, offer_id):
        """The evaluations of this offer by the user's organisations that are current or
        in progress: the ones to continue rather than start again."""
        return (
            cls.objects.filter(offer_id=offer_id, actor__users=user)
            .filter(Q(superseded_by__isnull=True) | Q(has_unpublished_changes=True))
            .select_related("actor")
            .order_by("actor__name", "-live", "-pk")
        )

    @classmethod
    def in_progress_for(cls, *, actor_id, offer_id, exclude_pk=None):
        """The organisation's unfinished evaluation of the offer, if any: one at a time."""
        return (
            cls.objects.filter(actor_id=actor_id, offer_id=offer_id)
            .filter(IN_PROGRESS)
            .exclude(pk=exclude_pk)
            .order_by("-pk")
            .first()
        )

    def with_content_json(self, content):
        """Supersession and authorship belong to the evaluation as a whole, not to a
        revision: a revision saved before the evaluation was superseded must not bring
        back what the row says now. Answers to a criterion deleted since the revision was
        saved are dropped, so that the revision can still be opened and published."""
        obj = super().with_content_json(content)
        obj.superseded_by_id = self.superseded_by_id
        obj.superseded_at = self.superseded_at
        obj.created_by_id = self.created_by_id
        obj.created_at = self.created_at
        answers = list(obj.answers.all())
        known = set(
            EvaluationCriterion.objects.filter(
                pk__in={answer.criterion_id for answer in answers}
            ).values_list("pk", flat=True)
        )
        if len(known) < len(answers):
            obj.answers = [answer for answer in answers if answer.criterion_id in known]
        return obj

    @transaction.atomic
    def publish(self, revision, *args, **kwargs):
        # What an approval changes beyond the evaluation (the evaluations it supersedes,
        # the offer's qualification dates) is written by `published` receivers: the same
        # transaction holds them, whichever route published (workflow or editor).
        return super().publish(revision, *args, **kwargs)


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

    graphql_fields = [
        GraphQLForeignKey(
            "criterion",
            "catalogue.EvaluationCriterion",
            required=True,
            description="Critère de la grille (son libellé et son groupe actuels).",
        ),
        GraphQLString(
            "criterion_slug", required=True, description="Identifiant stable du critère."
        ),
        GraphQLString(
            "criterion_name",
            required=True,
            description="Libellé du critère tel qu'il était quand la structure a répondu.",
        ),
        GraphQLEnum(
            "answer", ANSWER_ENUM, AnswerValue.choices, required=True, description="Réponse."
        ),
        GraphQLString("comment", required=True, description="Commentaire de la structure."),
        GraphQLString("source", description="Lien qui étaye la réponse, le cas échéant."),
    ]

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
