"""Offers read for a listing: each as its kind, from the shared tables, and whatever the
query left out fetched for the whole page at once."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogue.choices import HostingLocation, ResourceType
from catalogue.models import ResourcePage, ToolPage
from catalogue.selectors import offers_by_ids
from tests.factories.catalogue import ResourcePageFactory, ToolPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def offers(catalogue):
    tools = [
        ToolPageFactory(
            parent=catalogue,
            hosting_location=HostingLocation.FRANCE,
            body=[("paragraph", "<p>Un</p>"), ("paragraph", "<p>Deux</p>")],
        )
        for _ in range(3)
    ]
    resources = [
        ResourcePageFactory(parent=catalogue, resource_type=ResourceType.VIDEO) for _ in range(3)
    ]
    return [page for pair in zip(tools, resources, strict=True) for page in pair]


def test_rows_come_as_their_kind_in_the_order_asked(offers):
    ids = [offer.pk for offer in reversed(offers)]

    rows = offers_by_ids(ids, preloads=())

    assert [row.pk for row in rows] == ids
    assert [type(row) for row in rows] == [type(offer) for offer in reversed(offers)]


def test_one_query_reads_the_page_and_its_provider(offers):
    with CaptureQueriesContext(connection) as ctx:
        rows = offers_by_ids([offer.pk for offer in offers], preloads=())
        assert all(row.title and row.provider.name for row in rows)

    assert len(ctx.captured_queries) == 1
    sql = ctx.captured_queries[0]["sql"]
    # Neither the kinds' tables nor the body are read unless asked for.
    assert "catalogue_toolpage" not in sql
    assert '"catalogue_offerpage"."body"' not in sql


def test_a_kind_field_is_fetched_once_for_every_offer_of_that_kind(offers):
    rows = offers_by_ids([offer.pk for offer in offers], preloads=())
    tools = [row for row in rows if isinstance(row, ToolPage)]
    resources = [row for row in rows if isinstance(row, ResourcePage)]

    with CaptureQueriesContext(connection) as ctx:
        assert {tool.hosting_location for tool in tools} == {HostingLocation.FRANCE}
        assert {resource.resource_type for resource in resources} == {ResourceType.VIDEO}

    # One query per kind's table, not one per offer.
    assert len(ctx.captured_queries) == 2


def test_the_body_is_fetched_once_for_the_whole_page(offers):
    rows = offers_by_ids([offer.pk for offer in offers], preloads=())

    with CaptureQueriesContext(connection) as ctx:
        bodies = [row.body for row in rows]

    assert len(ctx.captured_queries) == 1
    assert [len(body) for body in bodies] == [2, 0] * 3


def test_a_kind_asked_for_is_joined_to_the_listing_query(offers):
    with CaptureQueriesContext(connection) as ctx:
        rows = offers_by_ids([offer.pk for offer in offers], kinds=[ToolPage], preloads=())
        locations = {row.hosting_location for row in rows if isinstance(row, ToolPage)}

    assert locations == {HostingLocation.FRANCE}
    assert len(ctx.captured_queries) == 1


def test_an_offer_loaded_alone_still_reads_its_fields(offers):
    offer = offers_by_ids([offers[0].pk], preloads=())[0]

    assert offer.hosting_location == HostingLocation.FRANCE
    assert offer.draft_title == offers[0].draft_title


def test_the_html_listing_gets_themes_and_renditions_preloaded(offers):
    rows = offers_by_ids([offer.pk for offer in offers])

    with CaptureQueriesContext(connection) as ctx:
        for row in rows:
            list(row.themes.all())
            list(row.audiences.all())

    assert len(ctx.captured_queries) == 0
