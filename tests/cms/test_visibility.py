"""The cached parts of the visibility rule (cms/visibility.py) answer as Wagtail does."""

import pytest

from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from catalogue.models import OfferPage
from cms.visibility import is_visible, media_is_visible, visible
from tests.factories.catalogue import CatalogueIndexPageFactory, ToolPageFactory
from tests.factories.images import ImageFactory

pytestmark = pytest.mark.django_db


def test_a_page_under_a_restricted_ancestor_is_still_refused(client, home_page):
    private = CatalogueIndexPageFactory(parent=home_page, slug="prive")
    tool = ToolPageFactory(parent=private, slug="outil")
    assert client.get("/prive/outil/").status_code == 200

    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    assert client.get("/prive/outil/").status_code == 302
    assert not is_visible(tool)
    assert tool.pk not in visible(OfferPage.objects.all()).values_list("pk", flat=True)


def test_an_alias_of_a_restricted_page_takes_its_restrictions(client, catalogue, home_page):
    tool = ToolPageFactory(parent=catalogue, slug="source")
    PageViewRestriction.objects.create(page=tool, restriction_type=PageViewRestriction.LOGIN)
    alias = tool.create_alias(parent=home_page, update_slug="alias")

    assert alias.get_view_restrictions().exists()
    assert client.get("/alias/").status_code == 302


def test_an_image_in_a_collection_made_private_later_is_hidden(db):
    root = Collection.get_first_root_node()
    parent = root.add_child(name="Partenaires")
    child = parent.add_child(name="Logos")
    image = ImageFactory(collection=child)
    assert media_is_visible(image)

    CollectionViewRestriction.objects.create(
        collection=parent, restriction_type=CollectionViewRestriction.LOGIN
    )

    assert not media_is_visible(image)
    assert not media_is_visible(None)
