"""The arithmetic of a scorecard, on plain values: no database, so that it can be checked
by hand (`tests/catalogue/test_scorecard_arithmetic.py`). `services.scorecard_refresh`
reads the grid and the approved evaluations, calls `scorecard_aggregate` and stores the
result.

The rules, decided once here:

- **Which evaluations count:** approved ones only (the caller passes them). Of several
  approved evaluations by one organisation, only the latest (by approval time, then id)
  counts: the later one supersedes the earlier, even before the supersession is recorded.
  So the scorecard rests on as many evaluations as organisations.
- **Which criteria count:** those of the grid still in use that apply to the offer's kind.
  A retired criterion is left out, answers included: the grid no longer asks it, and a
  scorecard that mixed it in could not be compared with one computed after it was
  retired. A criterion that does not apply to the kind is left out the same way. Past
  answers to either stay in the evaluation itself.
- **"Not applicable"** is counted but never scored: it is left out of every share and
  score (a group answered "not applicable" throughout has no share, not 0 %).
- **Per criterion, group and overall:** the number of yes, partly, no and not applicable
  answers; `answered` is yes + partly + no.
- **Share:** `yes_or_partial_share` = (yes + partly) / answered, what the public page
  shows per group: "partly" counts as a positive answer, as the grid's guidance reads it.
- **Score:** (2 × yes + 1 × partly + 0 × no) / (2 × answered), between 0 and 1, the
  grid's own points (`choices.ANSWER_SCORES`): partly weighs half a yes. Listings order
  by the overall score, every scored answer weighing the same.
- **Majority answer of a criterion:** the answer given by more evaluations than any other
  ("not applicable" included); none on a tie. Filters ("mostly yes") match it.
- Criteria nobody answered are not listed, nor groups without any listed criterion.
  Shares and scores are rounded to four decimals."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from .choices import ANSWER_SCORES, AnswerValue

PRECISION = 4
MAX_POINTS = max(points for points in ANSWER_SCORES.values() if points is not None)


@dataclass(frozen=True)
class GridCriterion:
    """A criterion of the grid, as the scorecard needs it."""

    pk: int
    slug: str
    name: str
    group_slug: str
    group_name: str
    active: bool = True
    applies_to: tuple[str, ...] = ()

    def counts_for(self, kind: str) -> bool:
        return self.active and (not self.applies_to or kind in self.applies_to)


@dataclass(frozen=True)
class ApprovedEvaluation:
    """An approved evaluation: who, when, and its answer (a code) per criterion pk."""

    pk: int
    actor_id: int
    approved_at: datetime
    answers: Mapping[int, str]


@dataclass
class Tally:
    yes: int = 0
    partial: int = 0
    no: int = 0
    not_applicable: int = 0

    def add(self, answer: str) -> None:
        if answer == AnswerValue.YES:
            self.yes += 1
        elif answer == AnswerValue.PARTIAL:
            self.partial += 1
        elif answer == AnswerValue.NO:
            self.no += 1
        elif answer == AnswerValue.NOT_APPLICABLE:
            self.not_applicable += 1

    def add_tally(self, other: "Tally") -> None:
        self.yes += other.yes
        self.partial += other.partial
        self.no += other.no
        self.not_applicable += other.not_applicable

    @property
    def answered(self) -> int:
        return self.yes + self.partial + self.no

    @property
    def total(self) -> int:
        return self.answered + self.not_applicable

    @property
    def yes_or_partial_share(self) -> float | None:
        if not self.answered:
            return None
        return round((self.yes + self.partial) / self.answered, PRECISION)

    @property
    def score(self) -> float | None:
        if not self.answered:
            return None
        points = sum(
            count * ANSWER_SCORES[answer]
            for answer, count in (
                (AnswerValue.YES, self.yes),
                (AnswerValue.PARTIAL, self.partial),
                (AnswerValue.NO, self.no),
            )
        )
        return round(points / (MAX_POINTS * self.answered), PRECISION)

    @property
    def majority(self) -> str | None:
        counts = sorted(
            (
                (self.yes, AnswerValue.YES),
                (self.partial, AnswerValue.PARTIAL),
                (self.no, AnswerValue.NO),
                (self.not_applicable, AnswerValue.NOT_APPLICABLE),
            ),
            key=lambda row: row[0],
            reverse=True,
        )
        (best, answer), (runner_up, _answer) = counts[0], counts[1]
        if best == 0 or best == runner_up:
            return None
        return str(answer)

    def as_dict(self) -> dict:
        return {
            "yes": self.yes,
            "partial": self.partial,
            "no": self.no,
            "not_applicable": self.not_applicable,
            "answered": self.answered,
            "yes_or_partial_share": self.yes_or_partial_share,
            "score": self.score,
        }


@dataclass
class CriterionResult:
    criterion: GridCriterion
    tally: Tally = field(default_factory=Tally)

    def as_dict(self) -> dict:
        return {
            "slug": self.criterion.slug,
            "name": self.criterion.name,
            "group": self.criterion.group_slug,
            **self.tally.as_dict(),
            "majority": self.tally.majority,
        }


@dataclass
class GroupResult:
    slug: str
    name: str
    criteria: list[CriterionResult] = field(default_factory=list)

    @property
    def tally(self) -> Tally:
        total = Tally()
        for result in self.criteria:
            total.add_tally(result.tally)
        return total

    def as_dict(self) -> dict:
        return {
            "slug": self.slug,
            "name": self.name,
            **self.tally.as_dict(),
            "criteria": [result.criterion.slug for result in self.criteria],
        }


@dataclass
class ScorecardResult:
    evaluations: list[ApprovedEvaluation]
    groups: list[GroupResult]

    @property
    def criteria(self) -> list[CriterionResult]:
        return [result for group in self.groups for result in group.criteria]

    @property
    def tally(self) -> Tally:
        total = Tally()
        for result in self.criteria:
            total.add_tally(result.tally)
        return total

    @property
    def evaluation_count(self) -> int:
        return len(self.evaluations)

    @property
    def organisation_count(self) -> int:
        return len({evaluation.actor_id for evaluation in self.evaluations})

    @property
    def last_approved_at(self) -> datetime:
        return max(evaluation.approved_at for evaluation in self.evaluations)


def latest_per_organisation(
    evaluations: Iterable[ApprovedEvaluation],
) -> list[ApprovedEvaluation]:
    """The latest approved evaluation of each organisation, in approval order."""
    latest: dict[int, ApprovedEvaluation] = {}
    for evaluation in evaluations:
        current = latest.get(evaluation.actor_id)
        if current is None or (evaluation.approved_at, evaluation.pk) > (
            current.approved_at,
            current.pk,
        ):
            latest[evaluation.actor_id] = evaluation
    return sorted(latest.values(), key=lambda evaluation: (evaluation.approved_at, evaluation.pk))


def scorecard_aggregate(
    *, kind: str, grid: Iterable[GridCriterion], evaluations: Iterable[ApprovedEvaluation]
) -> ScorecardResult | None:
    """The scorecard of an offer of `kind` from its approved `evaluations`, on `grid` (in
    the grid's order); None when no evaluation counts (« non évaluée »)."""
    current = latest_per_organisation(evaluations)
    if not current:
        return None
    groups: dict[str, GroupResult] = {}
    for criterion in grid:
        if not criterion.counts_for(kind):
            continue
        result = CriterionResult(criterion)
        for evaluation in current:
            answer = evaluation.answers.get(criterion.pk)
            if answer is not None:
                result.tally.add(answer)
        if not result.tally.total:
            continue
        group = groups.setdefault(
            criterion.group_slug, GroupResult(criterion.group_slug, criterion.group_name)
        )
        group.criteria.append(result)
    return ScorecardResult(evaluations=current, groups=list(groups.values()))
