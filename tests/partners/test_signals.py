"""The changes feed follows what the public could see: every page that leaves the public
view gets one row, a page never public gets none, and a page back in view loses its row."""

import pytest

from wagtail.models import PageViewRestriction

from partners.choices import RemovalReason
from partners.models import PageRemoval
from tests.factories.catalogue import ToolPageFactory

pytestmark = pytest.mark.django_db


def _rows():
    return {row.page_id: row.reason for row in PageRemoval.objects.all()}


def test_unpublishing_records_the_page(catalogue):
    offer = ToolPageFactory(parent=catalogue, slug="framadate")
    offer.unpublish()
    row = PageRemoval.objects.get()
    assert (row.page_id, row.reason, row.page_type) == (offer.pk, "unpublished", "ToolPage")
    assert row.url_path == offer.url_path


def test_republishing_removes_the_row(catalogue):
    offer = ToolPageFactory(parent=catalogue)
    offer.unpublish()
    offer.save_revision().publish()
    assert _rows() == {}


def test_deleting_records_the_subtree_once_per_page(catalogue):
    offer = ToolPageFactory(parent=catalogue)
    child = ToolPageFactory(parent=offer)
    offer.unpublish()
    offer.delete()
    assert _rows() == {offer.pk: "deleted", child.pk: "deleted"}


def test_drafts_never_enter_the_feed(catalogue):
    draft = ToolPageFactory(parent=catalogue, slug="projet-secret", live=False)
    draft.delete()
    restricted_draft = ToolPageFactory(parent=catalogue, live=False)
    PageViewRestriction.objects.create(page=restricted_draft, restriction_type="login")
    assert _rows() == {}


def test_a_restriction_records_the_visible_pages_under_it(catalogue):
    section = ToolPageFactory(parent=catalogue)
    child = ToolPageFactory(parent=section)
    ToolPageFactory(parent=section, live=False)  # a draft: never public
    PageViewRestriction.objects.create(page=section, restriction_type="login")
    assert _rows() == {section.pk: "restricted", child.pk: "restricted"}


def test_a_page_already_hidden_by_a_restriction_is_not_reported_again(catalogue):
    section = ToolPageFactory(parent=catalogue)
    PageViewRestriction.objects.create(page=section, restriction_type="login")
    born_private = ToolPageFactory(parent=section, slug="interne")
    PageViewRestriction.objects.create(page=born_private, restriction_type="login")
    born_private.unpublish()
    assert _rows() == {section.pk: "restricted"}


def test_lifting_a_restriction_brings_the_pages_back(catalogue, django_capture_on_commit_callbacks):
    section = ToolPageFactory(parent=catalogue)
    restriction = PageViewRestriction.objects.create(page=section, restriction_type="login")
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert _rows() == {}


def test_deleting_a_restricted_page_keeps_its_row(catalogue, django_capture_on_commit_callbacks):
    section = ToolPageFactory(parent=catalogue)
    PageViewRestriction.objects.create(page=section, restriction_type="login")
    with django_capture_on_commit_callbacks(execute=True):
        section.delete()
    assert _rows() == {section.pk: "deleted"}


def test_moving_under_a_restriction_and_back(catalogue):
    private = ToolPageFactory(parent=catalogue, slug="prive")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    PageRemoval.objects.all().delete()
    offer = ToolPageFactory(parent=catalogue)
    offer.move(private, pos="last-child")
    assert _rows() == {offer.pk: RemovalReason.MOVED}
    offer.refresh_from_db()
    offer.move(catalogue, pos="last-child")
    assert _rows() == {}


def test_a_page_removed_twice_keeps_one_row_with_the_latest_removal(catalogue):
    offer = ToolPageFactory(parent=catalogue)
    offer.unpublish()
    first = PageRemoval.objects.get().removed_at
    offer.save_revision().publish()
    offer.refresh_from_db()
    offer.unpublish()
    assert PageRemoval.objects.count() == 1
    assert PageRemoval.objects.get().removed_at > first
