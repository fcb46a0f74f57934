"""Demo diagnostics: the seed questionnaire, about sixty anonymous results spread over
the last twelve months and several departments (so that the observatory has figures to
show), and one association that the demo advisor diagnosed twice, months apart, with
progress in between. Answers are drawn reproducibly. Demo only."""

import random
from datetime import timedelta

from django.utils import timezone

from diagnostic.models import AdvisedAssociation, AdvisorRun, DiagnosticResult
from diagnostic.services import diagnostic_load_seed, result_create

RESULTS = 60
# Indre-et-Loire first: the programme's home; then its neighbours.
DEPARTMENTS = ["37", "37", "37", "37", "41", "41", "45", "36", "18", "86"]
ASSOCIATION = "Les Jardins partagés de Loches"


def _answers(questionnaire, rng: random.Random, maturity: float) -> dict[str, str]:
    """Answers of an association whose practices are about `maturity` (0 to 1)."""
    answers = {}
    for _axis, question in questionnaire.questions():
        draw = rng.random()
        if draw < 0.06:
            answers[question.slug] = "ne-sait-pas"
        elif draw < 0.1:
            answers[question.slug] = "non-applicable"
        else:
            points = max(0, min(3, round(rng.gauss(maturity * 3, 0.9))))
            option = next(o for o in question.options if o.score == points)
            answers[question.slug] = option.value
    return answers


def _dated(result: DiagnosticResult, days_ago: int, hour: int) -> None:
    when = timezone.now() - timedelta(days=days_ago)
    when = when.replace(hour=hour, minute=0, second=0, microsecond=0)
    DiagnosticResult.objects.filter(pk=result.pk).update(created_at=when)


def demo_diagnostic(home, advisor, count) -> None:
    page, created = diagnostic_load_seed(parent=home)
    if created:
        count("diagnostic")
    if DiagnosticResult.objects.exists():
        return  # loaded before: results are never duplicated
    questionnaire = page.questionnaire()
    rng = random.Random(37)  # noqa: S311 - demo data, not security
    for _ in range(RESULTS):
        result = result_create(
            page=page,
            answers=_answers(questionnaire, rng, rng.betavariate(2.2, 2.4)),
            department=rng.choice(DEPARTMENTS),
        )
        _dated(result, rng.randrange(0, 365), rng.randrange(9, 19))
        count("diagnostic_results")

    association = AdvisedAssociation.objects.create(
        advisor=advisor,
        name=ASSOCIATION,
        notes="Association de 40 bénévoles, sans salarié. Référente : la trésorière.",
    )
    for days_ago, maturity, notes in (
        (270, 0.25, "Premier entretien, au local de l'association."),
        (20, 0.6, "Point d'étape : la messagerie partagée et le RGPD sont en place."),
    ):
        result = result_create(
            page=page, answers=_answers(questionnaire, rng, maturity), department="37"
        )
        _dated(result, days_ago, 14)
        AdvisorRun.objects.create(association=association, result=result, notes=notes)
        count("diagnostic_results")
