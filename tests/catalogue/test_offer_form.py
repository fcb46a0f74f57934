"""The actor's offer form: checkboxes, their own organisation, what submitting needs, and
duplicates, through the admin's own views and POSTs."""

import pytest

from django.urls import reverse

from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from catalogue.models import ToolPage
from catalogue.websites import normalised_website
from home.roles import ACTORS, COORDINATION, roles_setup
from tests.factories.catalogue import (
    ActorFactory,
    AudienceFactory,
    ThemeFactory,
    ToolPageFactory,
)
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(catalogue, training_index):
    roles_setup()
    own, other = ActorFactory(name="Tiers-lieu de Tours"), ActorFactory(name="Autre structure")
    actor = UserFactory(username="acteur", group=ACTORS)
    own.users.add(actor)
    communication = ThemeFactory(name="Communication", slug="communication", sort_order=2)
    gestion = ThemeFactory(name="Gestion", slug="gestion", sort_order=1)
    return {
        "catalogue": catalogue,
        "actor": actor,
        "coordinator": UserFactory(username="coordination", group=COORDINATION),
        "own": own,
        "other": other,
        "gestion": gestion,
        "social": ThemeFactory(name="Réseaux sociaux", slug="reseaux", parent=communication),
        "communication": communication,
        "audience": AudienceFactory(name="Bénévoles", slug="benevoles"),
    }


def _add_url(catalogue):
    return reverse("wagtailadmin_pages:add", args=["catalogue", "toolpage", catalogue.pk])


def _data(setup, action, **overrides):
    data = nested_form_data(
        {
            "title": "Agenda partagé",
            "slug": "agenda-partage",
            "summary": "Un agenda en ligne.",
            "body": streamfield([("paragraph", rich_text("<p>Présentation.</p>"))]),
            "provider": setup["own"].pk,
            "pricing_model": "",
            "price_details": "",
            "format": "en_ligne",
            "territory": "national",
            "territory_details": "",
            "website": "",
            "licence": "libre",
            "licence_name": "",
            "hosting_location": "france",
            "gdpr_notes": "",
            "data_export_formats": "",
            "accessibility_statement_url": "",
            "last_qualified_on": "",
            "review_by": "",
        }
    )
    data.update(overrides)
    if action:
        data[action] = action
    return data


def test_themes_and_audiences_are_checkboxes_grouped_by_parent(client, setup):
    client.force_login(setup["actor"])
    html = client.get(_add_url(setup["catalogue"])).content.decode()

    assert 'type="checkbox" name="themes"' in html
    assert 'type="checkbox" name="audiences"' in html
    assert '<select name="themes"' not in html and '<select name="audiences"' not in html
    assert "<legend" in html and ">Communication</legend>" in html
    assert "Communication en général" in html
    # The taxonomy's order: Gestion (1) before Communication (2), sub-theme under its parent.
    assert html.index("Gestion</label>") < html.index(">Communication</legend>")
    assert html.index(">Communication</legend>") < html.index("Réseaux sociaux")


def test_a_draft_saves_without_themes_audiences_or_pricing(client, setup):
    client.force_login(setup["actor"])
    response = client.post(_add_url(setup["catalogue"]), _data(setup, None))

    assert response.status_code == 302
    page = ToolPage.objects.get(slug="agenda-partage")
    assert not page.live and page.pricing_model == ""


def test_submitting_requires_themes_audience_and_pricing_saying_what_to_fill(client, setup):
    client.force_login(setup["actor"])
    response = client.post(_add_url(setup["catalogue"]), _data(setup, "action-submit"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Cochez au moins une thématique pour soumettre l&#x27;offre à la relecture." in html
    assert "Cochez au moins un public pour soumettre l&#x27;offre à la relecture." in html
    assert "Choisissez un modèle tarifaire pour soumettre l&#x27;offre à la relecture." in html
    assert not ToolPage.objects.filter(slug="agenda-partage").exists()

    complete = _data(
        setup,
        "action-submit",
        themes=[setup["social"].pk],
        audiences=[setup["audience"].pk],
        pricing_model="gratuit",
    )
    response = client.post(_add_url(setup["catalogue"]), complete)
    assert response.status_code == 302
    page = Page.objects.get(slug="agenda-partage")
    assert page.current_workflow_state.status == "in_progress"


def test_publishing_an_incomplete_draft_is_refused(client, setup):
    page = ToolPageFactory(parent=setup["catalogue"], slug="incomplet", live=False)
    client.force_login(setup["coordinator"])
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.post(url, _data(setup, "action-publish", slug="incomplet"))

    assert response.status_code == 200
    assert "Cochez au moins une thématique" in response.content.decode()
    assert not ToolPage.objects.get(pk=page.pk).live


def test_the_provider_is_the_actors_own_organisation(client, setup):
    client.force_login(setup["actor"])
    form = client.get(_add_url(setup["catalogue"])).context["form"]

    assert list(form.fields["provider"].queryset) == [setup["own"]]
    assert form["provider"].value() == setup["own"].pk

    response = client.post(
        _add_url(setup["catalogue"]), _data(setup, None, provider=setup["other"].pk)
    )
    assert response.status_code == 200
    assert not ToolPage.objects.filter(slug="agenda-partage").exists()


def test_coordination_chooses_any_provider(client, setup):
    client.force_login(setup["coordinator"])
    form = client.get(_add_url(setup["catalogue"])).context["form"]

    assert set(form.fields["provider"].queryset) == {setup["own"], setup["other"]}
    assert form["provider"].value() is None


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("https://www.Framaforms.org/", "framaforms.org"),
        ("http://framaforms.org", "framaforms.org"),
        ("framaforms.org/abc/", "framaforms.org/abc"),
        ("", ""),
    ],
)
def test_websites_compare_without_scheme_www_case_or_trailing_slash(typed, expected):
    assert normalised_website(typed) == expected


def test_the_form_warns_of_a_duplicate_by_website_with_a_link(client, setup):
    existing = ToolPageFactory(
        parent=setup["catalogue"], title="Framaforms", website="https://framaforms.org/"
    )
    draft = ToolPageFactory(
        parent=setup["catalogue"],
        title="Formulaires libres",
        website="http://www.FramaForms.org",
        live=False,
        owner=setup["actor"],
    )
    unrelated = ToolPageFactory(
        parent=setup["catalogue"], title="Agenda", website="https://agenda.example.org/"
    )
    client.force_login(setup["actor"])

    html = client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk])).content.decode()
    assert "Une offre avec le même titre ou le même site existe déjà" in html
    assert f'href="{existing.url}"' in html

    html = client.get(reverse("wagtailadmin_pages:edit", args=[unrelated.pk])).content.decode()
    assert "existe déjà" not in html


def test_submitting_a_duplicate_title_saves_and_warns(client, setup):
    ToolPageFactory(parent=setup["catalogue"], title="Agenda partagé", website="")
    client.force_login(setup["actor"])
    complete = _data(
        setup,
        "action-submit",
        title="AGENDA partagé ",
        themes=[setup["gestion"].pk],
        audiences=[setup["audience"].pk],
        pricing_model="gratuit",
    )
    response = client.post(_add_url(setup["catalogue"]), complete, follow=True)

    assert ToolPage.objects.filter(slug="agenda-partage").exists()
    assert "pourrait faire doublon" in response.content.decode()


def test_a_draft_save_shows_the_panel_not_a_message(client, setup):
    ToolPageFactory(parent=setup["catalogue"], title="Agenda partagé", website="")
    client.force_login(setup["actor"])
    response = client.post(
        _add_url(setup["catalogue"]), _data(setup, None, slug="agenda-bis"), follow=True
    )

    html = response.content.decode()
    assert ToolPage.objects.filter(slug="agenda-bis").exists()
    assert "Doublon possible" in html
    assert "pourrait faire doublon" not in html
