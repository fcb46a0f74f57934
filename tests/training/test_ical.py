from datetime import timedelta

import pytest
from icalendar import Calendar

from django.utils import timezone

from tests.factories.catalogue import ActorFactory
from tests.factories.training import TrainingModulePageFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db


def _events(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["VERSION"]) == "2.0"
    return list(calendar.walk("VEVENT"))


def test_feed_of_all_upcoming_sessions_parses_back(client, training_index):
    module = TrainingModulePageFactory(parent=training_index, slug="rgpd", title="Données et RGPD")
    trainer = ActorFactory(
        name="Tiers-lieu de Tours", contact_email="contact@tiers-lieu.example.org"
    )
    start = (timezone.now() + timedelta(days=7)).replace(microsecond=0)
    TrainingSessionFactory(
        module=module, start=start, end=start + timedelta(hours=3), trainer=trainer, venue="Salle 2"
    )
    TrainingSessionFactory(module=module, start=timezone.now() - timedelta(days=2))
    TrainingSessionFactory(module=module, online=True, commune="", postcode="")

    events = _events(client.get("/ical/sessions.ics"))

    assert len(events) == 2
    first = events[0]
    assert str(first["SUMMARY"]) == "Données et RGPD"
    assert first.decoded("DTSTART") == start
    assert first.decoded("DTEND") == start + timedelta(hours=3)
    assert "Tours" in str(first["LOCATION"]) and "Salle 2" in str(first["LOCATION"])
    assert str(first["URL"]).endswith("/formations/rgpd/")
    assert str(first["ORGANIZER"]) == "mailto:contact@tiers-lieu.example.org"
    assert str(events[1]["LOCATION"]) == "En ligne"


def test_feed_per_module(client, training_index):
    module = TrainingModulePageFactory(parent=training_index, slug="a")
    other = TrainingModulePageFactory(parent=training_index, slug="b")
    TrainingSessionFactory(module=module)
    TrainingSessionFactory(module=other)

    events = _events(client.get("/ical/modules/a.ics"))

    assert [str(event["SUMMARY"]) for event in events] == [module.title]


def test_unpublished_module_has_no_feed(client, training_index):
    TrainingModulePageFactory(parent=training_index, slug="brouillon", live=False)
    assert client.get("/ical/modules/brouillon.ics").status_code == 404
