import pytest

from wagtail.blocks import StreamValue

from tests.factories.catalogue import ToolPageFactory
from tests.graphql_client import graphql_data, graphql_errors

pytestmark = pytest.mark.django_db

OFFER = """
query($id: ID, $slug: String, $urlPath: String) {
  offer(id: $id, slug: $slug, urlPath: $urlPath) {
    slug kind kindLabel
    ... on ToolPage { licence liveAlternatives { slug } }
    body {
      blockType
      ... on CallToActionBlock { title href }
      ... on OfferLinksBlock { liveOffers { slug } }
    }
  }
}
"""


def test_lookup_by_slug_id_and_url_path(client, catalogue):
    tool = ToolPageFactory(parent=catalogue, slug="framadate")

    for variables in (
        {"slug": "framadate"},
        {"id": str(tool.pk)},
        {"urlPath": "/catalogue/framadate/"},
        {"urlPath": "/catalogue/framadate"},
    ):
        assert graphql_data(client, OFFER, variables)["offer"]["slug"] == "framadate", variables


@pytest.mark.parametrize(
    "variables",
    [{}, {"slug": "a", "id": "1"}, {"id": "abc"}],
)
def test_lookup_needs_exactly_one_valid_argument(client, catalogue, variables):
    errors = graphql_errors(client, OFFER, variables)
    assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT"


def test_missing_offer_is_not_found(client, catalogue):
    response = client.post(
        "/graphql/",
        {"query": OFFER, "variables": {"slug": "absente"}},
        content_type="application/json",
    )
    body = response.json()
    assert body["data"] == {"offer": None}
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"


def test_streamfield_links_only_expose_live_pages(client, catalogue):
    live = ToolPageFactory(parent=catalogue, slug="publiee")
    draft = ToolPageFactory(parent=catalogue, slug="brouillon", live=False)
    page = ToolPageFactory(parent=catalogue, slug="avec-liens")
    page.alternatives = [live, draft]
    block = page.body.stream_block
    page.body = StreamValue(
        block,
        [
            ("call_to_action", {"title": "Vers le brouillon", "link_text": "Voir", "page": draft}),
            ("call_to_action", {"title": "Vers la page", "link_text": "Voir", "page": live}),
            ("offer_links", {"heading": "Voir aussi", "offers": [draft, live]}),
        ],
    )
    page.save_revision().publish()

    data = graphql_data(client, OFFER, {"slug": "avec-liens"})["offer"]

    ctas = [b for b in data["body"] if b["blockType"] == "CallToActionBlock"]
    assert ctas[0]["href"] is None
    assert ctas[1]["href"].endswith("/catalogue/publiee/")
    links = next(b for b in data["body"] if b["blockType"] == "OfferLinksBlock")
    assert links["liveOffers"] == [{"slug": "publiee"}]
    assert data["liveAlternatives"] == [{"slug": "publiee"}]
