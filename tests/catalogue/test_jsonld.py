"""The offers' JSON-LD (catalogue/jsonld.py and each kind's `jsonld_properties`), checked
against schema.org's vocabulary: `offers` from the pricing model, a public image only."""

import json
import re
from decimal import Decimal

import pytest

from wagtail.models import Collection, CollectionViewRestriction

from catalogue.choices import PricingModel
from catalogue.jsonld import offer_jsonld
from catalogue.models import OFFER_MODELS
from tests.factories.catalogue import (
    ActorFactory,
    ThemeFactory,
    ToolPageFactory,
    TrainingOfferPageFactory,
    offer_factory,
)
from tests.factories.images import ImageFactory
from tests.schema_org import schema_errors

pytestmark = pytest.mark.django_db


def _page_jsonld(client, page) -> dict:
    html = client.get(page.url).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


@pytest.mark.parametrize("model", OFFER_MODELS, ids=lambda model: model.__name__)
def test_offer_jsonld_follows_schema_org(client, catalogue, model):
    provider = ActorFactory(siret="12345678901234", website="https://example.org/")
    page = offer_factory(model)(
        parent=catalogue,
        provider=provider,
        logo=ImageFactory(),
        themes=[ThemeFactory(name="RGPD")],
        pricing_model=PricingModel.PAID,
        price_details="9 € par mois",
    )

    data = _page_jsonld(client, page)

    assert data["@type"] == model.jsonld_type
    assert schema_errors(data) == []
    assert data["offers"]["@type"] == "Offer"
    assert data["image"].startswith("http://")


PRICES = [
    (PricingModel.FREE, "0"),
    (PricingModel.FREEMIUM, "0"),
    (PricingModel.PAID, None),
    (PricingModel.PAY_WHAT_YOU_WANT, None),
    (PricingModel.MEMBERSHIP, None),
    (PricingModel.NONPROFIT_RATE, None),
]


@pytest.mark.parametrize(("pricing", "price"), PRICES, ids=[str(p[0]) for p in PRICES])
def test_tool_offers_follow_the_pricing_model(catalogue, pricing, price):
    page = ToolPageFactory(parent=catalogue, pricing_model=pricing, price_details="Détails")

    offer = offer_jsonld(page)["offers"]

    assert offer["@type"] == "Offer"
    assert offer["name"] == page.get_pricing_model_display()
    assert offer["description"] == "Détails"
    if price is None:
        # A price nobody wrote down is never invented.
        assert "price" not in offer and "priceCurrency" not in offer
    else:
        assert (offer["price"], offer["priceCurrency"]) == (price, "EUR")
    assert schema_errors(offer) == []


def test_no_offers_without_a_pricing_model(catalogue):
    page = ToolPageFactory(parent=catalogue, pricing_model="")

    assert "offers" not in offer_jsonld(page)


def test_an_external_training_states_its_recorded_price(catalogue):
    page = TrainingOfferPageFactory(
        parent=catalogue, pricing_model=PricingModel.PAID, price_amount=Decimal("120.00")
    )

    offer = offer_jsonld(page)["offers"]

    assert (offer["price"], offer["priceCurrency"]) == ("120.00", "EUR")


def test_a_private_logo_stays_out_of_the_jsonld(client, catalogue):
    private = Collection.get_first_root_node().add_child(name="Interne")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    page = ToolPageFactory(parent=catalogue, logo=ImageFactory(collection=private))

    assert "image" not in _page_jsonld(client, page)
