from collections.abc import Callable
from typing import ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from grapple.models import GraphQLInt, GraphQLString
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page

from cms.api.fields import GraphQLList, GraphQLObject
from cms.visibility import CachedViewRestrictionsMixin, VisiblePageManager

from ..blocks import AxisBlock
from ..scoring import UNSCORED, Axis, Option, Question, Questionnaire


def _ids(items) -> tuple[int, ...]:
    return tuple(item.pk for item in items if item is not None)


class DiagnosticPage(RoutablePageMixin, CachedViewRestrictionsMixin, Page):
    """A needs questionnaire: axes of weighted questions whose answers score 0 to 3 and
    may call for measures. Each result keeps the revision it was computed with.

    Visitors answer it one axis per step (`etape/<n>/`) and read their result at
    `resultat/<id>/`."""

    objects = VisiblePageManager()

    # The views of the steps and the result (`diagnostic/views.py`) store results and read
    # recommendations, whose modules import this one: they register here when the app is
    # ready (`route_view`), so that the model imports none of them.
    route_views: ClassVar[dict[str, Callable]] = {}

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

    @classmethod
    def route_view(cls, name: str):
        def register(view):
            cls.route_views[name] = view
            return view

        return register

    @path("etape/<int:number>/", name="step")
    def step_route(self, request, number: int):
        return self.route_views["step"](self, request, number)

    @path("resultat/<uuid:result_id>/", name="result")
    def result_route(self, request, result_id):
        return self.route_views["result"](self, request, result_id)

    @path("resultat/<uuid:result_id>/pdf/", name="result_pdf")
    def result_pdf_route(self, request, result_id):
        return self.route_views["result_pdf"](self, request, result_id)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["start_url"] = self.step_url(1, request)
        return context

    def step_url(self, number: int, request=None) -> str:
        return self.get_url(request) + self.reverse_subpage("step", kwargs={"number": number})

    def result_url(self, result_id, request=None, *, full: bool = False) -> str:
        base = self.get_full_url(request) if full else self.get_url(request)
        return base + self.reverse_subpage("result", kwargs={"result_id": result_id})

    def result_pdf_url(self, result_id, request=None) -> str:
        return self.get_url(request) + self.reverse_subpage(
            "result_pdf", kwargs={"result_id": result_id}
        )

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
