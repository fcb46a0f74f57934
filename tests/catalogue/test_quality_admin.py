"""Editors see the data-quality score in the admin: a side panel in the offer editor and a
sortable column in the explorer's listing of the catalogue, through the admin's own views."""

import re

import pytest

from django.urls import reverse

from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from catalogue.models import OfferQuality
from tests.factories.catalogue import (
    ActorFactory,
    AudienceFactory,
    ThematicCollectionPageFactory,
    ThemeFactory,
    ToolPageFactory,
)

pytestmark = pytest.mark.django_db

PARAGRAPH = "<p>" + "Une présentation détaillée de l'outil. " * 12 + "</p>"


@pytest.fixture
def editor(client, admin_user):
    client.force_login(admin_user)
    return client


def _offer(catalogue, **kwargs):
    values = {
        "parent": catalogue,
        "body": [("paragraph", RichText(PARAGRAPH))],
        "themes": [ThemeFactory()],
        "audiences": [AudienceFactory()],
        **kwargs,
    }
    return ToolPageFactory(**values)


def _edit(editor, page):
    response = editor.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _panel(html) -> str:
    match = re.search(r'data-side-panel="data-quality".*?</section>\s*</div>', html, re.S)
    assert match, "no data-quality side panel"
    return match.group(0)


def test_the_offer_editor_has_a_quality_side_panel(editor, catalogue):
    offer = _offer(catalogue, audiences=[])

    html = _edit(editor, offer)

    assert 'data-side-panel-toggle="data-quality"' in html
    assert 'aria-label="Afficher ou masquer la qualité des données"' in html
    panel = _panel(html)
    assert "Score de qualité des données" in panel
    assert "83/100" in panel
    assert "<li>Aucun public</li>" in panel
    assert "Version publiée" not in panel


def test_the_side_panel_scores_the_draft_being_edited(editor, catalogue):
    offer = _offer(catalogue)
    offer.themes = []
    offer.pricing_model = ""
    offer.save_revision()

    panel = _panel(_edit(editor, offer))

    # The draft: 4 / 6 = 67; the published version keeps its 100 until published.
    assert "67/100" in panel
    assert "<li>Aucune thématique</li>" in panel
    assert "<li>Modèle tarifaire non renseigné</li>" in panel
    assert "Version publiée : 100/100." in panel
    assert OfferQuality.objects.get(offer=offer).score == 100


def test_a_complete_offer_misses_nothing(editor, catalogue):
    panel = _panel(_edit(editor, _offer(catalogue)))

    assert "100/100" in panel
    assert "Rien ne manque." in panel


def test_other_pages_have_no_quality_panel(editor, catalogue):
    collection = ThematicCollectionPageFactory(parent=catalogue)

    for page in (catalogue, collection):
        html = _edit(editor, page)
        assert 'data-side-panel="data-quality"' not in html
        assert 'data-side-panel="status"' in html


def test_publishing_from_the_editor_refreshes_the_score(editor, catalogue):
    actor = ActorFactory()
    offer = _offer(catalogue, provider=actor, audiences=[])
    assert OfferQuality.objects.get(offer=offer).score == 83
    audience = AudienceFactory()
    data = nested_form_data(
        {
            "title": offer.title,
            "slug": offer.slug,
            "summary": offer.summary,
            "body": streamfield([("paragraph", rich_text(PARAGRAPH))]),
            "provider": actor.pk,
            "pricing_model": "gratuit",
            "price_details": "",
            "format": "en_ligne",
            "territory": "national",
            "territory_details": "",
            "website": "https://example.org/",
            "last_qualified_on": "",
            "review_by": "",
            "licence": "libre",
            "licence_name": "",
            "hosting_location": "ue",
            "gdpr_notes": "",
            "data_export_formats": "",
            "accessibility_statement_url": "",
            "action-publish": "action-publish",
        }
    )
    data.update(themes=[theme.pk for theme in offer.themes.all()], audiences=[audience.pk])

    response = editor.post(reverse("wagtailadmin_pages:edit", args=[offer.pk]), data)

    assert response.status_code == 302, response.content.decode()[:2000]
    assert OfferQuality.objects.get(offer=offer).score == 100


def _listed(editor, catalogue, **params) -> list[tuple[str, int | None]]:
    response = editor.get(reverse("wagtailadmin_explore", args=[catalogue.pk]), params)
    assert response.status_code == 200
    return [(page.slug, page.quality_score) for page in response.context["pages"]]


def test_the_explorer_lists_offers_with_their_score_in_a_column(editor, catalogue):
    _offer(catalogue, slug="complete")
    _offer(catalogue, slug="sans-public", audiences=[])

    response = editor.get(reverse("wagtailadmin_explore", args=[catalogue.pk]))

    html = response.content.decode()
    assert "Qualité des données" in html
    assert "83/100" in html and "100/100" in html
    assert '?ordering=quality_score"' in html


def test_the_score_column_sorts_both_ways_unscored_last(editor, catalogue):
    _offer(catalogue, slug="complete")
    _offer(catalogue, slug="sans-public", audiences=[])
    _offer(catalogue, slug="nue", themes=[], audiences=[], pricing_model="")
    ThematicCollectionPageFactory(parent=catalogue, slug="collection")
    _offer(catalogue, slug="brouillon", live=False)

    assert _listed(editor, catalogue, ordering="-quality_score") == [
        ("complete", 100),
        ("sans-public", 83),
        ("nue", 50),
        ("brouillon", None),
        ("collection", None),
    ]
    assert _listed(editor, catalogue, ordering="quality_score") == [
        ("nue", 50),
        ("sans-public", 83),
        ("complete", 100),
        ("brouillon", None),
        ("collection", None),
    ]


def test_searching_the_explorer_ignores_the_score_order(editor, catalogue):
    _offer(catalogue, slug="complete", title="Agenda partagé")

    listed = _listed(editor, catalogue, q="agenda", ordering="quality_score")

    assert listed == [("complete", 100)]


def test_the_listing_of_a_kind_sorts_by_score_too(editor, catalogue):
    _offer(catalogue, slug="complete")
    _offer(catalogue, slug="sans-public", audiences=[])
    url = reverse("wagtailadmin_pages:type_use", args=["catalogue", "toolpage"])

    response = editor.get(url, {"ordering": "quality_score"})

    assert response.status_code == 200
    assert [(page.slug, page.quality_score) for page in response.context["pages"]] == [
        ("sans-public", 83),
        ("complete", 100),
    ]
    assert "83/100" in response.content.decode()
