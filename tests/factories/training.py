from datetime import timedelta

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from django.utils import timezone

from training.models import (
    Competence,
    CompetenceDomain,
    TrainingIndexPage,
    TrainingModulePage,
    TrainingPathPage,
    TrainingSession,
)

from .catalogue import ActorFactory


def sequences(*minutes):
    """A sequence plan as StreamField raw data, one sequence per duration."""
    return [
        {
            "type": "sequence",
            "value": {
                "title": f"Séquence {n + 1}",
                "duration_minutes": duration,
                "activity_type": "atelier_pratique",
                "description": "Déroulé.",
                "materials": "",
            },
        }
        for n, duration in enumerate(minutes)
    ]


class CompetenceDomainFactory(DjangoModelFactory):
    class Meta:
        model = CompetenceDomain
        django_get_or_create = ("code",)

    code = "4"
    name = "Protection et sécurité"


class CompetenceFactory(DjangoModelFactory):
    class Meta:
        model = Competence
        django_get_or_create = ("code",)

    domain = factory.SubFactory(CompetenceDomainFactory)
    code = "4.2"
    name = "Protéger les données personnelles et la vie privée"


class TrainingIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = TrainingIndexPage

    title = "Formations"
    slug = "formations"


class TrainingModulePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = TrainingModulePage
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"module-{n:03d}")
    title = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").capitalize())
    level = "niveau_1"
    summary = "Un module pour découvrir."
    objectives = "<p>Savoir faire.</p>"
    expected_results = "<p>Les participants savent faire.</p>"
    duration_hours = 2
    format = "presentiel"
    access_conditions = "Ouvert aux bénévoles."
    access_delay = "Inscription jusqu'à 7 jours avant."
    teaching_methods = "Apports et ateliers."
    evaluation_method = "Quiz final."
    accessibility = "Salle accessible ; contactez-nous pour toute adaptation."
    sequences = factory.LazyFunction(lambda: sequences(60, 60))

    @factory.post_generation
    def related(obj, create, extracted, **kwargs):
        if not create:
            return
        for name in ("themes", "audiences", "competences", "authors", "offers"):
            if name in kwargs:
                setattr(obj, name, list(kwargs[name]))
        if not kwargs.get("authors"):
            obj.authors = [ActorFactory()]
        obj.save()
        if obj.live:
            obj.save_revision().publish()


class TrainingPathPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = TrainingPathPage

    slug = factory.Sequence(lambda n: f"parcours-{n}")
    title = factory.LazyAttribute(lambda o: o.slug.capitalize())
    level = "niveau_1"
    summary = "Un parcours."
    presentation = "<p>Présentation.</p>"


class TrainingSessionFactory(DjangoModelFactory):
    class Meta:
        model = TrainingSession

    start = factory.LazyFunction(lambda: timezone.now() + timedelta(days=10))
    end = factory.LazyAttribute(lambda o: o.start + timedelta(hours=3))
    commune = "Tours"
    postcode = "37000"
    seats = 12
    registration_url = "https://example.org/inscription"
    trainer = factory.SubFactory(ActorFactory)
