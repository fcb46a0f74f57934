"""The report form in a real browser, on a phone and a wide screen: from an offer page
served by the page cache, through an error (the input kept) to the confirmation; then
the coordination closes the report in the admin, and reads the offers to review. Each
step is screenshotted; the public pages have no axe violation and no sideways scroll."""

import datetime

import pytest

from django.utils import timezone

from wagtail.models import Page, Site

from .browser import ARTIFACTS, REQUIRES_BROWSER, admin_login, expect

try:
    from axe_playwright_python.sync_playwright import Axe
except ImportError:  # pragma: no cover - depends on the machine
    Axe = None

SCREENSHOTS = ARTIFACTS / "offer-reports"
PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1280, "height": 900}
PASSWORD = "motdepasse-coordination"
MESSAGE = "Le tarif a changé : l'abonnement coûte maintenant 12 € par mois."

pytestmark = REQUIRES_BROWSER

WIDER_THAN_THE_SCREEN = "() => document.documentElement.scrollWidth > window.innerWidth"


@pytest.fixture
def site(transactional_db, live_server, settings):
    from catalogue.models import CatalogueIndexPage
    from home.models import HomePage
    from home.roles import COORDINATION, roles_setup
    from tests.factories.catalogue import ToolPageFactory
    from tests.factories.users import UserFactory

    settings.SITE_URL = live_server.url
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Repères", slug="accueil"))
    home.save_revision().publish()
    Site.objects.all().delete()
    host, port = live_server.url.split("//")[1].split(":")
    Site.objects.create(hostname=host, port=int(port), root_page=home, is_default_site=True)
    catalogue = home.add_child(
        instance=CatalogueIndexPage(title="Catalogue des offres numériques", slug="catalogue")
    )
    catalogue.save_revision().publish()
    today = timezone.localdate()
    ToolPageFactory(
        parent=catalogue,
        title="Agenda partagé",
        slug="agenda-partage",
        summary="Un agenda en ligne que tout le bureau consulte et complète.",
        last_qualified_on=today - datetime.timedelta(days=200),
        review_by=today - datetime.timedelta(days=20),
    )
    for number in range(3):
        ToolPageFactory(
            parent=catalogue,
            title=f"Outil à revoir {number}",
            review_by=today + datetime.timedelta(days=5 + 10 * number),
        )
    roles_setup()
    UserFactory(username="coralie", password=PASSWORD, group=COORDINATION)
    return live_server.url


def _axe(page) -> list[str]:
    if Axe is None:
        return []
    options = {
        "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
        "resultTypes": ["violations"],
    }
    results = Axe().run(page, options=options)
    return [
        f"{page.url}: {violation['id']} {', '.join(node['target'])}"
        for violation in results.response["violations"]
        for node in violation["nodes"]
    ]


def test_a_visitor_reports_from_a_phone(site, browser):
    from catalogue.models import OfferReport

    warm = browser.new_context(viewport=PHONE, locale="fr-FR").new_page()
    assert warm.goto(f"{site}/catalogue/agenda-partage/").headers["x-page-cache"] == "miss"

    page = browser.new_context(viewport=PHONE, locale="fr-FR").new_page()
    response = page.goto(f"{site}/catalogue/agenda-partage/")
    assert response.headers["x-page-cache"] == "hit"  # the form below comes from the cache
    summary = page.locator("summary", has_text="Signaler une information erronée ou obsolète")
    summary.scroll_into_view_if_needed()
    page.screenshot(path=SCREENSHOTS / "1-offre-390.png", full_page=True)
    expect(page.get_by_role("group", name="Quel est le problème ?")).to_be_hidden()

    summary.click()
    expect(page.get_by_role("group", name="Quel est le problème ?")).to_be_visible()
    trap = page.locator("input[name=website]").bounding_box()  # the honeypot: off screen
    assert trap["x"] + trap["width"] <= 0
    page.fill("textarea[name=message]", "Trop bref")
    page.locator("summary").last.scroll_into_view_if_needed()
    page.screenshot(path=SCREENSHOTS / "2-formulaire-390.png", full_page=True)
    page.get_by_role("button", name="Envoyer le signalement").click()

    expect(
        page.get_by_role("heading", name="Votre signalement n’a pas pu être envoyé")
    ).to_be_visible()
    expect(
        page.get_by_role("link", name="Quel est le problème ? : Choisissez le problème rencontré.")
    ).to_be_visible()
    expect(page.get_by_text("au moins 10 caractères (vous en avez écrit 9)").first).to_be_visible()
    expect(page.locator("textarea[name=message]")).to_have_value("Trop bref")
    page.screenshot(path=SCREENSHOTS / "3-erreurs-390.png", full_page=True)
    assert not page.evaluate(WIDER_THAN_THE_SCREEN)
    assert _axe(page) == []

    page.get_by_label("Information obsolète").check()
    page.fill("textarea[name=message]", MESSAGE)
    page.get_by_label("Votre adresse e-mail (facultatif)").fill("lectrice@exemple.fr")
    page.get_by_role("button", name="Envoyer le signalement").click()

    expect(
        page.get_by_role("heading", name="Merci, votre signalement a bien été envoyé")
    ).to_be_visible()
    assert page.url == f"{site}/signaler/{OfferReport.objects.get().offer_id}/merci/"
    page.screenshot(path=SCREENSHOTS / "4-confirmation-390.png", full_page=True)
    assert not page.evaluate(WIDER_THAN_THE_SCREEN)
    assert _axe(page) == []
    report = OfferReport.objects.get()
    assert (report.message, report.email) == (MESSAGE, "lectrice@exemple.fr")

    page.get_by_role("link", name="Revenir à l’offre").click()
    expect(page.get_by_role("heading", name="Agenda partagé", level=1)).to_be_visible()


def test_the_form_on_a_wide_screen(site, browser):
    page = browser.new_context(viewport=WIDE, locale="fr-FR").new_page()
    page.goto(f"{site}/catalogue/agenda-partage/")
    page.locator("summary", has_text="Signaler une information").click()
    page.get_by_label("Lien cassé").check()
    page.screenshot(path=SCREENSHOTS / "5-formulaire-1280.png", full_page=True)
    assert _axe(page) == []


def test_the_coordination_closes_a_report_and_reads_the_offers_to_review(site, browser):
    from catalogue.choices import ReportReason, ReportStatus
    from catalogue.models import OfferPage, OfferReport

    offer = OfferPage.objects.get(slug="agenda-partage")
    report = OfferReport.objects.create(
        offer=offer, reason=ReportReason.OUTDATED, message=MESSAGE, email="lectrice@exemple.fr"
    )
    OfferReport.objects.create(
        offer=offer, reason=ReportReason.BROKEN_LINK, message="Le lien du site ne répond plus."
    )
    page = browser.new_context(viewport=WIDE, locale="fr-FR").new_page()
    admin_login(page, site, "coralie", PASSWORD)

    page.get_by_role("link", name="Signalements").click()
    expect(page.get_by_role("heading", name="Signalements", level=1)).to_be_visible()
    page.screenshot(path=SCREENSHOTS / "6-file-des-signalements.png", full_page=True)

    page.get_by_role("link", name=f"Signalement n° {report.pk} sur « Agenda partagé »").click()
    expect(page.get_by_text("lectrice@exemple.fr")).to_be_visible()
    page.get_by_role("textbox", name="Note de clôture").fill(
        "Tarif vérifié et corrigé sur la fiche."
    )
    page.screenshot(path=SCREENSHOTS / "7-clore.png", full_page=True)
    page.get_by_role("button", name="Clore le signalement").click()

    expect(page.get_by_text("Signalement clos.")).to_be_visible()
    page.screenshot(path=SCREENSHOTS / "8-clos.png", full_page=True)
    report.refresh_from_db()
    assert report.status == ReportStatus.CLOSED

    page.goto(f"{site}/admin/reports/offers-to-review/")
    expect(page.get_by_role("heading", name="Offres à revoir")).to_be_visible()
    expect(page.get_by_text("20 jours de retard")).to_be_visible()
    page.screenshot(path=SCREENSHOTS / "9-offres-a-revoir.png", full_page=True)
    page.get_by_role("link", name="Structure").first.click()  # sort by a column
    page.wait_for_url("**ordering=provider__name**")
    expect(page.locator("table.listing tbody tr").first).to_be_visible()
    providers = page.locator("table.listing tbody tr td:nth-child(3)").all_inner_texts()
    assert providers == sorted(providers)
    page.screenshot(path=SCREENSHOTS / "10-offres-a-revoir-tri.png", full_page=True)
    page.get_by_role("button", name="Afficher les filtres").click()
    page.get_by_role("button", name="Échéance").click()
    expect(page.get_by_role("radio", name="Date de révision dépassée")).to_be_visible()
    page.screenshot(path=SCREENSHOTS / "11-offres-a-revoir-filtres.png", full_page=True)
    page.get_by_role("radio", name="Date de révision dépassée").check()
    page.wait_for_url("**due=depassee**")
    expect(page.get_by_text("À revoir dans 5 jours")).to_have_count(0)
    expect(page.get_by_text("20 jours de retard")).to_be_visible()
    page.screenshot(path=SCREENSHOTS / "12-offres-en-retard.png", full_page=True)
    export = page.request.get(f"{site}/admin/reports/offers-to-review/?export=csv")
    assert export.ok
    assert "offres-a-revoir-" in export.headers["content-disposition"]
    assert "Agenda partagé" in export.text()
