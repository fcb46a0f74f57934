"""The offer page shows its data-quality hints to those who may edit the offer, and to no
one else: the page anonymous visitors get stays the same for all, and cacheable."""

import pytest

from catalogue.services import offer_quality_refresh
from tests.factories.catalogue import ToolPageFactory
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def offer(catalogue):
    tool = ToolPageFactory(parent=catalogue, summary="Court.", themes=[], audiences=[])
    offer_quality_refresh(offer_ids=[tool.pk])
    return tool


def test_an_editor_sees_the_score_and_what_is_missing(client, admin_user, offer):
    client.force_login(admin_user)

    html = client.get(offer.url).content.decode()

    assert "Qualité des données" in html and "Réservé aux éditeurs" in html
    assert "Aucune thématique" in html or "Aucun thème" in html


def test_anonymous_visitors_and_readers_without_edit_rights_see_nothing(client, offer):
    response = client.get(offer.url)
    html = response.content.decode()
    assert "Réservé aux éditeurs" not in html
    assert "Cookie" not in response.get("Vary", "")

    client.force_login(UserFactory())
    assert "Réservé aux éditeurs" not in client.get(offer.url).content.decode()
