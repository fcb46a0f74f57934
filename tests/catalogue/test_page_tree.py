"""Page-tree rules: where each page type may live."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from catalogue.models import OFFER_MODELS, CatalogueIndexPage, OfferPage, ThematicCollectionPage
from home.models import HomePage, StandardPage


class PageTreeTests(WagtailPageTestCase):
    def test_offer_base_is_not_creatable(self):
        self.assertFalse(OfferPage.is_creatable)
        self.assertCanNotCreateAt(CatalogueIndexPage, OfferPage)

    def test_offers_and_collections_live_under_the_catalogue(self):
        self.assertAllowedSubpageTypes(CatalogueIndexPage, {*OFFER_MODELS, ThematicCollectionPage})
        for model in OFFER_MODELS:
            self.assertAllowedParentPageTypes(model, {CatalogueIndexPage})
            self.assertCanNotCreateAt(HomePage, model)

    def test_catalogue_sits_under_home(self):
        self.assertAllowedParentPageTypes(CatalogueIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertCanCreateAt(HomePage, StandardPage)

    def test_single_home_and_catalogue(self):
        self.assertEqual(HomePage.max_count, 1)
        self.assertEqual(CatalogueIndexPage.max_count, 1)
