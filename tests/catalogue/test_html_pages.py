"""The public HTML pages of the catalogue."""

import json
import re

import pytest

from wagtail.models import PageViewRestriction

from catalogue.models import (
    OFFER_MODELS,
    ResourcePage,
    SupportServicePage,
    ToolPage,
    TrainingOfferPage,
)
from tests.factories.catalogue import (
    ActorFactory,
    CollectionItemFactory,
    ResourcePageFactory,
    ThematicCollectionPageFactory,
    ThemeFactory,
    ToolPageFactory,
    offer_factory,
)

pytestmark = pytest.mark.django_db


def _jsonld(response) -> list[dict]:
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    return [json.loads(block) for block in blocks]


def test_base_layout_is_french_and_accessible(client, catalogue):
    response = client.get("/catalogue/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="fr"' in html
    assert 'href="#contenu"' in html
    assert 'id="contenu"' in html


def test_schema_types_of_the_kinds():
    # The design's table; a new kind declares its own type and is checked below.
    assert ToolPage.jsonld_type == "SoftwareApplication"
    assert ResourcePage.jsonld_type == "LearningResource"
    assert TrainingOfferPage.jsonld_type == "Course"
    assert SupportServicePage.jsonld_type == "Service"


@pytest.mark.parametrize("model", OFFER_MODELS, ids=lambda model: model.__name__)
def test_offer_pages_render_with_jsonld(client, catalogue, model):
    actor = ActorFactory(name="Coopérative numérique", siret="12345678901234")
    page = offer_factory(model)(parent=catalogue, slug="offre", title="Mon offre", provider=actor)

    response = client.get(page.url)

    assert response.status_code == 200
    assert "Mon offre" in response.content.decode()
    data = _jsonld(response)
    types = {block["@type"] for block in data}
    assert model.jsonld_type in types
    main = next(block for block in data if block["@type"] == model.jsonld_type)
    assert main["name"] == "Mon offre"
    provider = main.get("provider") or main.get("author") or main.get("publisher")
    assert provider["@type"] == "Organization"
    assert provider["name"] == "Coopérative numérique"


def test_listing_filters_as_a_plain_get_form(client, catalogue):
    rgpd = ThemeFactory(slug="rgpd", name="RGPD")
    ToolPageFactory(parent=catalogue, title="Registre RGPD", slug="registre", themes=[rgpd])
    ResourcePageFactory(parent=catalogue, title="Guide du bénévole", slug="guide")

    everything = client.get("/catalogue/").content.decode()
    assert "Registre RGPD" in everything and "Guide du bénévole" in everything
    assert 'method="get"' in everything.lower()

    by_theme = client.get("/catalogue/", {"themes": "rgpd"}).content.decode()
    assert "Registre RGPD" in by_theme and "Guide du bénévole" not in by_theme

    by_kind = client.get("/catalogue/", {"kind": "ressource"}).content.decode()
    assert "Guide du bénévole" in by_kind and "Registre RGPD" not in by_kind

    by_search = client.get("/catalogue/", {"q": "bénévole"}).content.decode()
    assert "Guide du bénévole" in by_search and "Registre RGPD" not in by_search


def test_bad_filter_value_shows_a_form_error(client, catalogue):
    ToolPageFactory(parent=catalogue, title="Outil visible")
    response = client.get("/catalogue/", {"themes": "inexistante"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Valeur inconnue : inexistante." in html
    assert "Outil visible" not in html


def test_listing_pagination_and_missing_page(client, catalogue):
    catalogue.per_page = 6
    catalogue.save_revision().publish()
    for n in range(8):
        ToolPageFactory(parent=catalogue, title=f"Outil {n}", slug=f"outil-{n}")

    second = client.get("/catalogue/", {"page": 2}).content.decode()
    assert "Outil 7" in second and "Outil 0" not in second
    assert client.get("/catalogue/", {"page": 5}).status_code == 404
    assert client.get("/catalogue/", {"page": "abc"}).status_code == 404


def test_listing_query_count_does_not_grow_with_page_size(
    client, catalogue, django_assert_max_num_queries
):
    theme = ThemeFactory()
    for n in range(24):
        ToolPageFactory(parent=catalogue, slug=f"outil-{n}", themes=[theme])
    client.get("/catalogue/")

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for per_page in (6, 24):
        catalogue.per_page = per_page
        catalogue.save_revision().publish()
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/catalogue/").status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts


def test_hidden_pages_are_not_served_or_listed(client, catalogue):
    draft = ToolPageFactory(
        parent=catalogue, slug="brouillon", title="Secret brouillon", live=False
    )
    restricted = ToolPageFactory(parent=catalogue, slug="restreint", title="Secret restreint")
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    changed = ToolPageFactory(parent=catalogue, slug="modifie", title="Titre publié")
    changed.title = "Secret non publié"
    changed.save_revision()

    assert client.get("/catalogue/brouillon/").status_code == 404
    assert client.get("/catalogue/restreint/").status_code == 302
    listing = client.get("/catalogue/").content.decode()
    assert "Secret" not in listing
    assert "Titre publié" in client.get("/catalogue/modifie/").content.decode()
    assert draft.pk and restricted.pk


def test_collection_page_lists_curated_then_theme_offers(client, catalogue):
    theme = ThemeFactory(slug="rgpd")
    curated = ToolPageFactory(parent=catalogue, title="Outil choisi", themes=[theme])
    ResourcePageFactory(parent=catalogue, title="Guide de la thématique", themes=[theme])
    collection = ThematicCollectionPageFactory(parent=catalogue, slug="rgpd", themes=[theme])
    CollectionItemFactory(collection=collection, offer=curated, note="Note de la rédaction.")
    collection.include_theme_offers = True
    collection.save_revision().publish()

    html = client.get("/catalogue/rgpd/").content.decode()

    assert "Note de la rédaction." in html
    assert html.index("Outil choisi") < html.index("Guide de la thématique")


def test_missing_page_is_a_french_404(client, catalogue):
    response = client.get("/catalogue/nulle-part/")
    assert response.status_code == 404
    assert "introuvable" in response.content.decode().lower()


def test_filters_wait_behind_a_disclosure_that_opens_on_errors(client, catalogue):
    ToolPageFactory(parent=catalogue, slug="outil")

    closed = client.get("/catalogue/?kind=outil").content.decode()
    with_error = client.get("/catalogue/?kind=inconnu").content.decode()

    assert '<details class="filters-disclosure">' in closed
    assert "Filtrer <span" in closed and "(1 filtre actif)" in closed
    assert '<details class="filters-disclosure" open>' in with_error
    assert "facet__options--scroll" not in closed
