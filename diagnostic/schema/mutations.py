"""The diagnostic's mutation, registered through grapple's `register_schema_mutation`.

It is served by the same view as every query (`cms.api.views`): the same size and cost
limits and rate limits apply, and graphene refuses it over GET, so no cache ever keeps
its answer (a POST's answer is `no-store`)."""

import graphene

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from cms.api.errors import ApiErrors, BadUserInput, NotFound

from .. import selectors
from ..models import DiagnosticResult
from ..scoring import AnswerError
from ..services import result_create
from .types import DiagnosticAnswerInput, DiagnosticResultType


def _answers(answers) -> dict[str, str]:
    """The answers by question; a question answered twice is an error of its own (the
    last answer would otherwise silently win)."""
    by_question, twice = {}, []
    for item in answers:
        if item.question in by_question and item.question not in twice:
            twice.append(item.question)
        by_question[item.question] = item.answer
    if twice:
        raise ApiErrors(
            [
                BadUserInput(
                    gettext("« %(question)s »: the question is answered more than once.")
                    % {"question": slug},
                    field="answers",
                    question=slug,
                )
                for slug in twice
            ]
        )
    return by_question


def _department(value: str | None) -> str:
    value = (value or "").strip().upper()
    if value:
        try:
            DiagnosticResult._meta.get_field("department").run_validators(value)
        except ValidationError as exc:
            raise BadUserInput(exc.messages[0], field="department") from None
    return value


class DiagnosticMutation:
    run_diagnostic = graphene.Field(
        DiagnosticResultType,
        description="Note les réponses à un diagnostic publié et enregistre le résultat, "
        "anonyme. Chaque question reçoit exactement une réponse ; chaque problème (question "
        "inconnue, réponse inconnue, question sans réponse ou répondue deux fois) est une "
        "erreur `BAD_USER_INPUT` qui nomme la question dans `extensions.question`, et rien "
        "n'est enregistré.",
        slug=graphene.String(
            required=True, description="Identifiant d'adresse (slug) du diagnostic."
        ),
        answers=graphene.List(
            graphene.NonNull(DiagnosticAnswerInput),
            required=True,
            description="Une réponse par question du diagnostic.",
        ),
        department=graphene.String(
            description="Département de l'association (ex. 37, 2A ou 974), pour des "
            "recommandations locales et des statistiques."
        ),
    )

    def resolve_run_diagnostic(self, info, slug, answers, department=None):
        page = selectors.visible_diagnostic(slug)
        if page is None:
            raise NotFound(gettext("No published diagnostic matches."), field="slug")
        try:
            return result_create(
                page=page, answers=_answers(answers), department=_department(department)
            )
        except AnswerError as exc:
            raise ApiErrors(
                [
                    BadUserInput(
                        _problem(question, message),
                        field="answers",
                        **({"question": question} if question else {}),
                    )
                    for question, message in exc.problems.items()
                ]
            ) from None


def _problem(question: str, message: str) -> str:
    if not question:
        return message
    return gettext("« %(question)s »: %(problem)s") % {"question": question, "problem": message}
