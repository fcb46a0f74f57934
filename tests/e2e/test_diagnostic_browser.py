"""The needs diagnostic run in Chromium, on a wide screen and a phone, with no script of
ours: the steps as plain forms, an unanswered question named, the way back keeping the
answers, and the result with its chart, its levels and its action plan."""

import pytest

from .browser import ARTIFACTS, REQUIRES_BROWSER, expect

SCREENSHOTS = ARTIFACTS / "e2e-diagnostic"
PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1280, "height": 900}

pytestmark = REQUIRES_BROWSER

OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture
def site(live_site):
    from catalogue.services import taxonomy_load_seed
    from diagnostic.services import diagnostic_load_seed

    taxonomy_load_seed()
    diagnostic_load_seed(parent=live_site["home"])
    return live_site["url"]


def _next(page):
    # « Étape suivante » (or « Voir mon résultat ») is the form's first button.
    page.locator(".diagnostic__buttons button").first.click()


@pytest.mark.parametrize(("name", "viewport"), [("large", WIDE), ("telephone", PHONE)])
def test_a_visitor_runs_the_diagnostic_to_its_result(browser, site, name, viewport):
    page = browser.new_page(viewport=viewport, java_script_enabled=False)
    page.goto(f"{site}/diagnostic/")
    page.locator("a.diagnostic__start").click()

    expect(page.locator("progress")).to_have_attribute("value", "1")
    expect(page.locator("fieldset.question")).to_have_count(3)
    page.screenshot(path=str(SCREENSHOTS / f"etape-1-{name}.png"), full_page=True)
    _next(page)  # nothing answered
    summary = page.locator(".error-summary")
    expect(summary.locator("li")).to_have_count(3)
    expect(page.locator("fieldset.question--error")).to_have_count(3)
    assert page.evaluate(OVERFLOW) <= 0
    page.screenshot(path=str(SCREENSHOTS / f"erreur-{name}.png"), full_page=True)

    steps = 8
    for number in range(1, steps + 1):
        expect(page.locator("progress")).to_have_attribute("value", str(number))
        for question in page.locator("fieldset.question").all():
            question.locator("input[type=radio]").nth(1).check()
        if number == 2:
            # Back to step 1 and forward again: the answers of both are still checked.
            page.locator(".diagnostic__buttons button").nth(1).click()
            expect(page.locator("progress")).to_have_attribute("value", "1")
            expect(page.locator("input[type=radio]:checked")).to_have_count(3)
            _next(page)
            expect(page.locator("progress")).to_have_attribute("value", "2")
            questions = page.locator("fieldset.question").count()
            expect(page.locator("input[type=radio]:checked")).to_have_count(questions)
        if number == steps:
            page.fill("input[name=department]", "37")
        _next(page)

    assert "/diagnostic/resultat/" in page.url
    expect(page.locator("svg.chart")).to_be_visible()
    expect(page.locator(".result-table tbody tr")).to_have_count(steps)
    expect(page.locator(".result-table .level")).to_have_count(steps)
    expect(page.locator(".result-summary .level")).to_be_visible()
    expect(page.locator(".measure").first).to_be_visible()
    expect(page.locator(".result-link code")).to_have_text(page.url)
    assert page.evaluate(OVERFLOW) <= 0
    page.screenshot(path=str(SCREENSHOTS / f"resultat-{name}.png"), full_page=True)
    page.emulate_media(media="print")
    expect(page.locator(".site-search")).to_be_hidden()
    expect(page.locator(".measure").first).to_be_visible()
    page.close()


def test_an_advisor_runs_it_again_and_sees_the_progress(browser, site):
    """The demo advisor's case: an association diagnosed months ago runs the diagnostic
    again with its advisor, who attaches the new result and reads the progress."""
    from datetime import timedelta

    from django.utils import timezone

    from diagnostic.models import AdvisedAssociation, AdvisorRun, DiagnosticPage, DiagnosticResult
    from diagnostic.services import result_create
    from home.roles import ADVISORS
    from tests.factories.users import UserFactory

    from .browser import admin_login

    advisor = UserFactory(username="yanis", group=ADVISORS, password="mdp-yanis")
    association = AdvisedAssociation.objects.create(advisor=advisor, name="Jardins de Loches")
    diagnostic = DiagnosticPage.objects.get()
    weakest = {q.slug: q.options[0].value for _a, q in diagnostic.questionnaire().questions()}
    first = result_create(page=diagnostic, answers=weakest, department="37")
    DiagnosticResult.objects.filter(pk=first.pk).update(
        created_at=timezone.now() - timedelta(days=240)
    )
    AdvisorRun.objects.create(association=association, result=first)

    page = browser.new_page(viewport=WIDE)
    admin_login(page, site, "yanis", "mdp-yanis")
    # The second run, on the public site, with better answers (the third option).
    page.goto(f"{site}/diagnostic/")
    page.locator("a.diagnostic__start").click()
    for _number in range(8):
        for question in page.locator("fieldset.question").all():
            question.locator("input[type=radio]").nth(2).check()
        _next(page)
    assert "/diagnostic/resultat/" in page.url
    result_url = page.url

    page.goto(f"{site}/admin/associations/inspect/{association.pk}/")
    page.fill("textarea[name=notes]", "Deuxième entretien.")
    page.fill("input[name=result]", result_url)
    page.get_by_role("button", name="Rattacher le résultat").click()

    expect(page.locator(".association__chart svg")).to_be_visible()
    rows = page.locator("table.association__progress tbody tr")
    expect(rows).to_have_count(8)
    # Every axis went from 0 % to 67 %: « +67 » in each row.
    expect(rows.filter(has_text="+67")).to_have_count(8)
    page.screenshot(path=str(SCREENSHOTS / "conseiller-progres.png"), full_page=True)
    page.close()
