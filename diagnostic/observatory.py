"""The observatory: what the stored results say together, for the coordination, with no
result ever shown on its own.

What it counts, over the results of a period (whole months) and optionally a department:

- the maturity levels (counts and shares of the results);
- the mean score of each axis, over the results that scored it, weakest first;
- the measures the answers call for (how many results call for each), the same rule as
  `scoring.score()`'s triggers: the measures of every scored answer;
- the themes of need no visible offer covers: a result needs the themes of the measures it
  calls for (as the measures are now) and those of the options it chose (as the
  questionnaire was answered). A theme is covered when a visible offer
  (`OfferPage.objects.visible()`) carries it or one of its sub-themes, as the catalogue's
  theme filter reads a parent theme.

Each is given for the whole selection, by month and by department, and the results are
counted by month and department together.

Small groups. `DIAGNOSTIC_OBSERVATORY_MIN_GROUP` (N, 5 by default) results at least stand
behind every figure shown:

- below N results in the whole selection, nothing is shown but that fact;
- a month with fewer than N results keeps its row (months are public knowledge) with « — »;
- a department with fewer than N results is not named at all: its name alone would tell
  that someone there ran a diagnostic. Such departments, and the results without a
  department, are pooled into one « other departments » group;
- no hidden set can be read by subtraction within a table: when the groups hidden in a
  breakdown hold between 1 and N-1 results together, the smallest shown groups are hidden
  too until they hold N or more (complementary suppression). In the month × department
  counts the same holds on every row and every column, and a hidden month hides its row.
  So the pooled department group always holds 0 or at least N results;
- the department filter offers only the departments with N results or more in all.

What this does not prevent: comparing two different selections (two periods a month apart,
say) can isolate fewer than N results. The report is for the programme's coordination,
who may share it; the exports carry the same suppression, never a result on its own.
Figures within a shown group may still be uniform (five « peu initiée » results of one
month say that each of them is).

Cost: the results of the selection are read in one streamed query, each questionnaire
snapshot parsed once per page revision; the measures, the themes and the themes of the
visible offers take one query each, whatever the number of results."""

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy

from catalogue.models import OfferPage, Theme

from .choices import MaturityLevel
from .models import DiagnosticResult, Measure
from .scoring import Questionnaire

OTHERS = "*"  # the key of the pooled department group; never a department number


def min_group() -> int:
    return max(1, settings.DIAGNOSTIC_OBSERVATORY_MIN_GROUP)


# Months ---------------------------------------------------------------------------------


def add_months(month: datetime.date, count: int) -> datetime.date:
    index = month.year * 12 + month.month - 1 + count
    return datetime.date(index // 12, index % 12 + 1, 1)


def months_between(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    months, month = [], start.replace(day=1)
    while month <= end:
        months.append(month)
        month = add_months(month, 1)
    return months


def month_bounds(start: datetime.date, end: datetime.date) -> tuple[datetime.datetime, ...]:
    """The first moment of `start`'s month and of the month after `end`'s, local time."""
    local = timezone.get_current_timezone()
    return tuple(
        timezone.make_aware(datetime.datetime.combine(day, datetime.time()), local)
        for day in (start.replace(day=1), add_months(end, 1))
    )


# What one result contributes ------------------------------------------------------------


@dataclass(frozen=True)
class ResultFacts:
    month: datetime.date
    department: str
    level: str
    axes: tuple[tuple[str, str, float | None], ...]  # (slug, name, score)
    measures: frozenset[int] = frozenset()
    option_themes: frozenset[int] = frozenset()


def _chosen(questionnaire: Questionnaire, answers: dict) -> tuple[frozenset, frozenset]:
    measures, themes = set(), set()
    for _axis, question in questionnaire.questions():
        option = question.option(answers.get(question.slug))
        if option is not None:
            measures.update(option.measures)
            themes.update(option.themes)
    return frozenset(measures), frozenset(themes)


def result_facts(results: QuerySet[DiagnosticResult]) -> Iterator[ResultFacts]:
    """The facts of `results`, newest first, in one streamed query."""
    questionnaires: dict[int, Questionnaire] = {}
    rows = results.order_by("-created_at").values_list(
        "revision_id",
        "questionnaire",
        "answers",
        "axis_scores",
        "level",
        "department",
        "created_at",
    )
    for revision_id, snapshot, answers, axis_scores, level, department, created in rows.iterator(
        chunk_size=500
    ):
        # Results of one revision share their snapshot: parse it once.
        questionnaire = questionnaires.get(revision_id) if revision_id else None
        if questionnaire is None:
            questionnaire = Questionnaire.from_json(snapshot or [])
            if revision_id:
                questionnaires[revision_id] = questionnaire
        measures, themes = _chosen(questionnaire, answers or {})
        yield ResultFacts(
            month=timezone.localtime(created).date().replace(day=1),
            department=department,
            level=level,
            axes=tuple((a["slug"], a["name"], a.get("score")) for a in axis_scores or ()),
            measures=measures,
            option_themes=themes,
        )


# Small groups ---------------------------------------------------------------------------


def hidden_groups(counts: dict, minimum: int) -> set:
    """The groups of one breakdown to hide: those under `minimum`, then the smallest shown
    ones while the hidden ones hold between 1 and `minimum` - 1 results together (else the
    total less the shown groups would give them away)."""
    hidden = {key for key, count in counts.items() if count < minimum}
    shown = sorted((key for key in counts if key not in hidden), key=lambda k: (counts[k], k))
    while shown and 0 < sum(counts[key] for key in hidden) < minimum:
        hidden.add(shown.pop(0))
    return hidden


def hidden_cells(counts: dict[tuple, int], minimum: int, hidden: Iterable[tuple] = ()) -> set:
    """The cells of a two-way table of counts to hide (`hidden`, plus those under
    `minimum`), so that no row and no column hides between 1 and `minimum` - 1 results."""
    hidden = set(hidden) | {cell for cell, count in counts.items() if count < minimum}
    lines = defaultdict(list)
    for cell in counts:
        lines["row", cell[0]].append(cell)
        lines["column", cell[1]].append(cell)
    changed = True
    while changed:
        changed = False
        for cells in lines.values():
            if 0 < sum(counts[c] for c in cells if c in hidden) < minimum:
                shown = sorted((c for c in cells if c not in hidden), key=lambda c: (counts[c], c))
                if shown:
                    hidden.add(shown[0])
                    changed = True
    return hidden


# Figures --------------------------------------------------------------------------------


@dataclass
class Figures:
    """What a group of results says, before anything is hidden."""

    count: int = 0
    levels: Counter = field(default_factory=Counter)
    axis_sums: dict = field(default_factory=lambda: defaultdict(float))
    axis_counts: Counter = field(default_factory=Counter)
    measures: Counter = field(default_factory=Counter)
    needs: Counter = field(default_factory=Counter)

    def add(self, facts: ResultFacts, needs: Iterable[int]) -> None:
        self.count += 1
        self.levels[facts.level] += 1
        for slug, _name, score in facts.axes:
            if score is not None:
                self.axis_sums[slug] += score
                self.axis_counts[slug] += 1
        self.measures.update(facts.measures)
        self.needs.update(needs)

    def share(self, count: int) -> float:
        return 100 * count / self.count if self.count else 0.0

    def axis_mean(self, slug: str) -> float | None:
        scored = self.axis_counts[slug]
        return self.axis_sums[slug] / scored if scored else None


@dataclass
class Group:
    key: object
    count: int
    figures: Figures | None  # None when hidden


@dataclass
class Observatory:
    minimum: int
    total: int
    overall: Figures | None
    months: list[Group]
    departments: list[Group]  # shown ones by number, then the pooled group if any
    # cells[(month, department key)] = count, or None when hidden
    cells: dict[tuple, int | None]
    levels: list[tuple[str, str]]
    axes: list[tuple[str, str]]  # weakest first
    measures: list[tuple[int, str]]  # most called for first
    uncovered: list[tuple[int, str]]  # most needed first

    @property
    def shown(self) -> bool:
        return self.overall is not None


def observe(
    facts: Iterable[ResultFacts],
    *,
    months: list[datetime.date],
    minimum: int,
    measure_titles: dict[int, str],
    measure_themes: dict[int, set[int]],
    theme_names: dict[int, str],
    covered: set[int],
) -> Observatory:
    """The observatory of `facts`, with every group under the rules of the module's
    docstring: plain values in, no database."""
    facts = list(facts)
    by_month, by_department = defaultdict(list), defaultdict(list)
    for item in facts:
        by_month[item.month].append(item)
        by_department[item.department].append(item)

    month_counts = {month: len(by_month[month]) for month in months}
    hidden_months = hidden_groups(month_counts, minimum)
    department_counts = {code: len(rows) for code, rows in by_department.items()}
    hidden_departments = hidden_groups(department_counts, minimum)
    named = sorted(code for code in department_counts if code not in hidden_departments)

    def needs_of(item: ResultFacts) -> set[int]:
        themes = set(item.option_themes)
        for measure in item.measures:
            themes |= measure_themes.get(measure, set())
        return {theme for theme in themes if theme in theme_names}

    def figures_of(rows: list[ResultFacts]) -> Figures:
        figures = Figures()
        for item in rows:
            figures.add(item, needs_of(item))
        return figures

    total = len(facts)
    overall = figures_of(facts) if total >= minimum else None
    month_groups = [
        Group(
            month,
            month_counts[month],
            None if month in hidden_months or not overall else figures_of(by_month[month]),
        )
        for month in months
    ]
    department_groups = [
        Group(code, department_counts[code], figures_of(by_department[code]) if overall else None)
        for code in named
    ]
    pooled = [item for code in hidden_departments for item in by_department[code]]
    if pooled:
        department_groups.append(
            Group(OTHERS, len(pooled), figures_of(pooled) if len(pooled) >= minimum else None)
        )

    columns = [*named, *([OTHERS] if pooled else [])]
    counts = {(month, column): 0 for month in months for column in columns}
    for item in facts:
        column = item.department if item.department in named else OTHERS
        if (item.month, column) in counts:
            counts[item.month, column] += 1
    hidden = hidden_cells(
        counts, minimum, hidden=[cell for cell in counts if cell[0] in hidden_months]
    )
    cells = {cell: None if cell in hidden or not overall else n for cell, n in counts.items()}

    axis_names = {}
    for item in facts:  # newest first: an axis keeps its latest name
        for slug, name, _score in item.axes:
            axis_names.setdefault(slug, name)
    axes, measures, uncovered = [], [], []
    if overall:
        axes = sorted(
            ((slug, name) for slug, name in axis_names.items() if overall.axis_counts[slug]),
            key=lambda axis: (overall.axis_mean(axis[0]), axis[1]),
        )
        measures = sorted(
            ((pk, measure_titles[pk]) for pk in overall.measures if pk in measure_titles),
            key=lambda m: (-overall.measures[m[0]], m[1]),
        )
        uncovered = sorted(
            ((pk, theme_names[pk]) for pk in overall.needs if pk not in covered),
            key=lambda t: (-overall.needs[t[0]], t[1]),
        )
    return Observatory(
        minimum=minimum,
        total=total,
        overall=overall,
        months=month_groups,
        departments=department_groups,
        cells=cells,
        levels=[
            *MaturityLevel.choices,
            # Every answer « I don't know » or « not applicable »: no level, but a result.
            *([("", gettext_lazy("Not assessed"))] if overall and overall.levels[""] else []),
        ],
        axes=axes,
        measures=measures,
        uncovered=uncovered,
    )


# Reading the database -------------------------------------------------------------------


def covered_themes(parents: dict[int, int | None]) -> set[int]:
    """The themes a visible offer carries, and their parents (see the docstring)."""
    carried = set(
        OfferPage.themes.through.objects.filter(
            offerpage_id__in=OfferPage.objects.visible().order_by().values("pk")
        )
        .values_list("theme_id", flat=True)
        .distinct()
    )
    return carried | {parents[pk] for pk in carried if parents.get(pk)}


def selected_results(
    *, start: datetime.date, end: datetime.date, department: str = ""
) -> QuerySet[DiagnosticResult]:
    since, until = month_bounds(start, end)
    results = DiagnosticResult.objects.filter(created_at__gte=since, created_at__lt=until)
    return results.filter(department=department) if department else results


def observatory(
    *, start: datetime.date, end: datetime.date, department: str = "", minimum: int | None = None
) -> Observatory:
    """The observatory of the results from `start`'s month to `end`'s, of one department
    if given; a constant number of queries."""
    themes = list(Theme.objects.values_list("pk", "name", "parent_id"))
    measure_themes = defaultdict(set)
    for measure_id, theme_id in Measure.themes.through.objects.values_list(
        "measure_id", "theme_id"
    ):
        measure_themes[measure_id].add(theme_id)
    return observe(
        result_facts(selected_results(start=start, end=end, department=department)),
        months=months_between(start, end),
        minimum=minimum or min_group(),
        measure_titles=dict(Measure.objects.values_list("pk", "title")),
        measure_themes=measure_themes,
        theme_names={pk: name for pk, name, _parent in themes},
        covered=covered_themes({pk: parent for pk, _name, parent in themes}),
    )
