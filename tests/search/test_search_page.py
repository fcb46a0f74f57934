import pytest

from django.utils.translation import gettext

from wagtail.models import PageViewRestriction

from catalogue.models import OfferKind
from tests.factories.catalogue import ToolPageFactory
from tests.factories.training import TrainingModulePageFactory

pytestmark = pytest.mark.django_db


def test_offers_and_modules_are_listed_together_with_their_kind(client, catalogue, training_index):
    ToolPageFactory(parent=catalogue, slug="jitsi", title="Jitsi", summary="Visioconférence.")
    TrainingModulePageFactory(parent=training_index, slug="animer", title="Animer une visio")

    response = client.get("/recherche/", {"q": "visio"})

    results = response.context["results"]
    assert [(r.page.slug, str(r.kind_label)) for r in results] == [
        ("animer", gettext("Training module")),
        ("jitsi", str(OfferKind.OUTIL.label)),
    ]
    assert response.context["page_obj"].paginator.count == 2
    assert b'href="/formations/animer/"' in response.content


def test_private_and_draft_pages_are_not_found(client, catalogue):
    private = ToolPageFactory(parent=catalogue, title="Sondage privé")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    ToolPageFactory(parent=catalogue, title="Sondage brouillon", live=False)

    response = client.get("/recherche/", {"q": "sondage"})

    assert response.context["results"] == []
    assert response.context["page_obj"].paginator.count == 0


def test_results_are_paginated(client, catalogue):
    for n in range(25):
        ToolPageFactory(parent=catalogue, title=f"Sondage {n}")

    first = client.get("/recherche/", {"q": "sondage"})
    second = client.get("/recherche/", {"q": "sondage", "page": 2})

    assert len(first.context["results"]) == 20
    assert len(second.context["results"]) == 5
    assert b"q=sondage&amp;page=2" in first.content


def test_an_empty_query_shows_the_form_only(client, home_page):
    response = client.get("/recherche/")
    assert response.status_code == 200
    assert response.context["page_obj"] is None
    assert b'id="search-q"' in response.content


def test_the_header_search_box_points_to_the_search_page(client, home_page):
    response = client.get("/")
    assert b'<form class="site-search" method="get" action="/recherche/"' in response.content
