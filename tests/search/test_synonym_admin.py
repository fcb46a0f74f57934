import pytest

from catalogue.models import SearchSynonym

pytestmark = pytest.mark.django_db


def test_coordinators_edit_synonyms_in_the_admin(client, admin_user):
    client.force_login(admin_user)
    listing = client.get("/admin/snippets/catalogue/searchsynonym/")
    assert listing.status_code == 200
    assert "visio ↔ visioconférence ↔ réunion à distance" in listing.content.decode()

    response = client.post(
        "/admin/snippets/catalogue/searchsynonym/add/", {"terms": "CA\nconseil d'administration"}
    )
    assert response.status_code == 302
    assert SearchSynonym.objects.filter(terms__startswith="CA").get().term_list() == [
        "CA",
        "conseil d'administration",
    ]
