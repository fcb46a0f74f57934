"""`removedSince`: the ids of pages removed from the public view since a date."""

from datetime import timedelta

import pytest

from django.utils import timezone

from tests.factories.catalogue import ToolPageFactory
from tests.factories.partners import PageRemovalFactory
from tests.graphql_client import graphql_data, graphql_errors

pytestmark = pytest.mark.django_db

REMOVED = """
query($since: DateTime!, $page: Int, $perPage: Int) {
  removedSince(since: $since, page: $page, perPage: $perPage) {
    items { id pageType reason removedAt }
    pagination { total totalPages nextPage }
  }
}
"""


def _since(when):
    return {"since": when.isoformat()}


def test_an_unpublished_offer_is_listed_with_its_reason(client, catalogue):
    before = timezone.now()
    offer = ToolPageFactory(parent=catalogue, slug="framadate")
    offer.unpublish()
    items = graphql_data(client, REMOVED, _since(before))["removedSince"]["items"]
    assert items == [
        {
            "id": str(offer.pk),
            "pageType": "ToolPage",
            "reason": "UNPUBLISHED",
            "removedAt": items[0]["removedAt"],
        }
    ]


def test_only_removals_since_the_date_oldest_first(client, db):
    now = timezone.now()
    PageRemovalFactory(page_id=1, removed_at=now - timedelta(days=3))
    PageRemovalFactory(page_id=3, removed_at=now - timedelta(hours=2), reason="deleted")
    PageRemovalFactory(page_id=2, removed_at=now - timedelta(hours=1), reason="restricted")
    data = graphql_data(client, REMOVED, _since(now - timedelta(days=1)))["removedSince"]
    assert [(item["id"], item["reason"]) for item in data["items"]] == [
        ("3", "DELETED"),
        ("2", "RESTRICTED"),
    ]
    assert data["pagination"]["total"] == 2


def test_the_date_is_inclusive_and_a_date_without_zone_is_paris_time(client, db):
    removed = timezone.now().replace(microsecond=0)
    PageRemovalFactory(page_id=7, removed_at=removed)
    paris = timezone.localtime(removed).replace(tzinfo=None)
    items = graphql_data(client, REMOVED, {"since": paris.isoformat()})["removedSince"]["items"]
    assert [item["id"] for item in items] == ["7"]


def test_paginated(client, db):
    start = timezone.now() - timedelta(hours=1)
    for n in range(5):
        PageRemovalFactory(page_id=n + 1, removed_at=start + timedelta(minutes=n))
    data = graphql_data(client, REMOVED, {**_since(start), "page": 2, "perPage": 2})
    page = data["removedSince"]
    assert [item["id"] for item in page["items"]] == ["3", "4"]
    assert page["pagination"] == {"total": 5, "totalPages": 3, "nextPage": 3}


def test_a_republished_page_is_not_listed(client, catalogue):
    before = timezone.now()
    offer = ToolPageFactory(parent=catalogue)
    offer.unpublish()
    offer.save_revision().publish()
    assert graphql_data(client, REMOVED, _since(before))["removedSince"]["items"] == []


def test_a_draft_deleted_never_shows(client, catalogue):
    before = timezone.now()
    ToolPageFactory(parent=catalogue, slug="projet-confidentiel", live=False).delete()
    assert graphql_data(client, REMOVED, _since(before))["removedSince"]["items"] == []


@pytest.mark.parametrize(
    "variables",
    [
        {"since": "hier"},
        {"since": "2026-13-45T00:00:00"},
        {"since": "2026-01-01T00:00:00\u0000"},
        {"since": None},
        {"since": "2026-01-01T00:00:00Z", "perPage": 1000},
        {"since": "2026-01-01T00:00:00Z", "page": 0},
    ],
)
def test_bad_arguments_get_a_clear_error(client, db, variables):
    errors = graphql_errors(client, REMOVED, variables)
    assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT"
