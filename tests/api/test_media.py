"""Image renditions: a missing or refused filter is a clear error, never INTERNAL."""

import pytest

from tests.factories.catalogue import ToolPageFactory
from tests.factories.images import ImageFactory
from tests.graphql_client import graphql_data, post_graphql

pytestmark = pytest.mark.django_db

LOGO = '{ offer(slug: "outil") { logo { %s } } }'


@pytest.fixture
def offer(catalogue):
    return ToolPageFactory(
        parent=catalogue, slug="outil", logo=ImageFactory(file__width=1600, file__height=1000)
    )


@pytest.mark.parametrize(
    "selection",
    [
        "rendition { url }",
        'rendition(fill: "999x999") { url }',
        "rendition(preserveSvg: true) { url }",
    ],
)
def test_rendition_without_an_allowed_filter_is_bad_user_input(client, offer, selection):
    body = post_graphql(client, LOGO % selection).json()

    assert body["data"] == {"offer": {"logo": {"rendition": None}}}
    error = body["errors"][0]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "rendition"}
    assert "fill-160x160" in error["message"]


def test_rendition_with_an_allowed_filter(client, offer):
    data = graphql_data(client, LOGO % 'rendition(fill: "160x160") { width height }')

    assert data["offer"]["logo"]["rendition"] == {"width": 160, "height": 160}


def test_src_set_without_sizes_uses_every_allowed_width(client, offer):
    src_set = graphql_data(client, LOGO % "srcSet")["offer"]["logo"]["srcSet"]

    assert [entry.rsplit(" ", 1)[1] for entry in src_set.split(", ")] == ["640w", "1200w"]


def test_src_set_keeps_only_allowed_sizes(client, offer):
    src_set = graphql_data(client, LOGO % "srcSet(sizes: [640, 333])")["offer"]["logo"]["srcSet"]

    assert src_set.endswith(" 640w")
    assert "," not in src_set


def test_a_collection_lists_no_private_folder_even_inside_a_private_one(client, offer):
    from wagtail.models import Collection, CollectionViewRestriction

    public = offer.logo.collection
    private = public.add_child(name="Dossier privé")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    private.add_child(name="Sous-dossier secret")
    public.add_child(name="Dossier public")
    assert Collection.objects.filter(name="Sous-dossier secret").exists()

    data = graphql_data(client, LOGO % "collection { descendants { name } }")
    names = [c["name"] for c in data["offer"]["logo"]["collection"]["descendants"]]
    assert names == ["Dossier public"]
