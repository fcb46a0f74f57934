import pytest

from wagtail.models import Page, PageViewRestriction, Site

from catalogue.models import MODEL_BY_KIND, Actor, OfferPage, ThematicCollectionPage
from home.demo.loader import load_demo
from home.models import HomePage

pytestmark = pytest.mark.django_db


def _snapshot():
    return {
        "pages": sorted(Page.objects.values_list("url_path", "live", "title")),
        "actors": Actor.objects.count(),
        "revisions": sorted(Page.objects.values_list("pk", "latest_revision_id")),
    }


def test_demo_content_is_believable_and_idempotent():
    created = load_demo(log=lambda *_: None)
    first = _snapshot()

    assert load_demo(log=lambda *_: None) == {}
    assert _snapshot() == first

    assert created["actors"] >= 10
    live = OfferPage.objects.live().public()
    assert live.count() >= 40
    kinds = {page.specific_class.kind for page in live}
    assert kinds == set(MODEL_BY_KIND)
    assert ThematicCollectionPage.objects.live().count() >= 5
    assert OfferPage.objects.filter(live=False).exists()
    assert PageViewRestriction.objects.exists()
    assert OfferPage.objects.live().filter(has_unpublished_changes=True).exists()
    from training.models import TrainingModulePage, TrainingPathPage, TrainingSession
    from training.selectors import upcoming_sessions

    assert TrainingPathPage.objects.live().count() == 2
    assert TrainingModulePage.objects.filter(level="niveau_1").count() == 5
    assert TrainingModulePage.objects.filter(level="niveau_2").count() >= 4
    assert upcoming_sessions().count() == TrainingSession.objects.count() >= 10
    assert TrainingModulePage.objects.values("authors").distinct().count() >= 3
    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert home.live_featured_collections()
    _assert_bodies_are_rich_and_stable()
    _assert_no_placeholder_titles()


def _assert_bodies_are_rich_and_stable():
    from home.demo.loader import _rich_text
    from home.models import StandardPage

    pages = [*OfferPage.objects.live().specific(), *StandardPage.objects.live()]
    used = {block.block_type for page in pages for block in page.body}
    assert {"paragraph", "quote", "call_to_action", "offer_links", "image"} <= used
    for page in pages:
        for block in page.body:
            if block.block_type == "paragraph":
                html = block.value.source
                # As the admin's editor would save it: opening and saving changes nothing.
                assert "data-block-key" in html and _rich_text(html) == html
            elif block.block_type == "offer_links":
                assert all(offer.live for offer in block.value["offers"])
            elif block.block_type == "call_to_action":
                assert block.value["page"] is None or block.value["page"].live
            elif block.block_type == "image":
                assert block.value["image"].width >= 640 and block.value["alt_text"]


def _assert_no_placeholder_titles():
    from wagtail.models import Revision

    titles = [revision.content["title"] for revision in Revision.page_revisions.all()]
    placeholders = ("brouillon", "mise à jour", "test", "todo")
    assert not [title for title in titles if any(word in title.lower() for word in placeholders)]
    mattermost = OfferPage.objects.get(slug="mattermost")
    draft = mattermost.get_latest_revision_as_object()
    assert mattermost.has_unpublished_changes
    assert draft.title == mattermost.title and draft.summary != mattermost.summary


def test_demo_has_accounts_and_every_workflow_state():
    from django.contrib.auth import authenticate

    from wagtail.models import WorkflowState

    from home.demo.accounts import DEMO_PASSWORD

    load_demo(log=lambda *_: None)

    tours = authenticate(username="acteur.tours", password=DEMO_PASSWORD)
    assert tours is not None and tours.groups.filter(name="Acteurs du numérique").exists()
    assert authenticate(username="coordination", password=DEMO_PASSWORD) is not None
    statuses = set(WorkflowState.objects.values_list("status", flat=True))
    assert statuses == {"in_progress", "needs_changes", "approved"}
    tasks = {
        state.current_task_state.task.name
        for state in WorkflowState.objects.filter(status="in_progress")
    }
    assert tasks == {
        "Relecture par un autre acteur",
        "Validation par la coordination",
        # The demo's evaluation awaiting approval (home/demo/evaluations.py).
        "Validation d'une évaluation par la coordination",
    }
