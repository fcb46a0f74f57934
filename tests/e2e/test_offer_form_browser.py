"""The demo actor proposes a tool in one sitting, in a real browser: from the French
dashboard to "submitted" in at most 4 screens and 6 clicks, typing and ticking aside."""

import shutil

import pytest

from .browser import ARTIFACTS, REQUIRES_BROWSER, chromium, expect

SCREENSHOTS = ARTIFACTS / "offer-form"
MAX_SCREENS, MAX_CLICKS = 4, 6

pytestmark = REQUIRES_BROWSER


@pytest.fixture
def demo(transactional_db, live_server):
    from home.demo.loader import load_demo

    load_demo(log=lambda *args, **kwargs: None)
    return live_server.url


class Journey:
    """Counts what the person does: screens (main-frame page loads) and clicks. Typing,
    ticking a box and choosing in a list are filling the form, tallied apart."""

    def __init__(self, page):
        self.page, self.screens, self.clicks, self.inputs = page, 0, 0, 0
        page.on("framenavigated", self._navigated)

    def _navigated(self, frame):
        if frame == self.page.main_frame:
            self.screens += 1

    def click(self, locator):
        self.clicks += 1
        locator.click()

    def fill(self, selector, value):
        self.inputs += 1
        self.page.fill(selector, value)

    def tick(self, locator):
        self.inputs += 1
        locator.check()

    def choose(self, selector, value):
        self.inputs += 1
        self.page.select_option(selector, value)


def test_the_demo_actor_submits_a_tool_in_few_screens_and_clicks(demo, monkeypatch, capsys):
    from catalogue.models import ToolPage

    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    SCREENSHOTS.mkdir(parents=True)
    with chromium(monkeypatch) as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
        page = context.new_page()
        page.goto(f"{demo}/admin/login/")
        page.fill("#id_username", "acteur.tours")
        page.fill("#id_password", "reperes-demo")
        page.click("button[type=submit]")
        page.wait_for_url(f"{demo}/admin/")

        journey = Journey(page)
        journey.screens = 1  # the dashboard, where the count starts
        page.screenshot(path=SCREENSHOTS / "1-tableau-de-bord.png", full_page=True)
        journey.click(page.get_by_role("link", name="Outil", exact=True))
        expect(page.locator("#id_title")).to_be_visible()

        journey.fill("#id_title", "Carnet de bord partagé")
        journey.fill("#id_summary", "Un carnet en ligne où le bureau note décisions et tâches.")
        journey.fill("#id_website", "https://carnet.example.org/")
        journey.tick(page.get_by_label("Outils collaboratifs et partage de documents"))
        journey.tick(page.get_by_label("Dirigeants bénévoles (bureau, CA)"))
        journey.choose("#id_pricing_model", "gratuit")
        expect(page.locator("#id_provider")).to_have_value(
            str(_organisation_pk("tiers-lieu-tours"))
        )
        page.screenshot(path=SCREENSHOTS / "2-formulaire.png", full_page=True)

        journey.click(page.locator("footer [data-w-dropdown-target='toggle']").last)
        journey.click(
            page.get_by_role("button", name="Soumettre à Relecture et validation", exact=True)
        )
        expect(page.locator("body")).to_contain_text("soumise")
        page.screenshot(path=SCREENSHOTS / "3-soumise.png", full_page=True)

    with capsys.disabled():
        print(  # noqa: T201
            f"\nProposer une offre : {journey.screens} écrans, {journey.clicks} clics, "
            f"{journey.inputs} saisies ; captures : {SCREENSHOTS}"
        )
    tool = ToolPage.objects.get(title="Carnet de bord partagé")
    assert tool.current_workflow_state.status == "in_progress"
    assert tool.provider.slug == "tiers-lieu-tours"
    assert journey.screens <= MAX_SCREENS
    assert journey.clicks <= MAX_CLICKS


def _organisation_pk(slug):
    from catalogue.models import Actor

    return Actor.objects.get(slug=slug).pk
