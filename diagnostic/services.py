"""Writes of the diagnostic: the seed questionnaire and its measures, and results."""

import json
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from wagtail.models import Page

from catalogue.models import Theme

from .models import DiagnosticPage, DiagnosticResult, Measure
from .scoring import Outcome, Questionnaire, check_answers, score

SEED_FILE = Path(__file__).resolve().parent / "seed" / "diagnostic.json"


def _seed() -> dict:
    return json.loads(SEED_FILE.read_text(encoding="utf-8"))


@transaction.atomic
def measures_load_seed(*, seed: dict | None = None) -> dict[str, Measure]:
    """Create the seed's measures that are missing (by slug); an edited measure is left
    as the editors made it. Returns every seed measure by slug."""
    seed = seed or _seed()
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    measures = {}
    for data in seed["measures"]:
        measure, created = Measure.objects.get_or_create(
            slug=data["slug"],
            defaults={
                "title": data["title"],
                "why": data["why"],
                "how": data["how"],
                "priority": data["priority"],
            },
        )
        if created:
            measure.themes.set([themes[slug] for slug in data["themes"] if slug in themes])
        measures[measure.slug] = measure
    return measures


def _axes_stream(seed: dict, measures: dict[str, Measure]) -> list:
    axes = []
    for axis in seed["axes"]:
        questions = []
        for question in axis["questions"]:
            options, used = [], set()
            for option in question["options"]:
                value = slugify(option["label"])[:60].strip("-") or f"reponse-{option['score']}"
                while value in used:
                    value = f"{value}-{option['score']}"
                used.add(value)
                options.append(
                    {
                        "label": option["label"],
                        "value": value,
                        "score": str(option["score"]),
                        "measures": [measures[slug] for slug in option["measures"]],
                        "themes": [],
                    }
                )
            questions.append(
                {
                    "text": question["text"],
                    "slug": question["slug"],
                    "help_text": question.get("help_text", ""),
                    "weight": str(question["weight"]),
                    "options": options,
                }
            )
        axes.append(
            (
                "axis",
                {
                    "name": axis["name"],
                    "slug": axis["slug"],
                    "description": axis.get("description", ""),
                    "questions": questions,
                },
            )
        )
    return axes


@transaction.atomic
def diagnostic_load_seed(*, parent: Page, slug: str = "diagnostic") -> tuple[DiagnosticPage, bool]:
    """The seed questionnaire, published under `parent`, unless a diagnostic page already
    has that slug there (editors own it once created). Returns it and whether it was
    created."""
    seed = _seed()
    measures = measures_load_seed(seed=seed)
    existing = DiagnosticPage.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing, False
    page = DiagnosticPage(
        title=seed["title"],
        slug=slug,
        intro=seed["intro"],
        measures_shown=seed["priority_measures_shown"],
        axes=_axes_stream(seed, measures),
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()  # its live revision
    return page, True


def result_create(
    *, page: DiagnosticPage, answers: dict[str, str], department: str = ""
) -> DiagnosticResult:
    """Score complete answers against the page's live questionnaire and store the result.
    Raises `scoring.AnswerError` (naming each question at fault) for incomplete or unknown
    answers; nothing is stored then."""
    questionnaire = page.questionnaire()
    check_answers(questionnaire, answers)
    outcome = score(questionnaire, answers)
    return DiagnosticResult.objects.create(
        page=page,
        revision_id=page.live_revision_id,
        questionnaire=questionnaire.to_json(),
        answers=dict(answers),
        axis_scores=[
            {"slug": a.slug, "name": a.name, "score": a.score, "level": a.level or ""}
            for a in outcome.axes
        ],
        score=outcome.score,
        level=outcome.level or "",
        department=department,
    )


def result_outcome(result: DiagnosticResult) -> Outcome:
    """The outcome of a stored result, from the questionnaire as it was answered: an edit
    of the questionnaire since then changes nothing here."""
    return score(Questionnaire.from_json(result.questionnaire), result.answers)
