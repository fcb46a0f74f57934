"""The diagnostic observatory (diagnostic/observatory.py, diagnostic/observatory_views.py):
aggregates computed by hand, small groups hidden, the export, access and query counts."""

import csv
import datetime
import io
import re

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext

from catalogue.models import Theme
from catalogue.roles import ACTORS, ADVISORS, COORDINATION
from catalogue.services import taxonomy_load_seed
from diagnostic.models import DiagnosticResult, Measure
from diagnostic.observatory import (
    OTHERS,
    ResultFacts,
    add_months,
    covered_themes,
    hidden_cells,
    hidden_groups,
    observatory,
    observe,
)
from diagnostic.observatory_views import ObservatoryView
from diagnostic.services import diagnostic_load_seed, result_create
from home.roles import roles_setup
from tests.factories.catalogue import ToolPageFactory
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db

REPORT = "diagnostic_observatory"
THIS_MONTH = timezone.localdate().replace(day=1)
LAST_MONTH = add_months(THIS_MONTH, -1)


def low(question):
    return question.options[0].value


def high(question):
    return question.options[-1].value


def mixed(question):
    # The « projet » axis answered at best, every other one at worst.
    return high(question) if question.slug.startswith("projet") else low(question)


@pytest.fixture
def diagnostic(home_page):
    taxonomy_load_seed()
    page, _created = diagnostic_load_seed(parent=home_page)
    return page


def run(page, pick, *, department="37", month=THIS_MONTH, times=1):
    """`times` results answered with `pick`, dated the 10th of `month`, in `department`."""
    answers = {q.slug: pick(q) for _axis, q in page.questionnaire().questions()}
    moment = timezone.make_aware(
        datetime.datetime.combine(month.replace(day=10), datetime.time(12))
    )
    ids = [result_create(page=page, answers=answers).pk for _ in range(times)]
    DiagnosticResult.objects.filter(pk__in=ids).update(created_at=moment, department=department)
    return ids


def measure_id(slug):
    return Measure.objects.get(slug=slug).pk


def theme_id(slug):
    return Theme.objects.get(slug=slug).pk


# Small groups, on plain values ----------------------------------------------------------


def test_a_group_under_the_minimum_is_hidden_and_cannot_be_worked_out_from_the_total():
    assert hidden_groups({"a": 10, "b": 7, "c": 5}, 5) == set()
    assert hidden_groups({"a": 10, "b": 7, "c": 4}, 5) == {"c", "b"}  # else 21 - 10 - 7
    # Two small groups that hold 5 together protect each other.
    assert hidden_groups({"a": 10, "b": 3, "c": 2}, 5) == {"b", "c"}
    # Empty months are hidden, and hide nothing.
    assert hidden_groups({"a": 10, "b": 0}, 5) == {"b"}


def test_a_two_way_table_hides_no_row_or_column_between_one_and_the_minimum():
    counts = {("m1", "37"): 6, ("m1", "41"): 2, ("m2", "37"): 7, ("m2", "41"): 8}
    hidden = hidden_cells(counts, 5)
    # (m1, 41) alone would be the m1 total less 6: (m1, 37) goes too, and then the
    # column of 37 hides 6, so one more of it, and so on until every line is safe.
    assert ("m1", "41") in hidden and ("m1", "37") in hidden
    for line in ("m1", "m2", "37", "41"):
        held = sum(n for cell, n in counts.items() if line in cell and cell in hidden)
        assert held == 0 or held >= 5


# Aggregates computed by hand ------------------------------------------------------------


@pytest.fixture
def five(diagnostic, home_page, catalogue):
    """Two results at worst, one with only « projet » at best, two at best; offers on
    « cybersécurité » (live) and « RGPD » (draft)."""
    run(diagnostic, low, times=2)
    run(diagnostic, mixed)
    run(diagnostic, high, times=2)
    ToolPageFactory(parent=catalogue, themes=[Theme.objects.get(slug="cybersecurite")])
    ToolPageFactory(parent=catalogue, live=False, themes=[Theme.objects.get(slug="rgpd")])
    return diagnostic


def test_the_observatory_counts_levels_axes_measures_and_uncovered_needs(five):
    obs = observatory(start=THIS_MONTH, end=THIS_MONTH)

    assert obs.total == 5 and obs.shown
    overall = obs.overall
    # Levels: the two at worst and the mixed one are « peu initiée » (15 / 114 points).
    assert overall.levels == {"peu-initiee": 3, "experimentee": 2}
    assert overall.share(overall.levels["peu-initiee"]) == 60
    # Axes: « projet » is at best 3 times out of 5, every other axis 2 times out of 5.
    assert overall.axis_mean("projet") == 60
    assert overall.axis_mean("donnees") == 40
    assert obs.axes[-1][0] == "projet"  # weakest first
    assert {slug for slug, _name in obs.axes[:-1]} == {
        "gouvernance", "competences", "equipement", "gestion", "communication",
        "collaboration", "donnees",
    }  # fmt: skip
    # Measures: the « projet » ones by the two at worst only, the others by three.
    assert overall.measures[measure_id("definir-priorites-numeriques")] == 2
    assert overall.measures[measure_id("sauvegardes")] == 3
    assert measure_id("former-niveau-2") not in overall.measures
    assert {pk for pk, _title in obs.measures[-3:]} == {
        measure_id(slug)
        for slug in ("definir-priorites-numeriques", "recenser-besoins", "financer-numerique")
    }
    # Needs: « cybersécurité » has a live offer; « RGPD » only a draft one.
    uncovered = {pk: overall.needs[pk] for pk, _name in obs.uncovered}
    assert theme_id("cybersecurite") not in uncovered
    assert uncovered[theme_id("rgpd")] == 3
    assert uncovered[theme_id("strategie-numerique")] == 2
    assert obs.uncovered[-1][0] == theme_id("strategie-numerique")


def test_results_without_any_scored_answer_have_a_level_row_of_their_own():
    facts = [ResultFacts(THIS_MONTH, "37", "peu-initiee", (("projet", "Projet", 10.0),))] * 4
    facts.append(ResultFacts(THIS_MONTH, "37", "", (("projet", "Projet", None),)))

    obs = observe(
        facts,
        months=[THIS_MONTH],
        minimum=5,
        measure_titles={},
        measure_themes={},
        theme_names={},
        covered=set(),
    )

    assert obs.overall.levels == {"peu-initiee": 4, "": 1}
    assert [value for value, _label in obs.levels][-1] == ""
    # The unscored axis counts in no mean.
    assert obs.overall.axis_mean("projet") == 10.0 and obs.overall.axis_counts["projet"] == 4


def test_an_offer_on_a_sub_theme_covers_its_parent_theme(catalogue, diagnostic):
    ToolPageFactory(parent=catalogue, themes=[Theme.objects.get(slug="reseaux-sociaux")])
    parents = dict(Theme.objects.values_list("pk", "parent_id"))

    covered = covered_themes(parents)

    assert theme_id("reseaux-sociaux") in covered and theme_id("communication") in covered
    assert theme_id("communication-externe") not in covered


def test_results_are_broken_down_by_month_and_department(five, diagnostic):
    run(diagnostic, high, month=LAST_MONTH, department="41", times=6)

    obs = observatory(start=LAST_MONTH, end=THIS_MONTH)

    assert [(g.key, g.count) for g in obs.months] == [(LAST_MONTH, 6), (THIS_MONTH, 5)]
    assert obs.months[0].figures.levels == {"experimentee": 6}
    assert [(g.key, g.count) for g in obs.departments] == [("37", 5), ("41", 6)]
    assert obs.departments[0].figures.axis_mean("projet") == 60
    assert obs.cells == {
        (LAST_MONTH, "37"): None,  # 0 results
        (LAST_MONTH, "41"): 6,
        (THIS_MONTH, "37"): 5,
        (THIS_MONTH, "41"): None,
    }


# The threshold ---------------------------------------------------------------------------


@pytest.mark.parametrize("times", [4, 5])
def test_four_results_are_hidden_and_five_are_shown(diagnostic, times):
    run(diagnostic, high, department="41", times=times)

    obs = observatory(start=LAST_MONTH, end=THIS_MONTH)

    assert obs.total == times and obs.shown is (times == 5)
    assert [g.figures is not None for g in obs.months] == [False, times == 5]
    assert ("41" in [g.key for g in obs.departments]) is (times == 5)
    assert (obs.cells[THIS_MONTH, "41" if times == 5 else OTHERS] is not None) is (times == 5)


def test_a_small_group_hides_the_next_smallest_so_that_no_total_gives_it_away(diagnostic):
    two_months_ago = add_months(THIS_MONTH, -2)
    run(diagnostic, low, month=two_months_ago, department="37", times=5)
    run(diagnostic, high, month=LAST_MONTH, department="41", times=4)
    run(diagnostic, low, month=THIS_MONTH, department="37", times=5)
    run(diagnostic, mixed, month=THIS_MONTH, department="36", times=5)

    obs = observatory(start=two_months_ago, end=THIS_MONTH)

    # Four results last month, and the five of two months ago with them: 19 - 10.
    assert [g.figures is not None for g in obs.months] == [False, False, True]
    # 41 (four) is not named, and 36 (five) is pooled with it: 19 - 10.
    assert [(g.key, g.count) for g in obs.departments] == [("37", 10), (OTHERS, 9)]
    assert obs.departments[-1].figures.levels == {"experimentee": 4, "peu-initiee": 5}
    assert obs.cells[two_months_ago, "37"] is None and obs.cells[LAST_MONTH, OTHERS] is None


def test_the_threshold_is_a_setting(diagnostic, settings):
    run(diagnostic, low, times=4)
    settings.DIAGNOSTIC_OBSERVATORY_MIN_GROUP = 4
    assert observatory(start=THIS_MONTH, end=THIS_MONTH).shown
    settings.DIAGNOSTIC_OBSERVATORY_MIN_GROUP = 5
    assert not observatory(start=THIS_MONTH, end=THIS_MONTH).shown


# The report ------------------------------------------------------------------------------


@pytest.fixture
def roles(home_page):
    roles_setup()


@pytest.fixture
def coordinator(client, roles):
    user = UserFactory(username="coordination", group=COORDINATION)
    client.force_login(user)
    return user


@pytest.mark.parametrize("group", [ADVISORS, ACTORS])
def test_advisors_and_actors_are_refused(client, roles, diagnostic, group):
    client.force_login(UserFactory(group=group))

    assert client.get(reverse(REPORT)).status_code in (302, 403)
    assert client.get(reverse(REPORT), {"export": "csv"}).status_code in (302, 403)
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "diagnostic-observatory" not in menu


def test_anonymous_visitors_are_sent_to_the_login(client, diagnostic):
    response = client.get(reverse(REPORT))

    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_coordination_reads_the_report_in_the_reports_menu(client, coordinator, five):
    response = client.get(reverse(REPORT))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html and 'role="img"' in html
    assert "Peu initiée : 3 (60 %)" in html  # the chart's description
    assert "Inventorier les comptes et accès" in html
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "diagnostic-observatory" in menu
    # No result's identifier anywhere.
    for pk in DiagnosticResult.objects.values_list("pk", flat=True):
        assert str(pk) not in html


def test_a_small_department_is_not_named_on_the_page(client, coordinator, diagnostic):
    run(diagnostic, low, department="37", times=6)
    run(diagnostic, low, department="974", times=4)
    run(diagnostic, low, department="2A", times=5)

    html = client.get(reverse(REPORT)).content.decode()

    assert ">2A<" in html and ">37<" in html
    # Neither in the tables nor in the department filter.
    assert ">974<" not in html and '"974"' not in html


def test_a_period_that_ends_before_it_starts_is_refused_in_french(client, coordinator, five):
    response = client.get(
        reverse(REPORT), {"start": THIS_MONTH.isoformat()[:7], "end": LAST_MONTH.isoformat()[:7]}
    )

    assert response.status_code == 200
    assert gettext("The period ends before it starts.") in response.content.decode()
    bad = client.get(reverse(REPORT), {"start": "2026-13", "department": "<x>"})
    assert bad.status_code == 200


def _csv(response) -> tuple[str, list[dict]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return text, list(csv.DictReader(io.StringIO(text)))


# The catalogue may not translate the newest strings yet: read them as the report does.
FEWER = ngettext("fewer than %(count)d result", "fewer than %(count)d results", 5) % {"count": 5}
HIDDEN = ngettext(
    "hidden: fewer than %(count)d result, or would give such a group away",
    "hidden: fewer than %(count)d results, or would give such a group away",
    5,
) % {"count": 5}
HEADINGS = {
    str(heading) for heading in ObservatoryView.export_headings.values()
}  # fmt: skip


def test_the_export_holds_figures_only_and_hides_what_the_page_hides(
    client, coordinator, diagnostic
):
    run(diagnostic, low, month=LAST_MONTH, department="37", times=4)
    run(diagnostic, high, month=THIS_MONTH, department="37", times=6)
    run(diagnostic, high, month=THIS_MONTH, department="41", times=3)

    response = client.get(reverse(REPORT), {"export": "csv"})

    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text, rows = _csv(response)
    assert rows and set(rows[0]) == HEADINGS
    section, table, line, column, count, percent, note = (
        str(heading) for heading in ObservatoryView.export_headings.values()
    )
    for pk in DiagnosticResult.objects.values_list("pk", flat=True):
        assert str(pk) not in text
    uuid = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-")
    assert not any(uuid.search(value or "") for row in rows for value in row.values())
    # The selection's 13 results are shown; last month's four are hidden, and so is this
    # month's nine, since 13 - 9 would give the four away.
    assert rows[0][count] == "13"
    months = [row for row in rows if _month(LAST_MONTH) in (row[line] + row[column]).lower()]
    months += [row for row in rows if _month(THIS_MONTH) in (row[line] + row[column]).lower()]
    assert months and all(not row[count] and not row[percent] for row in months)
    assert all(row[note] == HIDDEN for row in months)
    # 41 has three results: it is never named, and 37 is pooled with it.
    assert not any(row[line] in ("37", "41") or row[column] in ("37", "41") for row in rows)
    # Every group shown in the breakdowns holds five results or more.
    results = gettext("Results")
    breakdowns = (gettext("By month").lower(), gettext("By department").lower())
    sizes = [
        int(row[count])
        for row in rows
        if row[table].endswith(breakdowns) and results in (row[line], row[column]) and row[count]
    ]
    assert sizes and min(sizes) >= 5


def _month(month: datetime.date) -> str:
    return date_format(month, "F Y").lower()


def test_the_export_of_a_too_small_selection_says_so_and_nothing_else(
    client, coordinator, diagnostic
):
    run(diagnostic, low, times=4)

    _text, rows = _csv(client.get(reverse(REPORT), {"export": "csv"}))

    assert len(rows) == 1
    _section, _table, _line, _column, count, _percent, note = (
        str(heading) for heading in ObservatoryView.export_headings.values()
    )
    assert rows[0][count] == "" and rows[0][note] == FEWER


# Queries ---------------------------------------------------------------------------------


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse(REPORT)).status_code == 200
    return len(queries)


def test_the_report_reads_a_constant_number_of_queries(
    client, coordinator, diagnostic, django_assert_max_num_queries
):
    for department in ("37", "41"):
        run(diagnostic, low, department=department, times=5)
    _queries(client)  # caches filled
    small = _queries(client)
    for department in ("37", "41", "36"):
        run(diagnostic, mixed, department=department, times=5)
        run(diagnostic, high, month=LAST_MONTH, department=department, times=5)

    assert DiagnosticResult.objects.count() == 40
    with django_assert_max_num_queries(small):
        client.get(reverse(REPORT))
    with django_assert_max_num_queries(small):
        client.get(reverse(REPORT), {"export": "csv"})
