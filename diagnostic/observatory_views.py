"""The admin report « Observatoire des diagnostics »: the figures of `observatory.py` as
tables and charts, filtered by period and department, exported as CSV or XLSX through
Wagtail's report view (the same figures, the same suppression, never a result).

Who sees it: the coordination and superusers. Advisors see their own associations'
results elsewhere; the observatory is the programme's view across everyone's."""

import datetime
from dataclasses import dataclass, field

import django_filters

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Min
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.reports import ReportView

from catalogue.opendata import CSV_FORMULA_TRIGGERS, CSV_TEXT_PREFIX
from catalogue.roles import COORDINATION, in_group

from .charts import _whole, scores_chart, shares_chart
from .models import DiagnosticResult
from .observatory import OTHERS, Group, Observatory, add_months, min_group, observatory

HIDDEN = "—"
DEFAULT_MONTHS = 12


def can_see_observatory(user) -> bool:
    return user.is_active and (user.is_superuser or in_group(user, COORDINATION))


def _this_month() -> datetime.date:
    return timezone.localdate().replace(day=1)


def _month_label(month: datetime.date) -> str:
    return capfirst(_month_name(month))


def _month_name(month: datetime.date) -> str:
    return date_format(month, "F Y")


def _department_label(code: str) -> str:
    if code == OTHERS:
        return gettext("Other departments (grouped)")
    return code or gettext("Department not given")


def _fewer_than(minimum: int) -> str:
    return ngettext("fewer than %(count)d result", "fewer than %(count)d results", minimum) % {
        "count": minimum
    }


def _hidden_note(minimum: int) -> str:
    # Not « fewer than N »: a group may be hidden to protect a smaller one.
    return ngettext(
        "hidden: fewer than %(count)d result, or would give such a group away",
        "hidden: fewer than %(count)d results, or would give such a group away",
        minimum,
    ) % {"count": minimum}


@dataclass(frozen=True)
class Cell:
    """A figure of a table: a count, a percentage or both, or the mark of a hidden one.
    The page shows it as text; the export keeps its numbers apart."""

    count: int | None = None
    percent: float | None = None
    hidden: str = ""

    def __str__(self):
        if self.hidden:
            return self.hidden
        if self.percent is None:
            return HIDDEN if self.count is None else str(self.count)
        shown = f"{_whole(self.percent)} %"
        return shown if self.count is None else f"{self.count} ({shown})"


def _percent(value: float | None) -> Cell:
    # An axis nobody scored has no mean: nothing to hide, nothing to show.
    return Cell(percent=value)


def _count_share(count: int, share: float) -> Cell:
    return Cell(count=count, percent=share)


HIDDEN_CELL = Cell(hidden=HIDDEN)


class ObservatoryFilterSet(WagtailFilterSet):
    """The period (whole months, the last twelve by default) and the department. Only the
    departments with enough results in all are offered (see `observatory`)."""

    start = django_filters.ChoiceFilter(
        label=_("First month"), empty_label=None, method="keep", widget=forms.Select
    )
    end = django_filters.ChoiceFilter(
        label=_("Last month"), empty_label=None, method="keep", widget=forms.Select
    )
    department = django_filters.ChoiceFilter(
        label=_("Department"), empty_label=_("All"), method="keep", widget=forms.Select
    )

    class Meta:
        model = DiagnosticResult
        fields = ["start", "end", "department"]

    def __init__(self, data=None, *args, **kwargs):
        this_month = _this_month()
        defaults = {
            "start": add_months(this_month, 1 - DEFAULT_MONTHS).isoformat()[:7],
            "end": this_month.isoformat()[:7],
        }
        data = data.copy() if data is not None else {}
        for name, value in defaults.items():
            if not data.get(name):
                data[name] = value
        super().__init__(data, *args, **kwargs)
        earliest = DiagnosticResult.objects.aggregate(first=Min("created_at"))["first"]
        first = add_months(this_month, 1 - DEFAULT_MONTHS)
        if earliest is not None:
            first = min(first, timezone.localtime(earliest).date().replace(day=1))
        months = []
        month = this_month
        while month >= first:
            months.append((month.isoformat()[:7], _month_label(month)))
            month = add_months(month, -1)
        for name, value in defaults.items():
            self.filters[name].extra["choices"] = months
            self.form.fields[name].choices = months
            self.form.fields[name].initial = value
        departments = (
            DiagnosticResult.objects.exclude(department="")
            .values("department")
            .annotate(results=Count("pk"))
            .filter(results__gte=min_group())
            .order_by("department")
            .values_list("department", flat=True)
        )
        choices = [("", gettext("All")), *((code, code) for code in departments)]
        self.filters["department"].extra["choices"] = choices
        self.form.fields["department"].choices = choices

    def keep(self, queryset, name, value):
        # The observatory reads the period itself (`ObservatoryView.selection`).
        return queryset

    def selection(self) -> tuple[datetime.date, datetime.date, str] | None:
        if not self.is_valid():
            return None
        data = self.form.cleaned_data
        start, end = (datetime.date.fromisoformat(data[name] + "-01") for name in ("start", "end"))
        if start > end:
            self.form.add_error("end", gettext("The period ends before it starts."))
            return None
        return start, end, data.get("department") or ""


@dataclass
class Table:
    caption: str
    headers: list[str]
    rows: list[list[str]]
    # The rows shown as a group's count of results, set apart.
    note: str = ""


@dataclass
class Section:
    slug: str
    title: str
    intro: str
    chart: str = ""
    tables: list[Table] = field(default_factory=list)
    empty: str = ""


def _breakdowns(obs: Observatory) -> list[tuple[str, str, list[Group]]]:
    return [
        ("month", gettext("By month"), obs.months),
        ("department", gettext("By department"), obs.departments),
    ]


def _group_label(kind: str, group: Group) -> str:
    return _month_label(group.key) if kind == "month" else _department_label(group.key)


def _group_count(obs: Observatory, group: Group) -> Cell:
    return Cell(count=group.count) if group.figures else HIDDEN_CELL


def level_section(obs: Observatory) -> Section:
    overall = obs.overall
    rows = [
        (label, overall.levels[value], overall.share(overall.levels[value]))
        for value, label in obs.levels
    ]
    tables = [
        Table(
            gettext("Maturity levels, all results of the selection"),
            [gettext("Level"), gettext("Results"), gettext("Share")],
            [[str(label), Cell(count=count), _percent(share)] for label, count, share in rows],
        )
    ]
    for kind, title, groups in _breakdowns(obs):
        tables.append(
            Table(
                gettext("%(table)s: %(breakdown)s")
                % {"table": gettext("Maturity levels"), "breakdown": title.lower()},
                [title, gettext("Results"), *(str(label) for _value, label in obs.levels)],
                [
                    [
                        _group_label(kind, group),
                        _group_count(obs, group),
                        *(
                            _count_share(
                                group.figures.levels[value],
                                group.figures.share(group.figures.levels[value]),
                            )
                            if group.figures
                            else HIDDEN_CELL
                            for value, _label in obs.levels
                        ),
                    ]
                    for group in groups
                ],
            )
        )
    return Section(
        "levels",
        gettext("Maturity levels"),
        gettext("How many results reach each overall level, and their share."),
        chart=shares_chart(
            [(str(label), count, share) for label, count, share in rows],
            title=gettext("Maturity levels of the results"),
        ),
        tables=tables,
    )


def axis_section(obs: Observatory) -> Section:
    overall = obs.overall
    tables = [
        Table(
            gettext("Mean score per axis, weakest first"),
            [gettext("Axis"), gettext("Mean score"), gettext("Results that scored it")],
            [
                [name, _percent(overall.axis_mean(slug)), Cell(count=overall.axis_counts[slug])]
                for slug, name in obs.axes
            ],
        )
    ]
    for kind, title, groups in _breakdowns(obs):
        tables.append(
            Table(
                gettext("%(table)s: %(breakdown)s")
                % {"table": gettext("Mean score per axis"), "breakdown": title.lower()},
                [gettext("Axis"), *(_group_label(kind, group) for group in groups)],
                [
                    [gettext("Results"), *(_group_count(obs, group) for group in groups)],
                    *(
                        [
                            name,
                            *(
                                _percent(group.figures.axis_mean(slug))
                                if group.figures
                                else HIDDEN_CELL
                                for group in groups
                            ),
                        ]
                        for slug, name in obs.axes
                    ),
                ],
            )
        )
    return Section(
        "axes",
        gettext("Weakest axes"),
        gettext(
            "The mean score of each axis over the results that scored it (answers « I don't "
            "know » and « Not applicable » are not scored), lowest first."
        ),
        chart=scores_chart(
            [(name, overall.axis_mean(slug)) for slug, name in obs.axes],
            title=gettext("Mean score per axis"),
        ),
        tables=tables,
    )


def _items_tables(
    obs: Observatory, items: list[tuple[int, str]], counts: str, heading: str, caption: str
) -> list[Table]:
    overall = obs.overall
    tables = [
        Table(
            caption,
            [heading, gettext("Results"), gettext("Share")],
            [
                [
                    name,
                    Cell(count=getattr(overall, counts)[pk]),
                    _percent(overall.share(getattr(overall, counts)[pk])),
                ]
                for pk, name in items
            ],
        )
    ]
    for kind, title, groups in _breakdowns(obs):
        tables.append(
            Table(
                gettext("%(table)s: %(breakdown)s")
                % {"table": caption, "breakdown": title.lower()},
                [heading, *(_group_label(kind, group) for group in groups)],
                [
                    [gettext("Results"), *(_group_count(obs, group) for group in groups)],
                    *(
                        [
                            name,
                            *(
                                _percent(group.figures.share(getattr(group.figures, counts)[pk]))
                                if group.figures
                                else HIDDEN_CELL
                                for group in groups
                            ),
                        ]
                        for pk, name in items
                    ),
                ],
                note=gettext("Share of the group's results."),
            )
        )
    return tables


def measure_section(obs: Observatory) -> Section:
    return Section(
        "measures",
        gettext("Most frequent measures"),
        gettext("How many results call for each measure, through their answers."),
        tables=_items_tables(
            obs,
            obs.measures,
            "measures",
            gettext("Measure"),
            gettext("Measures called for"),
        ),
        empty=gettext("No result calls for a measure."),
    )


def theme_section(obs: Observatory) -> Section:
    return Section(
        "uncovered",
        gettext("Needs no offer covers"),
        gettext(
            "The themes of need of the results (those of the measures they call for and of "
            "their answers) that no published offer of the catalogue carries, nor any of their "
            "sub-themes: what the programme could add."
        ),
        tables=_items_tables(
            obs,
            obs.uncovered,
            "needs",
            gettext("Theme"),
            gettext("Uncovered themes of need"),
        ),
        empty=gettext("Every theme of need is covered by at least one published offer."),
    )


def crossing_table(obs: Observatory) -> Table:
    columns = [group.key for group in obs.departments]
    return Table(
        gettext("Results by month and department"),
        [gettext("Month"), *(_department_label(code) for code in columns)],
        [
            [
                _month_label(group.key),
                *(
                    HIDDEN_CELL
                    if obs.cells[group.key, code] is None
                    else Cell(count=obs.cells[group.key, code])
                    for code in columns
                ),
            ]
            for group in obs.months
        ],
    )


def sections(obs: Observatory) -> list[Section]:
    if not obs.shown:
        return []
    parts = [level_section(obs), axis_section(obs), measure_section(obs), theme_section(obs)]
    for section in parts:
        if section.empty and not section.tables[0].rows:
            section.tables = []
    counts = Section(
        "counts",
        gettext("Results by month and department"),
        gettext("How many results each month in each department."),
        tables=[crossing_table(obs)],
        empty=gettext("No month holds enough results in one department: every count is hidden."),
    )
    if all(count is None for count in obs.cells.values()):
        counts.tables = []
    return [*parts, counts]


def export_rows(obs: Observatory) -> list[dict]:
    """The figures as rows of (section, table, row, column, count, percentage, note): the
    tables' own cells, so the export hides exactly what the page hides."""
    fewer, hidden = _fewer_than(obs.minimum), _hidden_note(obs.minimum)
    rows = [
        {
            "section": gettext("Selection"),
            "table": "",
            "row": gettext("All results"),
            "column": gettext("Results"),
            "count": obs.total if obs.shown else None,
            "percent": None,
            "note": "" if obs.shown else fewer,
        }
    ]
    for section in sections(obs):
        for table in section.tables:
            for row in table.rows:
                for heading, cell in zip(table.headers[1:], row[1:], strict=True):
                    rows.append(
                        {
                            "section": section.title,
                            "table": table.caption,
                            "row": row[0],
                            "column": heading,
                            "count": cell.count,
                            "percent": None if cell.percent is None else round(cell.percent, 1),
                            "note": hidden if cell.hidden else "",
                        }
                    )
    return rows


def _csv_text(value: str) -> str:
    # Measure titles and theme names are typed by editors (see `catalogue.opendata`).
    return CSV_TEXT_PREFIX + value if value.startswith(CSV_FORMULA_TRIGGERS) else value


class ObservatoryView(ReportView):
    page_title = _("Diagnostic observatory")
    header_icon = "view"
    index_url_name = "diagnostic_observatory"
    index_results_url_name = "diagnostic_observatory_results"
    results_template_name = "diagnostic/admin/observatory_results.html"
    filterset_class = ObservatoryFilterSet
    paginate_by = None
    export_headings = {
        "section": pgettext_lazy("observatory export", "Section"),
        "table": pgettext_lazy("observatory export", "Table"),
        "row": pgettext_lazy("observatory export", "Row"),
        "column": pgettext_lazy("observatory export", "Column"),
        "count": pgettext_lazy("observatory export", "Count"),
        "percent": pgettext_lazy("observatory export", "Percentage"),
        "note": pgettext_lazy("observatory export", "Note"),
    }
    list_export = list(export_headings)
    custom_value_preprocess = {
        **ReportView.custom_value_preprocess,
        str: {ReportView.FORMAT_CSV: _csv_text},
    }

    def dispatch(self, request, *args, **kwargs):
        if not can_see_observatory(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        # The figures are computed apart (`observatory`); the listing itself is empty.
        return DiagnosticResult.objects.none()

    def get_filename(self):
        return gettext("diagnostic-observatory") + "-" + timezone.localdate().isoformat()

    @cached_property
    def selection(self):
        return self.filters.selection() if self.filters else None

    @cached_property
    def observatory(self) -> Observatory | None:
        if self.selection is None:
            return None
        start, end, department = self.selection
        return observatory(start=start, end=end, department=department)

    def get(self, request, *args, **kwargs):
        if self.is_export:
            obs = self.observatory
            return self.as_spreadsheet(
                export_rows(obs) if obs else [], self.request.GET.get("export")
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        obs = self.observatory
        context["observatory"] = obs
        context["sections"] = sections(obs) if obs else []
        form = self.filters.form
        context["selection_errors"] = [
            (form.fields[name].label if name in form.fields else "", error)
            for name, errors in form.errors.items()
            for error in errors
        ]
        context["media"] += forms.Media(css={"all": ["css/admin/observatory.css"]})
        if self.selection:
            start, end, department = self.selection
            context["period"] = (_month_name(start), _month_name(end))
            context["department"] = department
        return context


class ObservatoryMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_observatory(request.user)
