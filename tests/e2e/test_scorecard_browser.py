"""The scorecard on an offer page, and the « non évaluée » state, in Chromium on a wide
screen and a phone: readable, every answer's comment behind its criterion, nothing wider
than the screen."""

from datetime import UTC, datetime

import pytest

from .browser import ARTIFACTS, REQUIRES_BROWSER, expect

SCREENSHOTS = ARTIFACTS / "e2e-scorecard"
PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1280, "height": 900}

pytestmark = REQUIRES_BROWSER

OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture
def site(live_site):
    """Two tools, one evaluated by three organisations on the seed grid, one not."""
    from catalogue.models import EvaluationCriterion
    from catalogue.services import criteria_load_seed
    from tests.factories.catalogue import ActorFactory, ToolPageFactory
    from tests.factories.evaluations import EvaluationFactory

    catalogue = live_site["catalogue"]
    criteria_load_seed()
    grid = {c.slug: c for c in EvaluationCriterion.objects.all()}

    evaluated = ToolPageFactory(
        parent=catalogue,
        slug="framaforms",
        title="Framaforms",
        summary="Formulaires en ligne libres, sans publicité.",
    )
    ToolPageFactory(parent=catalogue, slug="sondage", title="Sondage express")
    answers = [
        {
            "besoin-identifie": ("oui", "Inscriptions aux événements, adhésions.", ""),
            "prise-en-main": ("oui", "", ""),
            "documentation-fr": ("oui", "", "https://docs.framasoft.org/"),
            "support": ("partiel", "Forum d'entraide, réponses en quelques jours.", ""),
            "tarif-associatif": ("oui", "Gratuit, don libre.", ""),
            "hebergement-ue": ("oui", "Serveurs en Allemagne.", "https://framasoft.org/"),
            "sans-publicite": ("oui", "", ""),
            "licence-libre": ("oui", "Yakforms, AGPL.", ""),
            "declaration-rgaa": ("non", "Pas de déclaration publiée.", ""),
            "bas-debit": ("partiel", "", ""),
        },
        {
            "besoin-identifie": ("oui", "", ""),
            "prise-en-main": ("partiel", "L'édition des champs conditionnels déroute.", ""),
            "documentation-fr": ("oui", "", ""),
            "support": ("non", "", ""),
            "tarif-associatif": ("oui", "", ""),
            "hebergement-ue": ("oui", "", ""),
            "sans-publicite": ("oui", "", ""),
            "licence-libre": ("oui", "", ""),
            "declaration-rgaa": ("na", "Non vérifié.", ""),
            "ecoconception": ("non", "", ""),
        },
        {
            "besoin-identifie": ("oui", "", ""),
            "documentation-fr": ("oui", "", ""),
            "export-donnees": ("oui", "Export CSV des réponses.", ""),
            "contrat-sous-traitance": ("partiel", "CGU seulement.", ""),
        },
    ]
    names = ["Les Petits Débrouillards", "Ligue de l'enseignement 37", "Résonance numérique"]
    for number, (name, evaluation) in enumerate(zip(names, answers, strict=True)):
        EvaluationFactory(
            offer=evaluated,
            actor=ActorFactory(name=name),
            summary="Un outil sûr pour les formulaires d'inscription des associations.",
            approved_at=datetime(2026, 2 + number, 10 + number, 10, tzinfo=UTC),
            answers={grid[slug]: value for slug, value in evaluation.items()},
        )
    return live_site["url"]


@pytest.mark.parametrize(("name", "viewport"), [("large", WIDE), ("telephone", PHONE)])
def test_the_scorecard_reads_on_every_screen(browser, site, name, viewport):
    page = browser.new_page(viewport=viewport)
    page.goto(f"{site}/catalogue/framaforms/")

    scorecard = page.locator("#evaluation")
    expect(scorecard).to_contain_text("Évaluée sur la grille commune par 3 structures")
    expect(scorecard.locator(".scorecard__group")).to_have_count(6)
    criterion = scorecard.locator("details", has_text="Support ou communauté")
    expect(criterion).not_to_have_attribute("open", "")
    criterion.locator("summary").click()
    expect(criterion).to_contain_text("Forum d'entraide, réponses en quelques jours.")
    assert page.evaluate(OVERFLOW) <= 0
    scorecard.screenshot(path=str(SCREENSHOTS / f"fiche-{name}.png"))
    page.screenshot(path=str(SCREENSHOTS / f"page-{name}.png"), full_page=True)

    page.goto(f"{site}/catalogue/sondage/")
    empty = page.locator("#evaluation")
    expect(empty).to_contain_text("Non évaluée")
    expect(empty.get_by_role("link", name="Évaluer cette offre")).to_be_visible()
    assert page.evaluate(OVERFLOW) <= 0
    empty.screenshot(path=str(SCREENSHOTS / f"non-evaluee-{name}.png"))

    page.goto(f"{site}/catalogue/?order=score&criteria=licence-libre")
    expect(page.locator(".card")).to_have_count(1)
    expect(page.locator(".card__score")).to_contain_text("par 3 structures")
    page.screenshot(path=str(SCREENSHOTS / f"catalogue-{name}.png"), full_page=True)
    page.close()
