from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from grapple.models import GraphQLInt, GraphQLString
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from cms.api.fields import GraphQLList, GraphQLObject
from cms.visibility import CachedViewRestrictionsMixin, VisiblePageManager

from ..blocks import AxisBlock
from ..scoring import UNSCORED, Axis, Option, Question, Questionnaire


def _ids(items) -> tuple[int, ...]:
    return tuple(item.pk for item in items if item is not None)


class DiagnosticPage(CachedViewRestrictionsMixin, Page):
    """A needs questionnaire: axes of weighted questions whose answers score 0 to 3 and
    may call for measures. Each result keeps the revision it was computed with."""

    objects = VisiblePageManager()

    intro = models.TextField(_("introduction"), blank=True)
    axes = StreamField(
        [("axis", AxisBlock())],
        verbose_name=_("axes"),
        help_text=_("One step of the questionnaire per axis."),
    )
    measures_shown = models.PositiveSmallIntegerField(
        _("priority measures shown"),
        default=6,
        help_text=_("How many measures a result recommends first."),
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("measures_shown"),
        FieldPanel("axes"),
    ]
    graphql_fields = [
        GraphQLString("intro", required=True, description="Introduction du questionnaire."),
        GraphQLInt(
            "measures_shown",
            required=True,
            description="Nombre de mesures prioritaires qu'un résultat recommande.",
        ),
        GraphQLList(
            GraphQLObject,
            "axes",
            "diagnostic.schema.types.DiagnosticAxis",
            description="Les axes du questionnaire, dans l'ordre, chacun avec ses questions.",
        ),
        GraphQLList(
            GraphQLObject,
            "unscored_answers",
            "diagnostic.schema.types.DiagnosticOption",
            description="Les deux réponses proposées à chaque question en plus des siennes "
            "(« Je ne sais pas », « Non applicable ») : jamais notées, leur `score` est nul.",
        ),
    ]

    class Meta:
        verbose_name = _("needs diagnostic")
        verbose_name_plural = _("needs diagnostics")

    def questionnaire(self) -> Questionnaire:
        return Questionnaire(
            tuple(
                Axis(
                    slug=axis.value["slug"],
                    name=axis.value["name"],
                    description=axis.value["description"] or "",
                    questions=tuple(
                        Question(
                            slug=question["slug"],
                            text=question["text"],
                            help_text=question["help_text"] or "",
                            weight=int(question["weight"]),
                            options=tuple(
                                Option(
                                    value=option["value"],
                                    label=option["label"],
                                    score=int(option["score"]),
                                    measures=_ids(option["measures"]),
                                    themes=_ids(option["themes"]),
                                )
                                for option in question["options"]
                            ),
                        )
                        for question in axis.value["questions"]
                    ),
                )
                for axis in self.axes
            )
        )

    def clean(self):
        super().clean()
        problems = []
        seen_axes, seen_questions = set(), set()
        for axis in self.axes:
            if axis.value["slug"] in seen_axes:
                problems.append(_("Two axes use the code « %s ».") % axis.value["slug"])
            seen_axes.add(axis.value["slug"])
            for question in axis.value["questions"]:
                if question["slug"] in seen_questions:
                    problems.append(_("Two questions use the code « %s ».") % question["slug"])
                seen_questions.add(question["slug"])
                values = [option["value"] for option in question["options"]]
                if UNSCORED.intersection(values):
                    problems.append(
                        _("« %s » and « %s » are offered with every question: use other codes.")
                        % tuple(sorted(UNSCORED))
                    )
                if len(values) != len(set(values)):
                    problems.append(
                        _("Two answers of « %s » use the same code.") % question["text"]
                    )
        if problems:
            raise ValidationError(problems)
