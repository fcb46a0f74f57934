"""On a phone the listings show their results first: the filters wait behind « Filtrer »,
and nothing inside the page scrolls on its own. On a wide screen the filters stay in view."""

import pytest

from wagtail.models import Page, Site

from .browser import ARTIFACTS, REQUIRES_BROWSER, expect

SCREENSHOTS = ARTIFACTS / "e2e-listing"
PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1280, "height": 900}

pytestmark = REQUIRES_BROWSER

# Elements that scroll inside the page: a box whose content overflows it vertically and
# that lets the visitor scroll it (the page itself, html and body, is not counted).
SCROLL_BOXES = """() => [...document.body.querySelectorAll('*')]
    .filter((element) => {
        const overflow = getComputedStyle(element).overflowY;
        return (overflow === 'auto' || overflow === 'scroll')
            && element.scrollHeight > element.clientHeight;
    })
    .map((element) => element.tagName.toLowerCase() + '.' + element.className)"""


@pytest.fixture
def site(transactional_db, live_server):
    """A catalogue and a training offer the size of the demo's: 27 themes in a two-level
    tree, a dozen offers and modules."""
    from catalogue.models import CatalogueIndexPage
    from home.models import HomePage
    from tests.factories.catalogue import AudienceFactory, ThemeFactory, ToolPageFactory
    from tests.factories.training import TrainingModulePageFactory
    from training.models import TrainingIndexPage

    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Repères", slug="accueil"))
    home.save_revision().publish()
    Site.objects.all().delete()
    host, port = live_server.url.split("//")[1].split(":")
    Site.objects.create(hostname=host, port=int(port), root_page=home, is_default_site=True)
    catalogue = home.add_child(
        instance=CatalogueIndexPage(
            title="Catalogue des offres numériques",
            slug="catalogue",
            intro="<p>Outils, ressources, formations et accompagnements pour le numérique "
            "associatif, vérifiés par les acteurs du territoire.</p>",
        )
    )
    catalogue.save_revision().publish()
    training = home.add_child(instance=TrainingIndexPage(title="Formations", slug="formations"))
    training.save_revision().publish()

    themes = []
    for parent_number in range(6):
        parent = ThemeFactory(name=f"Besoin {parent_number}", slug=f"besoin-{parent_number}")
        themes += [parent] + [
            ThemeFactory(
                name=f"Sous-thème {parent_number}.{n}",
                slug=f"theme-{parent_number}-{n}",
                parent=parent,
            )
            for n in range(3 + parent_number % 2)
        ]
    audiences = [AudienceFactory() for _ in range(6)]
    for number in range(12):
        ToolPageFactory(
            parent=catalogue,
            title=f"Outil {number:02d}",
            themes=themes[number % len(themes) :][:3],
            audiences=audiences[:2],
        )
        TrainingModulePageFactory(parent=training, themes=themes[number:][:2])
    return live_server.url


def _open(browser, viewport, url):
    page = browser.new_context(viewport=viewport, locale="fr-FR").new_page()
    page.goto(url)
    return page


def test_catalogue_shows_results_first_on_a_phone_and_filters_beside_them_on_a_wide_screen(
    site, browser
):
    page = _open(browser, PHONE, f"{site}/catalogue/")
    page.screenshot(path=SCREENSHOTS / "catalogue-390.png")

    first_result = page.locator(".cards > li").first
    assert first_result.bounding_box()["y"] < PHONE["height"]
    summary = page.locator("summary", has_text="Filtrer")
    expect(summary).to_be_visible()
    expect(page.get_by_role("heading", name="Filtrer les offres")).to_be_hidden()
    assert page.evaluate(SCROLL_BOXES) == []

    summary.click()
    expect(page.get_by_role("heading", name="Filtrer les offres")).to_be_visible()
    expect(page.get_by_role("checkbox", name="Sous-thème 5.3")).to_be_visible()
    page.screenshot(path=SCREENSHOTS / "catalogue-390-filtres.png", full_page=True)
    assert page.evaluate(SCROLL_BOXES) == []

    # Active filters are counted on the closed disclosure.
    page.goto(f"{site}/catalogue/?themes=besoin-1&themes=besoin-2")
    expect(page.locator("summary")).to_have_text("Filtrer (2 filtres actifs)")

    page = _open(browser, WIDE, f"{site}/catalogue/")
    page.screenshot(path=SCREENSHOTS / "catalogue-1280.png")
    expect(page.get_by_role("heading", name="Filtrer les offres")).to_be_visible()
    expect(page.get_by_role("checkbox", name="Sous-thème 0.0")).to_be_visible()
    expect(page.locator("summary", has_text="Filtrer")).to_be_hidden()
    assert page.locator(".cards > li").first.bounding_box()["y"] < WIDE["height"]
    assert page.evaluate(SCROLL_BOXES) == []


def test_training_modules_filters_behind_a_disclosure(site, browser):
    page = _open(browser, PHONE, f"{site}/formations/")

    expect(page.get_by_role("heading", name="Filtrer les modules")).to_be_hidden()
    modules = page.locator(".module-list > li").first
    summary = page.locator("#modules summary")
    # The listing starts with the disclosure, then the modules at once.
    assert modules.bounding_box()["y"] - summary.bounding_box()["y"] < PHONE["height"] / 4
    summary.click()
    expect(page.get_by_role("heading", name="Filtrer les modules")).to_be_visible()
    page.screenshot(path=SCREENSHOTS / "formations-390-filtres.png", full_page=True)
    assert page.evaluate(SCROLL_BOXES) == []
