import pytest

from tests.factories.catalogue import ToolPageFactory
from tests.moderation.test_guarantees import _act, _draft, _submit

pytestmark = pytest.mark.django_db


def test_actor_dashboard_shows_drafts_and_sent_back_pages(client, catalogue, people):
    _draft(catalogue, people["albert"], slug="brouillon-collegue", title="Brouillon du collègue")
    _draft(
        catalogue, people["bruno"], slug="brouillon-autre", title="Brouillon d'une autre structure"
    )
    rejected = _draft(catalogue, people["alice"], slug="renvoye", title="Page renvoyée")
    _submit(rejected, people["alice"])
    client.force_login(people["bruno"])
    _act(client, rejected, "reject", comment="Ajoutez une source.")

    client.force_login(people["alice"])
    html = client.get("/admin/").content.decode()

    assert "Mon travail" in html
    assert "Brouillon du collègue" in html
    assert "Brouillon d&#x27;une autre structure" not in html
    assert "Page renvoyée" in html and "Ajoutez une source." in html
    assert "File de modération" not in html


def test_coordination_sees_the_moderation_queue(client, catalogue, people):
    page = _draft(catalogue, people["alice"], slug="soumise", title="Outil soumis")
    _submit(page, people["alice"])
    ToolPageFactory(parent=catalogue, slug="publiee", title="Outil déjà publié")

    client.force_login(people["coordinator"])
    html = client.get("/admin/").content.decode()

    assert "File de modération" in html
    assert "Outil soumis" in html and "Relecture par un autre acteur" in html
    assert "Outil déjà publié" not in html
