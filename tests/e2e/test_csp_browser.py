"""In a real browser, the Content-Security-Policy blocks nothing the site needs: a public
offer page, GraphiQL running a query, and the Wagtail page editor with StreamField blocks
added (rich text and an image), the image chooser and the preview panel. Chromium reports
every blocked script, style, image or frame as a `securitypolicyviolation` event, recorded
here."""

import pytest

from .browser import ARTIFACTS, REQUIRES_BROWSER, admin_login, expect

SCREENSHOTS = ARTIFACTS / "e2e-csp"
PASSWORD = "csp-e2e-motdepasse"

pytestmark = REQUIRES_BROWSER

RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(
    `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


@pytest.fixture
def site(live_site, django_user_model):
    from datetime import UTC, datetime

    from catalogue.models import EvaluationCriterion
    from catalogue.services import criteria_load_seed
    from tests.factories.catalogue import ActorFactory, ToolPageFactory
    from tests.factories.evaluations import EvaluationFactory
    from tests.factories.images import ImageFactory

    offer = ToolPageFactory(
        parent=live_site["catalogue"], slug="framaforms", title="Framaforms", logo=ImageFactory()
    )
    # An approved evaluation, for the scorecard's bars and their `style` attributes.
    criteria_load_seed()
    grid = {criterion.slug: criterion for criterion in EvaluationCriterion.objects.all()}
    EvaluationFactory(
        offer=offer,
        actor=ActorFactory(name="Résonance numérique"),
        approved_at=datetime(2026, 3, 10, tzinfo=UTC),
        answers={grid["licence-libre"]: ("oui", "", ""), grid["support"]: ("partiel", "", "")},
    )
    django_user_model.objects.create_superuser("admin", "admin@example.org", PASSWORD)
    return {**live_site, "offer": offer}


def _violations(page) -> list[str]:
    return page.evaluate("window.cspViolations")


def test_the_policy_blocks_nothing_on_pages_graphiql_and_the_editor(site, browser, _screenshots):
    base = site["url"]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto(f"{base}/catalogue/framaforms/")
    expect(page.get_by_role("heading", name="Framaforms", level=1)).to_be_visible()
    # The bars are sized by their style attribute: all 0 wide if it were blocked.
    widths = page.locator(".scorebar__yes").evaluate_all("bars => bars.map(b => b.offsetWidth)")
    assert max(widths) > 0
    page.screenshot(path=_screenshots / "1-offre.png", full_page=True)
    assert _violations(page) == []

    page.goto(f"{base}/graphql/")
    page.locator(".graphiql-query-editor .CodeMirror").first.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("{ offers { items { title } } }")
    page.locator(".graphiql-execute-button").click()
    expect(page.locator(".result-window")).to_contain_text("Framaforms", timeout=15_000)
    page.screenshot(path=_screenshots / "2-graphiql.png")
    assert _violations(page) == []

    admin_login(page, base, "admin", PASSWORD)
    page.goto(f"{base}/admin/pages/{site['offer'].pk}/edit/")
    # A paragraph starts a Draftail editor, which writes <style> blocks.
    page.get_by_role("button", name="Insérer un bloc").last.click()
    page.get_by_role("option", name="Paragraphe").first.click()
    page.locator(".Draftail-Editor [contenteditable=true]").last.click()
    page.keyboard.type("Un paragraphe écrit dans Draftail.")
    page.get_by_role("button", name="Insérer un bloc").last.click()
    page.get_by_role("option", name="Image").first.click()
    page.get_by_role("button", name="Choisir une image").last.click()
    chooser = page.locator(".modal-dialog")
    expect(chooser.get_by_role("heading", name="Choisir une image")).to_be_visible()
    chooser.locator("[data-chooser-modal-choice]").first.click()
    expect(chooser).to_be_hidden()
    page.locator("[data-side-panel-toggle='preview']").click()
    preview = page.frame_locator("iframe[id^='w-preview-iframe']")
    expect(preview.get_by_role("heading", name="Framaforms", level=1)).to_be_visible()
    page.screenshot(path=_screenshots / "3-editeur.png")
    assert _violations(page) == []
    assert errors == []
