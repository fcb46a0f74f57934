"""axe-core finds no violation of WCAG 2.1 A and AA on every kind of public page, filled
with the demo content, nor on the admin forms digital actors and the coordination use.

axe-core comes bundled in `axe-playwright-python`: a Python package pinned with the other
dev dependencies, so that a fresh clone needs python3 and nothing else (no Node toolchain,
no package.json)."""

import pytest

from .browser import ARTIFACTS, REQUIRES_BROWSER
from .browser import admin_login as _login

try:
    from axe_playwright_python.sync_playwright import Axe
except ImportError:  # pragma: no cover - depends on the machine
    Axe = None

SCREENSHOTS = ARTIFACTS / "e2e-a11y"
VIEWPORT = {"width": 1280, "height": 900}

pytestmark = [
    *REQUIRES_BROWSER,
    pytest.mark.skipif(Axe is None, reason="axe-playwright-python n'est pas installé"),
]

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Our own templates also keep axe's best practices: one main landmark, all content in
# landmarks, headings in order, one h1. Wagtail's admin is held to WCAG only.
PUBLIC_TAGS = [*WCAG_21_AA, "best-practice"]


@pytest.fixture
def demo(transactional_db, live_server, settings):
    """The French demo, served by the live server: every offer kind, collections, the
    training offer, standard pages and the demo accounts."""
    from home.demo.loader import load_demo

    settings.SITE_URL = live_server.url
    load_demo(log=lambda *_: None)
    return live_server.url


def _violations(page, name: str, tags: list[str]) -> list[str]:
    """axe's violations on the page, one line per element, and a screenshot to look at."""
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
    options = {"runOnly": {"type": "tag", "values": tags}, "resultTypes": ["violations"]}
    results = Axe().run(page, options=options)
    return [
        f"{name} ({page.url}): {violation['id']} [{violation['impact']}] "
        f"{', '.join(node['target'])} — {violation['help']}"
        for violation in results.response["violations"]
        for node in violation["nodes"]
    ]


def _public_paths() -> dict[str, str]:
    from catalogue.models import (
        OFFER_MODELS,
        CatalogueIndexPage,
        ThematicCollectionPage,
    )
    from home.models import StandardPage
    from training.models import TrainingIndexPage, TrainingModulePage, TrainingPathPage

    def path(model) -> str:
        return model.objects.visible().order_by("path").first().url

    catalogue = path(CatalogueIndexPage)
    paths = {
        "accueil": "/",
        "catalogue": catalogue,
        "catalogue-filtre": f"{catalogue}?kind=outil&pricing=gratuit&themes=collaboration",
        "catalogue-vide": f"{catalogue}?q=zzzzzz",
        "collection": path(ThematicCollectionPage),
        "formations": path(TrainingIndexPage),
        "module": path(TrainingModulePage),
        "parcours": path(TrainingPathPage),
        "recherche": "/recherche/?q=rgpd",
        "recherche-vide": "/recherche/",
        "page-standard": path(StandardPage),
        "404": "/cette-page-n-existe-pas/",
    }
    for model in OFFER_MODELS:
        paths[f"offre-{model.kind}"] = path(model)
    return paths


def test_public_pages_have_no_axe_violations(demo, browser):
    page = browser.new_context(viewport=VIEWPORT, locale="fr-FR").new_page()
    found = []
    for name, path in _public_paths().items():
        response = page.goto(f"{demo}{path}")
        assert response.status == (404 if name == "404" else 200), name
        found += _violations(page, name, PUBLIC_TAGS)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("username", ["acteur.tours", "coordination"])
def test_admin_forms_have_no_axe_violations(demo, browser, username):
    from catalogue.models import CatalogueIndexPage, OfferPage
    from training.models import TrainingIndexPage

    catalogue = CatalogueIndexPage.objects.get()
    training = TrainingIndexPage.objects.get()
    # An offer the actor owns, so that both roles may open its edit form.
    offer = OfferPage.objects.filter(owner__username="acteur.tours").order_by("path").first()
    page = browser.new_context(viewport=VIEWPORT, locale="fr-FR").new_page()
    found = []

    page.goto(f"{demo}/admin/login/")
    found += _violations(page, "admin-connexion", WCAG_21_AA)
    _login(page, demo, username)
    admin_pages = {
        "tableau-de-bord": "/admin/",
        "explorateur": f"/admin/pages/{catalogue.pk}/",
        "modifier-offre": f"/admin/pages/{offer.pk}/edit/",
        "creer-outil": f"/admin/pages/add/catalogue/toolpage/{catalogue.pk}/",
        # Rich text fields outside a StreamField (objectives, expected outcomes).
        "creer-module": f"/admin/pages/add/training/trainingmodulepage/{training.pk}/",
    }
    for name, path in admin_pages.items():
        response = page.goto(f"{demo}{path}")
        assert response.status == 200, name
        found += _violations(page, f"admin-{username}-{name}", WCAG_21_AA)
    assert not found, "\n".join(found)


def test_the_check_fails_on_a_violation(browser):
    """The check is not blind: an image without a text alternative is reported."""
    page = browser.new_context(viewport=VIEWPORT, locale="fr-FR").new_page()
    page.set_content(
        '<html lang="fr"><title>Contrôle</title><main><h1>Contrôle</h1>'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main></html>'
    )
    assert [line.split()[2] for line in _violations(page, "controle", WCAG_21_AA)] == ["image-alt"]
