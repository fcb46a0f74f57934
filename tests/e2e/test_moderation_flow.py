"""End to end, in a real browser: an actor writes a tool, a peer reviews it, the
coordination approves it, and the page appears on the site and in the API."""

import json
import shutil

import pytest

from .browser import ARTIFACTS, REQUIRES_BROWSER, chromium, expect
from .browser import admin_login as _login

SCREENSHOTS = ARTIFACTS / "e2e"

pytestmark = REQUIRES_BROWSER


@pytest.fixture
def browser_page(monkeypatch, capsys):
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    SCREENSHOTS.mkdir(parents=True)
    with capsys.disabled():
        print(f"\nCaptures d'écran du parcours : {SCREENSHOTS}")  # noqa: T201
    with chromium(monkeypatch) as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
        yield context.new_page()


@pytest.fixture
def site(live_site):
    from home.roles import ACTORS, COORDINATION
    from tests.factories.catalogue import ActorFactory, AudienceFactory, ThemeFactory
    from tests.factories.users import UserFactory

    org_a, org_b = ActorFactory(name="Tiers-lieu A"), ActorFactory(name="Coopérative B")
    alice = UserFactory(username="alice", group=ACTORS, password="mdp-alice")
    bruno = UserFactory(username="bruno", group=ACTORS, password="mdp-bruno")
    UserFactory(username="coralie", group=COORDINATION, password="mdp-coralie")
    # Submitting for review needs a theme, an audience and a pricing model.
    ThemeFactory(name="Outils collaboratifs", slug="outils-collaboratifs")
    AudienceFactory(name="Bénévoles", slug="benevoles")
    org_a.users.add(alice)
    org_b.users.add(bruno)
    return {"catalogue": live_site["catalogue"], "url": live_site["url"]}


def _shot(page, name):
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


def _workflow_action(page, label):
    page.locator("footer .dropdown-toggle, [data-w-dropdown-target='toggle']").last.click()
    page.get_by_role("button", name=label, exact=True).click()


def test_actor_writes_peer_reviews_coordination_publishes(site, browser_page):
    from catalogue.models import ToolPage

    page, base = browser_page, site["url"]

    _login(page, base, "alice", "mdp-alice")
    page.goto(f"{base}/admin/pages/add/catalogue/toolpage/{site['catalogue'].pk}/")
    page.fill("#id_title", "Agenda partagé libre")
    page.fill("#id_summary", "Un agenda en ligne libre pour le bureau de l'association.")
    page.get_by_label("Outils collaboratifs").check()
    page.get_by_label("Bénévoles").check()
    page.select_option("#id_pricing_model", "gratuit")
    _shot(page, "1-acteur-redige")
    _workflow_action(page, "Soumettre à Relecture et validation")
    expect(page.locator("body")).to_contain_text("soumise")
    _shot(page, "2-acteur-soumet")
    tool = ToolPage.objects.get(title="Agenda partagé libre")
    assert not tool.live

    _login(page, base, "bruno", "mdp-bruno")
    page.goto(f"{base}/admin/pages/{tool.pk}/edit/")
    _shot(page, "3-pair-relit")
    _workflow_action(page, "Approuver")
    _shot(page, "4-pair-approuve")
    tool.refresh_from_db()
    assert tool.current_workflow_task.name == "Validation par la coordination"

    _login(page, base, "coralie", "mdp-coralie")
    page.goto(f"{base}/admin/pages/{tool.pk}/edit/")
    _workflow_action(page, "Approuver")
    _shot(page, "5-coordination-publie")
    tool.refresh_from_db()
    assert tool.live

    page.context.clear_cookies()
    page.goto(f"{base}/catalogue/")
    expect(page.get_by_role("link", name="Agenda partagé libre")).to_be_visible()
    _shot(page, "6-catalogue-public")
    response = page.request.post(
        f"{base}/graphql/",
        data=json.dumps({"query": "{ offers { items { title } } }"}),
        headers={"Content-Type": "application/json"},
    )
    titles = [item["title"] for item in response.json()["data"]["offers"]["items"]]
    assert titles == ["Agenda partagé libre"]
