"""Writes of the diagnostic: the seed questionnaire and its measures, results, the
advisors' associations and the retention of anonymous results."""

import calendar
import json
import re
import uuid
from datetime import datetime
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext

from wagtail.models import Page

from catalogue.models import Theme

from .models import AdvisedAssociation, AdvisorRun, DiagnosticPage, DiagnosticResult, Measure
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


# Advisors' associations. The identity (name, notes) lives in these rows only: a result
# stays anonymous, and an advisor's run merely points to it.


def association_create(*, advisor, name: str, notes: str = "") -> AdvisedAssociation:
    return AdvisedAssociation.objects.create(advisor=advisor, name=name.strip(), notes=notes)


def association_update(
    *, association: AdvisedAssociation, name: str, notes: str
) -> AdvisedAssociation:
    association.name = name.strip()
    association.notes = notes
    association.save(update_fields=["name", "notes"])
    return association


UUID_PATTERN = re.compile(
    r"[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}", re.IGNORECASE
)


def result_id_parse(text: str) -> uuid.UUID:
    """The result identifier in what an advisor pasted: the result page's address (its
    last identifier, so a domain or path that looks like one does not mislead) or the
    identifier alone. Raises ValidationError, in French, when there is none."""
    found = UUID_PATTERN.findall(text or "")
    if not found:
        raise ValidationError(
            gettext(
                "Paste the address of the result page (ending in /resultat/…/) or its "
                "identifier, such as 3f2b8c1e-6a4d-4f0e-9b7a-2c5d1e8f9a0b."
            ),
            code="malformed",
        )
    return uuid.UUID(found[-1])


class AttachError(ValidationError):
    """A result that cannot be attached; the message is for the advisor, in French."""


@transaction.atomic
def association_attach_result(
    *, association: AdvisedAssociation, result_id: uuid.UUID, notes: str = ""
) -> AdvisorRun:
    """Attach an anonymous result to the association, as one of its runs. A result
    belongs to one association at most: the second advisor to paste it is refused, and
    is not told whose it is."""
    result = DiagnosticResult.objects.select_for_update().filter(pk=result_id).first()
    if result is None:
        raise AttachError(
            gettext(
                "No diagnostic result has this identifier. Check the address; anonymous "
                "results are deleted after a while unless an advisor attached them."
            ),
            code="unknown",
        )
    existing = AdvisorRun.objects.filter(result=result).first()
    if existing is not None:
        if existing.association_id == association.pk:
            raise AttachError(
                gettext("This result is already one of this association's runs."),
                code="attached_here",
            )
        raise AttachError(
            gettext("This result is already attached to another association."),
            code="attached_elsewhere",
        )
    try:
        with transaction.atomic():
            return AdvisorRun.objects.create(association=association, result=result, notes=notes)
    except IntegrityError as error:  # attached in the meantime, by another request
        raise AttachError(
            gettext("This result is already attached to another association."),
            code="attached_elsewhere",
        ) from error


def advisor_run_detach(*, run: AdvisorRun) -> DiagnosticResult:
    """Take a run off its association; the result stays, anonymous again, and falls
    under the retention rule."""
    result = run.result
    run.delete()
    return result


# Retention


def _months_before(moment: datetime, months: int) -> datetime:
    """The same day and time `months` earlier, or the month's last day when it is shorter."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return moment.replace(
        year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1])
    )


def results_purge_anonymous(*, months: int, now: datetime | None = None) -> int:
    """Delete the results older than `months` that no advisor attached to an association;
    0 keeps every result. Returns how many were deleted."""
    if months <= 0:
        return 0
    cutoff = _months_before(now or timezone.now(), months)
    expired = DiagnosticResult.objects.filter(created_at__lt=cutoff, advisor_run__isnull=True)
    _total, by_model = expired.delete()
    return by_model.get(DiagnosticResult._meta.label, 0)
