"""Every offer kind is wired everywhere from its class alone: page tree, choices, GraphQL
enum, JSON-LD, demo content and test factory. A new kind that misses one fails here."""

import json
import re

import pytest

from django.apps import apps

from catalogue.models import (
    MODEL_BY_KIND,
    OFFER_MODELS,
    CatalogueIndexPage,
    OfferKind,
    OfferPage,
    ThematicCollectionPage,
)
from cms.api.schema import schema
from home.demo.loader import CONTENT_FILE
from tests.factories.catalogue import offer_factory

KINDS = pytest.mark.parametrize("model", OFFER_MODELS, ids=lambda model: model.__name__)


def test_every_offer_subclass_is_a_listed_kind():
    subclasses = {
        model
        for model in apps.get_models()
        if issubclass(model, OfferPage) and model is not OfferPage
    }
    assert subclasses == set(OFFER_MODELS)
    assert len(MODEL_BY_KIND) == len(OFFER_MODELS), "two kinds share a code"


def test_catalogue_accepts_exactly_the_kinds_and_collections():
    assert CatalogueIndexPage.allowed_subpage_models() == [
        *OFFER_MODELS,
        ThematicCollectionPage,
    ]


def test_choices_follow_the_kinds_in_order():
    assert OfferKind.values == [model.kind for model in OFFER_MODELS]


@KINDS
def test_kind_declares_a_code_a_label_and_a_jsonld_type(model):
    assert re.fullmatch(r"[a-z][a-z_]*", model.kind)
    assert str(model.kind_label)
    assert OfferKind(model.kind).label == model.kind_label
    assert model.jsonld_type
    assert CatalogueIndexPage in model.allowed_parent_page_models()


@KINDS
def test_kind_is_a_graphql_enum_value_described_by_its_label(model):
    enum = schema.graphql_schema.get_type("OfferKind")

    # The filter that value selects is tested in tests/api/test_offers_query.py.
    assert enum.values[model.kind.upper()].description == str(model.kind_label)


@KINDS
def test_kind_has_live_demo_entries(model):
    offers = json.loads(CONTENT_FILE.read_text(encoding="utf-8"))["offers"]
    assert any(data["kind"] == model.kind and data["state"] != "draft" for data in offers)


@KINDS
@pytest.mark.django_db
def test_kind_factory_builds_a_valid_published_page(catalogue, model):
    page = offer_factory(model)(parent=catalogue)

    assert type(page) is model
    page.full_clean()
    assert model.objects.live().filter(pk=page.pk).exists()


def test_a_tools_draft_shows_its_visible_alternatives_in_the_admin(client, catalogue, admin_user):
    from catalogue.models import ToolPage
    from tests.factories.catalogue import ToolPageFactory

    live = ToolPageFactory(parent=catalogue, title="Alternative publiée")
    hidden = ToolPageFactory(parent=catalogue, title="Alternative en brouillon", live=False)
    tool = ToolPageFactory(parent=catalogue, title="Outil avec un brouillon")
    tool = ToolPage.objects.get(pk=tool.pk)
    tool.alternatives = [hidden, live]
    tool.save_revision()  # a draft: its alternatives live in the revision only

    client.force_login(admin_user)
    response = client.get(f"/admin/pages/{tool.pk}/view_draft/")

    assert response.status_code == 200
    assert "Alternative publiée" in response.text
    assert "Alternative en brouillon" not in response.text
