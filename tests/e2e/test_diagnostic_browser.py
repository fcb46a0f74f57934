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
