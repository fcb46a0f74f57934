"""Drafts, unpublished changes and restricted pages never reach the API, by any path."""

import pytest

from wagtail.models import PageViewRestriction

from tests.factories.catalogue import (
    CollectionItemFactory,
    ThematicCollectionPageFactory,
    ToolPageFactory,
)
from tests.graphql_client import graphql_data, graphql_errors

pytestmark = pytest.mark.django_db

LIST = "{ offers(perPage: 100) { items { slug title } } }"
SEARCH = '{ offers(search: "secret") { items { slug } } }'
SITE_SEARCH = '{ search(query: "secret") { items { __typename } } }'
BY_SLUG = "query($slug: String) { offer(slug: $slug) { slug title } }"
BY_ID = "query($id: ID) { offer(id: $id) { slug } }"
BY_PATH = "query($path: String) { offer(urlPath: $path) { slug } }"


@pytest.fixture
def hidden(catalogue):
    draft = ToolPageFactory(
        parent=catalogue, slug="brouillon", title="Outil secret brouillon", live=False
    )
    restricted = ToolPageFactory(parent=catalogue, slug="restreint", title="Outil secret restreint")
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    changed = ToolPageFactory(parent=catalogue, slug="modifie", title="Titre publié")
    changed.title = "Titre secret non publié"
    changed.save_revision()
    return {"draft": draft, "restricted": restricted, "changed": changed}


def test_lists_and_search_show_only_live_public_versions(client, hidden):
    items = graphql_data(client, LIST)["offers"]["items"]
    assert items == [{"slug": "modifie", "title": "Titre publié"}]
    assert graphql_data(client, SEARCH)["offers"]["items"] == []
    # The root `search` is the site search (not grapple's generic one): visible pages only.
    assert graphql_data(client, SITE_SEARCH)["search"]["items"] == []


@pytest.mark.parametrize("slug", ["brouillon", "restreint"])
def test_single_lookups_answer_not_found(client, hidden, slug):
    page = hidden["draft" if slug == "brouillon" else "restricted"]
    for query, variables in [
        (BY_SLUG, {"slug": slug}),
        (BY_ID, {"id": str(page.pk)}),
        (BY_PATH, {"path": f"/catalogue/{slug}/"}),
    ]:
        errors = graphql_errors(client, query, variables)
        assert errors[0]["extensions"]["code"] == "NOT_FOUND"


def test_unpublished_changes_stay_hidden_in_single_lookup(client, hidden):
    assert graphql_data(client, BY_SLUG, {"slug": "modifie"})["offer"]["title"] == "Titre publié"


def test_children_and_parent_skip_hidden_pages(client, hidden):
    data = graphql_data(client, '{ offer(slug: "modifie") { parent { slug children { slug } } } }')
    assert [child["slug"] for child in data["offer"]["parent"]["children"]] == ["modifie"]


def test_collections_hide_unpublished_curated_offers(client, catalogue, hidden):
    visible = ToolPageFactory(parent=catalogue, slug="visible")
    collection = ThematicCollectionPageFactory(parent=catalogue, slug="selection")
    CollectionItemFactory(collection=collection, offer=hidden["draft"])
    CollectionItemFactory(collection=collection, offer=visible)
    collection.save_revision().publish()

    data = graphql_data(
        client,
        '{ collection(slug: "selection") { visibleItems { offer { slug } } allOffers { slug } } }',
    )

    assert data["collection"]["visibleItems"] == [{"offer": {"slug": "visible"}}]
    assert data["collection"]["allOffers"] == [{"slug": "visible"}]


def test_editorial_fields_are_not_in_the_schema(client, catalogue):
    ToolPageFactory(parent=catalogue)
    for field in (
        "draftTitle",
        "locked",
        "live",
        "owner",
        "hasUnpublishedChanges",
        "latestRevision",
    ):
        errors = graphql_errors(
            client, f"{{ offers {{ items {{ ... on ToolPage {{ {field} }} }} }} }}"
        )
        assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT", field


def test_grapple_generic_roots_are_closed(client, hidden):
    for root in (
        "pages { id }",
        'page(slug: "brouillon") { id }',
    ):
        errors = graphql_errors(client, f"{{ {root} }}")
        assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT"
