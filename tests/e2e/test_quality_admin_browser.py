"""On the demo content, in a real browser: the coordination opens the data-quality side
panel of an offer's editor, and sorts the catalogue's listing by score."""

import pytest

from wagtail.models import Site

from .browser import ARTIFACTS, REQUIRES_BROWSER, expect
from .browser import admin_login as _login

SCREENSHOTS = ARTIFACTS / "quality-admin"

pytestmark = REQUIRES_BROWSER


@pytest.fixture
def demo(transactional_db, live_server):
    from home.demo.loader import load_demo

    load_demo(log=lambda *_: None)
    host, port = live_server.url.split("//")[1].split(":")
    Site.objects.filter(is_default_site=True).update(hostname=host, port=int(port))
    return live_server.url


@pytest.fixture
def page(browser, demo):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-FR")
    page = context.new_page()
    _login(page, demo, "coordination")
    return page


def _shot(page, name):
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


def test_the_editor_shows_the_score_and_what_is_missing(demo, page):
    from catalogue.models import OfferQuality

    worst = OfferQuality.objects.select_related("offer").order_by("score", "offer__title").first()
    assert worst is not None and worst.missing, "the demo has an offer missing something"

    page.goto(f"{demo}/admin/pages/{worst.offer_id}/edit/")
    toggle = page.get_by_role("button", name="Afficher ou masquer la qualité des données")
    expect(toggle).to_be_visible()
    toggle.click()

    panel = page.locator('[data-side-panel="data-quality"]')
    expect(panel).to_be_visible()
    expect(panel.locator("[data-quality-score]")).to_have_text(f"{worst.score}/100")
    expect(panel.locator("[data-quality-missing] li")).to_have_count(len(worst.missing))
    panel.get_by_text("Comment le score est calculé").click()
    expect(panel.get_by_text("Six critères pèsent autant")).to_be_visible()
    _shot(page, "1-panneau-qualite")


def test_the_listing_sorts_offers_by_score(demo, page):
    from catalogue.models import CatalogueIndexPage, OfferQuality

    catalogue = CatalogueIndexPage.objects.get()
    page.goto(f"{demo}/admin/pages/{catalogue.pk}/")
    header = page.get_by_role("link", name="Qualité des données")
    expect(header).to_be_visible()
    header.click()
    page.wait_for_url("**ordering=quality_score")
    header = page.get_by_role("link", name="Qualité des données")
    header.click()
    page.wait_for_url("**ordering=-quality_score")

    best = OfferQuality.objects.select_related("offer").order_by("-score", "offer__title")[0]
    first_row = page.locator("table.listing tbody tr").first
    expect(first_row).to_contain_text(best.offer.title)
    expect(first_row).to_contain_text(f"{best.score}/100")
    _shot(page, "2-liste-triee-par-qualite")
