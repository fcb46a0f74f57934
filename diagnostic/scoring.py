"""The diagnostic's arithmetic, on plain values: no database, no Wagtail.

The rule (`seed/diagnostic.json`, "scoring"): each question has a weight (1 to 3) and each
answer is worth 0 to 3 points; « Je ne sais pas » and « Non applicable » are never scored.
An axis scores sum(weight × points) / sum(weight × 3) over its scored questions, as a
percentage; an axis without any scored answer has no score (None), rather than 0, which
would call it weak. The overall score applies the same sum to every scored question of the
questionnaire, so a heavily weighted question counts as much overall as within its axis.

Levels: below 40 % « peu initiée », below 75 % « en progrès », else « expérimentée »; the
seed's `below` bounds, so 40 is already « en progrès » and 75 « expérimentée »."""

from dataclasses import dataclass, field
from fractions import Fraction

from django.utils.translation import gettext

from .choices import MaturityLevel, UnscoredAnswer

MAX_POINTS = 3
# (upper bound, excluded, in percent; level below it)
LEVEL_BOUNDS = ((40, MaturityLevel.BEGINNER), (75, MaturityLevel.PROGRESSING))
UNSCORED = frozenset(UnscoredAnswer.values)


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    score: int
    measures: tuple[int, ...] = ()
    themes: tuple[int, ...] = ()


@dataclass(frozen=True)
class Question:
    slug: str
    text: str
    weight: int
    options: tuple[Option, ...]
    help_text: str = ""

    def option(self, value: str) -> Option | None:
        return next((option for option in self.options if option.value == value), None)


@dataclass(frozen=True)
class Axis:
    slug: str
    name: str
    questions: tuple[Question, ...]
    description: str = ""


@dataclass(frozen=True)
class Questionnaire:
    axes: tuple[Axis, ...]

    def questions(self) -> list[tuple[Axis, Question]]:
        return [(axis, question) for axis in self.axes for question in axis.questions]

    def question(self, slug: str) -> Question | None:
        return next((q for _axis, q in self.questions() if q.slug == slug), None)

    def to_json(self) -> list[dict]:
        return [
            {
                "slug": axis.slug,
                "name": axis.name,
                "description": axis.description,
                "questions": [
                    {
                        "slug": question.slug,
                        "text": question.text,
                        "help_text": question.help_text,
                        "weight": question.weight,
                        "options": [
                            {
                                "value": option.value,
                                "label": option.label,
                                "score": option.score,
                                "measures": list(option.measures),
                                "themes": list(option.themes),
                            }
                            for option in question.options
                        ],
                    }
                    for question in axis.questions
                ],
            }
            for axis in self.axes
        ]

    @classmethod
    def from_json(cls, axes: list[dict]) -> "Questionnaire":
        return cls(
            tuple(
                Axis(
                    slug=axis["slug"],
                    name=axis["name"],
                    description=axis.get("description", ""),
                    questions=tuple(
                        Question(
                            slug=question["slug"],
                            text=question["text"],
                            help_text=question.get("help_text", ""),
                            weight=int(question["weight"]),
                            options=tuple(
                                Option(
                                    value=option["value"],
                                    label=option["label"],
                                    score=int(option["score"]),
                                    measures=tuple(option.get("measures", ())),
                                    themes=tuple(option.get("themes", ())),
                                )
                                for option in question["options"]
                            ),
                        )
                        for question in axis["questions"]
                    ),
                )
                for axis in axes
            )
        )


class AnswerError(ValueError):
    """Answers that cannot be scored; `problems` maps a question slug (or "" for the whole
    set) to a message, in French."""

    def __init__(self, problems: dict[str, str]):
        super().__init__("; ".join(f"{slug}: {message}" for slug, message in problems.items()))
        self.problems = problems


def level_of(percent: float | None) -> MaturityLevel | None:
    if percent is None:
        return None
    for bound, level in LEVEL_BOUNDS:
        if percent < bound:
            return level
    return MaturityLevel.EXPERIENCED


@dataclass(frozen=True)
class AxisScore:
    slug: str
    name: str
    score: float | None
    level: MaturityLevel | None
    scored: int
    unscored: int


@dataclass(frozen=True)
class Trigger:
    """A measure an answer calls for, and the answer that called for it."""

    measure: int
    axis: str
    question: Question
    option: Option


@dataclass(frozen=True)
class Outcome:
    axes: tuple[AxisScore, ...]
    score: float | None
    level: MaturityLevel | None
    triggers: tuple[Trigger, ...] = field(default=())

    def axis(self, slug: str) -> AxisScore | None:
        return next((axis for axis in self.axes if axis.slug == slug), None)


def check_answers(questionnaire: Questionnaire, answers: dict[str, str]) -> None:
    """Raise AnswerError unless `answers` gives exactly one known answer to every question."""
    problems = {}
    known = {question.slug: question for _axis, question in questionnaire.questions()}
    for slug, value in answers.items():
        question = known.get(slug)
        if question is None:
            problems[slug] = gettext("This question is not in the questionnaire.")
        elif value not in UNSCORED and question.option(value) is None:
            problems[slug] = gettext("« %(value)s » is not an answer to « %(question)s ».") % {
                "value": value,
                "question": question.text,
            }
    for slug, question in known.items():
        if slug not in answers:
            problems[slug] = gettext("Answer « %(question)s ».") % {"question": question.text}
    if problems:
        raise AnswerError(problems)


def _percent(points: int, maximum: int) -> float | None:
    if not maximum:
        return None
    return float(round(Fraction(100 * points, maximum), 1))


def score(questionnaire: Questionnaire, answers: dict[str, str]) -> Outcome:
    """The outcome of complete, checked answers (see `check_answers`)."""
    axes, triggers = [], []
    total_points = total_max = 0
    for axis in questionnaire.axes:
        points = maximum = scored = unscored = 0
        for question in axis.questions:
            option = question.option(answers[question.slug])
            if option is None:
                unscored += 1
                continue
            scored += 1
            points += question.weight * option.score
            maximum += question.weight * MAX_POINTS
            triggers.extend(Trigger(m, axis.slug, question, option) for m in option.measures)
        total_points, total_max = total_points + points, total_max + maximum
        # The level is read from the exact share, not the rounded one: 39.96 % is not 40.
        exact = Fraction(100 * points, maximum) if maximum else None
        axes.append(
            AxisScore(
                axis.slug,
                axis.name,
                _percent(points, maximum),
                level_of(exact),
                scored,
                unscored,
            )
        )
    exact = Fraction(100 * total_points, total_max) if total_max else None
    return Outcome(tuple(axes), _percent(total_points, total_max), level_of(exact), tuple(triggers))
