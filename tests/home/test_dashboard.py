"""The admin dashboard's shortcuts to propose content, and the advisor's panel."""

from datetime import timedelta

import pytest

from django.urls import reverse
from django.utils import timezone

from wagtail.models import Comment

from catalogue.models import OFFER_MODELS
from home.dashboard import advisor_departments
from home.roles import ACTORS, ADVISORS, roles_setup
from tests.factories.catalogue import ActorFactory, ToolPageFactory
from tests.factories.training import TrainingModulePageFactory, TrainingSessionFactory
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def roles(catalogue, training_index):
    roles_setup()
    return {"catalogue": catalogue, "training": training_index}


def test_actors_get_a_shortcut_per_offer_kind_and_for_a_module(client, roles):
    client.force_login(UserFactory(username="acteur", group=ACTORS))
    html = client.get("/admin/").content.decode()

    assert "Proposer une offre" in html
    for model in OFFER_MODELS:
        url = reverse(
            "wagtailadmin_pages:add",
            args=["catalogue", model._meta.model_name, roles["catalogue"].pk],
        )
        assert f'href="{url}"' in html
    module_url = reverse(
        "wagtailadmin_pages:add", args=["training", "trainingmodulepage", roles["training"].pk]
    )
    assert f'href="{module_url}"' in html
    assert client.get(module_url).status_code == 200


def test_advisors_get_no_shortcut_but_their_panel(client, roles):
    client.force_login(UserFactory(username="conseil", group=ADVISORS))
    html = client.get("/admin/").content.decode()

    assert "Proposer une offre" not in html
    assert "Suivre le programme" in html


def test_an_advisors_department_comes_from_their_organisation():
    advisor = UserFactory(username="conseil")
    ActorFactory(departments="", postcode="41000").users.add(advisor)
    ActorFactory(departments="37, 36").users.add(advisor)

    assert sorted(advisor_departments(advisor)) == ["36", "37", "41"]


def test_the_advisor_panel_lists_offers_sessions_nearby_and_their_comments(client, roles):
    advisor = UserFactory(username="conseil", group=ADVISORS)
    ActorFactory(departments="37").users.add(advisor)
    offer = ToolPageFactory(parent=roles["catalogue"], title="Outil tout neuf")
    module = TrainingModulePageFactory(parent=roles["training"], title="Module RGPD")
    soon = timezone.now() + timedelta(days=5)
    TrainingSessionFactory(module=module, start=soon, commune="Loches", postcode="37600")
    TrainingSessionFactory(module=module, start=soon, commune="Blois", postcode="41000")
    TrainingSessionFactory(
        module=module, start=timezone.now() - timedelta(days=5), commune="Amboise", postcode="37400"
    )
    Comment.objects.create(
        page=offer, user=advisor, text="Précisez l'hébergement.", contentpath="summary"
    )
    Comment.objects.create(
        page=offer, user=UserFactory(username="autre"), text="Autre avis.", contentpath="summary"
    )

    client.force_login(advisor)
    html = client.get("/admin/").content.decode()

    assert "Outil tout neuf" in html
    assert "Prochaines sessions dans le département 37" in html
    assert "Loches" in html and "Blois" not in html and "Amboise" not in html
    assert "Précisez l&#x27;hébergement." in html and "Autre avis." not in html


def test_advisors_read_sessions_but_cannot_edit_them(client, roles):
    advisor = UserFactory(username="conseil", group=ADVISORS)
    session = TrainingSessionFactory(module=TrainingModulePageFactory(parent=roles["training"]))
    client.force_login(advisor)

    assert client.get("/admin/snippets/training/trainingsession/").status_code == 200
    inspect = reverse("wagtailsnippets_training_trainingsession:inspect", args=[session.pk])
    assert client.get(inspect).status_code == 200
    edit = reverse("wagtailsnippets_training_trainingsession:edit", args=[session.pk])
    assert client.get(edit).status_code in (302, 403)
    response = client.post(edit, {"seats": 99})
    session.refresh_from_db()
    assert session.seats != 99 and response.status_code in (302, 403)
