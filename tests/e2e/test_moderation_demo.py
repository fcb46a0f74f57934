"""On the demo content, in a real browser: the reviewer of the offer « en relecture » approves
it from the editor's footer without saving a revision of their own, and the advisor leaves a
comment, which is kept without a revision."""

import shutil

import pytest

from wagtail.models import Comment, Site

from .browser import ARTIFACTS, REQUIRES_BROWSER, chromium, expect
from .browser import admin_login as _login

SCREENSHOTS = ARTIFACTS / "e2e-moderation-demo"
# Submitted by acteur.tours in the demo, so that acteur.touraine is its peer reviewer.
IN_REVIEW = "guide-accessibilite-numerique"

pytestmark = REQUIRES_BROWSER


@pytest.fixture
def browser_page(monkeypatch):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with chromium(monkeypatch) as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
        yield context.new_page()


@pytest.fixture(scope="module", autouse=True)
def _fresh_screenshots():
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)


@pytest.fixture
def demo(transactional_db, live_server):
    """The demo content and accounts, served by the live server."""
    from home.demo.loader import load_demo

    load_demo(log=lambda *_: None)
    host, port = live_server.url.split("//")[1].split(":")
    Site.objects.filter(is_default_site=True).update(hostname=host, port=int(port))
    return live_server.url


def _shot(page, name):
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


def _expect_message(page, text):
    message = page.locator(".messages li", has_text=text)
    expect(message).to_be_visible()
    # Wagtail's messages fade in: a screenshot taken at once shows an empty bar.
    page.wait_for_timeout(800)


def _offer_in_review():
    from catalogue.models import OfferPage

    return OfferPage.objects.get(slug=IN_REVIEW)


@pytest.mark.parametrize(
    ("label", "comment"),
    [("Approuver", None), ("Approuver avec un commentaire", "Relu : le guide est clair.")],
    ids=["approve", "approve-with-comment"],
)
def test_reviewer_approves_from_the_editor_footer(demo, browser_page, label, comment):
    page, offer = browser_page, _offer_in_review()
    assert offer.current_workflow_task.name == "Relecture par un autre acteur"
    revisions = offer.revisions.count()
    name = "avec-commentaire" if comment else "sans-commentaire"

    _login(page, demo, "acteur.touraine")
    page.goto(f"{demo}/admin/pages/{offer.pk}/edit/")
    page.locator("footer [data-w-dropdown-target='toggle']").last.click()
    _shot(page, f"1-relecteur-{name}-menu")
    page.get_by_role("button", name=label, exact=True).click()
    if comment:
        dialog = page.get_by_role("dialog")
        dialog.locator("textarea").fill(comment)
        _shot(page, f"2-relecteur-{name}-dialogue")
        dialog.locator("[type=submit]").click()

    _expect_message(page, "Relecture validée, transmise à la coordination")
    _shot(page, f"3-relecteur-{name}-validee")
    offer = _offer_in_review()
    assert offer.revisions.count() == revisions
    assert not offer.revisions.filter(user__username="acteur.touraine").exists()
    assert offer.current_workflow_task.name == "Validation par la coordination"
    if comment:
        assert (
            offer.workflow_states.get(status="in_progress")
            .task_states.filter(status="approved", comment=comment)
            .exists()
        )


def test_advisor_comments_in_the_editor(demo, browser_page):
    page, offer = browser_page, _offer_in_review()
    revisions = offer.revisions.count()

    _login(page, demo, "conseiller")
    page.goto(f"{demo}/admin/pages/{offer.pk}/edit/")
    _shot(page, "4-conseiller-ouvre")
    page.locator("[data-comment-add]").first.click()
    page.locator(".comment textarea").first.fill("Penser à citer le RGAA.")
    page.get_by_role("button", name="Commenter", exact=True).click()
    _shot(page, "5-conseiller-commente")
    page.locator("footer button[type=submit]").first.click()

    _expect_message(page, "Vos commentaires ont été enregistrés")
    _shot(page, "6-commentaire-enregistre")
    comment = Comment.objects.get(page=offer)
    assert (comment.user.username, comment.text) == ("conseiller", "Penser à citer le RGAA.")
    assert _offer_in_review().revisions.count() == revisions
