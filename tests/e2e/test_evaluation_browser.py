"""In a real browser: an actor opens an offer's editor, follows « Évaluer cette offre »,
fills the grid on one screen (an answer forgotten first, then given), submits it, and a
coordinator approves it; the offer is then dated as qualified."""

import pytest

from .browser import ARTIFACTS, REQUIRES_BROWSER, expect
from .browser import admin_login as _login

SCREENSHOTS = ARTIFACTS / "evaluation"
SUBMIT = "Soumettre à Validation des évaluations"

pytestmark = REQUIRES_BROWSER


@pytest.fixture
def site(live_site):
    from catalogue.services import criteria_load_seed
    from home.roles import ACTORS, COORDINATION
    from tests.factories.catalogue import ActorFactory, ToolPageFactory
    from tests.factories.users import UserFactory

    criteria_load_seed()
    org = ActorFactory(name="Tiers-lieu A")
    alice = UserFactory(username="alice", group=ACTORS, password="mdp-alice")
    UserFactory(username="coralie", group=COORDINATION, password="mdp-coralie")
    org.users.add(alice)
    tool = ToolPageFactory(
        parent=live_site["catalogue"],
        slug="agenda",
        title="Agenda partagé",
        owner=alice,
        provider=org,
    )
    return {"tool": tool, "url": live_site["url"]}


def _shot(page, name):
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


def _footer_action(page, label):
    page.locator("footer [data-w-dropdown-target='toggle']").last.click()
    page.get_by_role("button", name=label, exact=True).click()


def test_an_actor_evaluates_an_offer_and_coordination_approves(site, browser, settings):
    from catalogue.models import Evaluation, OfferPage

    # The live server's SQLite connection is shared between threads, so a background
    # autosave half-written could be read by the next click: without autosave, each step
    # is one request. (A create form posted after an autosave is tested apart.)
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    page, base, tool = context.new_page(), site["url"], site["tool"]

    _login(page, base, "alice", "mdp-alice")
    # From the evaluations' menu, the offer is chosen first.
    page.goto(f"{base}/admin/snippets/catalogue/evaluation/add/")
    expect(page.get_by_text("Offre à évaluer")).to_be_visible()
    _shot(page, "0-choix-de-l-offre")
    page.goto(f"{base}/admin/pages/{tool.pk}/edit/")
    link = page.get_by_role("link", name="Évaluer cette offre")
    link.scroll_into_view_if_needed()
    _shot(page, "1-editeur-de-l-offre")
    link.click()

    expect(page.locator(".evaluated-offer")).to_contain_text("Agenda partagé")
    criteria = page.locator(".evaluation-grid__criterion")
    expect(criteria).to_have_count(16)
    # Everything answered « Oui » but the hosting, forgotten at first.
    for index in range(criteria.count()):
        row = criteria.nth(index)
        if row.get_attribute("id") != "criterion-hebergement-ue":
            row.get_by_label("Oui", exact=True).check()
    criteria.first.locator("textarea").fill("Utilisé par le bureau depuis un an.")
    page.fill("#id_summary", "Simple, libre et hébergé en Europe.")
    _shot(page, "2-grille-remplie")
    _footer_action(page, SUBMIT)
    expect(page.locator(".messages")).to_contain_text("n'a pas pu être enregistrée")
    hosting = page.locator("#criterion-hebergement-ue")
    expect(hosting).to_contain_text("Choisissez une réponse pour soumettre l'évaluation.")
    # Nothing typed is lost.
    expect(page.locator("#id_summary")).to_have_value("Simple, libre et hébergé en Europe.")
    hosting.scroll_into_view_if_needed()
    _shot(page, "3-critere-oublie")

    hosting.get_by_label("Partiellement").check()
    hosting.locator("textarea").fill("Serveurs en Allemagne, sous-traitant américain.")
    hosting.locator("input[type=url]").fill("https://example.org/hebergement")
    _footer_action(page, SUBMIT)
    expect(page.locator(".messages")).to_contain_text("Évaluation soumise")
    _shot(page, "4-evaluation-soumise")
    evaluation = Evaluation.objects.get()
    assert evaluation.workflow_in_progress and not evaluation.live

    _login(page, base, "coralie", "mdp-coralie")
    page.goto(f"{base}/admin/snippets/catalogue/evaluation/edit/{evaluation.pk}/")
    expect(page.locator("#criterion-hebergement-ue")).to_contain_text("Serveurs en Allemagne")
    _shot(page, "5-coordination-relit")
    _footer_action(page, "Approuver")
    expect(page.locator(".messages")).to_contain_text("Évaluation validée")
    _shot(page, "6-coordination-valide")

    # The grid, as coordination maintains it.
    page.goto(f"{base}/admin/snippets/catalogue/evaluationcriterion/")
    expect(page.get_by_text("Données hébergées en France")).to_be_visible()
    _shot(page, "7-grille-coordination")
    page.get_by_role("link", name="Données hébergées en France ou dans l'Union européenne").click()
    expect(page.get_by_label("Outil")).to_be_checked()
    _shot(page, "8-critere")

    evaluation.refresh_from_db()
    assert evaluation.live and evaluation.is_current
    assert evaluation.answers.get(criterion__slug="hebergement-ue").answer == "partiel"
    assert OfferPage.objects.get(pk=tool.pk).last_qualified_on is not None
