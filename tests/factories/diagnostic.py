"""Diagnostic data for tests: measures, a small questionnaire of two axes and three
questions (the seed one, `diagnostic_load_seed`, has 21), and results stored through
`result_create` as a visitor's run would store them."""

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from diagnostic.choices import MeasurePriority
from diagnostic.models import DiagnosticPage, Measure
from diagnostic.services import result_create

from .catalogue import ThemeFactory


class MeasureFactory(DjangoModelFactory):
    class Meta:
        model = Measure
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Mesure {n}")
    slug = factory.Sequence(lambda n: f"mesure-{n}")
    why = "Parce que cela compte."
    how = "Commencer par un inventaire."
    priority = MeasurePriority.MEDIUM

    @factory.post_generation
    def themes(obj, create, extracted, **kwargs):
        if create and extracted is not None:
            obj.themes.set(extracted)


def _option(label, value, score, measures=()):
    return {
        "label": label,
        "value": value,
        "score": str(score),
        "measures": list(measures),
        "themes": [],
    }


def small_questionnaire() -> list:
    """The `axes` of a small questionnaire, as StreamField data. Its weakest answers call
    for three measures: `equiper-messagerie` (urgent), `sauvegarder` and `registre-rgpd`."""
    theme = ThemeFactory(slug="outils-collaboratifs", name="Outils collaboratifs")
    messagerie = MeasureFactory(
        slug="equiper-messagerie",
        title="Équiper l'association d'une messagerie",
        priority=MeasurePriority.URGENT,
        themes=[theme],
    )
    sauvegarde = MeasureFactory(slug="sauvegarder", title="Sauvegarder les fichiers")
    rgpd = MeasureFactory(
        slug="registre-rgpd", title="Tenir un registre RGPD", priority=MeasurePriority.HIGH
    )
    return [
        (
            "axis",
            {
                "name": "Outils",
                "slug": "outils",
                "description": "Les outils du quotidien.",
                "questions": [
                    {
                        "text": "Quelle messagerie utilisez-vous ?",
                        "slug": "outils-messagerie",
                        "help_text": "Celle des échanges de l'association.",
                        "weight": "2",
                        "options": [
                            _option("Aucune", "aucune", 0, [messagerie]),
                            _option("Une adresse partagée", "partagee", 2),
                            _option("Une messagerie par personne", "pro", 3),
                        ],
                    },
                    {
                        "text": "Sauvegardez-vous vos fichiers ?",
                        "slug": "outils-sauvegarde",
                        "help_text": "",
                        "weight": "1",
                        "options": [
                            _option("Non", "non", 0, [sauvegarde]),
                            _option("Oui", "oui", 3),
                        ],
                    },
                ],
            },
        ),
        (
            "axis",
            {
                "name": "Données",
                "slug": "donnees",
                "description": "",
                "questions": [
                    {
                        "text": "Tenez-vous un registre des traitements ?",
                        "slug": "donnees-registre",
                        "help_text": "",
                        "weight": "3",
                        "options": [
                            _option("Non", "non", 0, [rgpd, sauvegarde]),
                            _option("En partie", "partiel", 1, [rgpd]),
                            _option("Oui", "oui", 3),
                        ],
                    },
                ],
            },
        ),
    ]


class DiagnosticPageFactory(wagtail_factories.PageFactory):
    """A published questionnaire (pass `live=False` for a draft), published like an
    editor would, so that it has a live revision."""

    class Meta:
        model = DiagnosticPage
        skip_postgeneration_save = True

    title = "Diagnostic des besoins numériques"
    slug = factory.Sequence(lambda n: f"diagnostic-{n}")
    intro = "Faites le point en quelques minutes."
    measures_shown = 6
    axes = factory.LazyFunction(small_questionnaire)

    @factory.post_generation
    def publish(obj, create, extracted, **kwargs):
        if create and obj.live:
            obj.save_revision().publish()
            obj.refresh_from_db()


def weakest_answers(page: DiagnosticPage) -> dict[str, str]:
    """The lowest-scored answer to every question: the run that calls for every measure."""
    return {
        question.slug: min(question.options, key=lambda option: option.score).value
        for _axis, question in page.questionnaire().questions()
    }


class DiagnosticResultFactory(factory.Factory):
    """A result stored through `result_create`; the weakest answers unless given."""

    class Meta:
        model = dict  # built by `_create`

    page = factory.SubFactory(DiagnosticPageFactory)
    answers = factory.LazyAttribute(lambda o: weakest_answers(o.page))
    department = ""

    @classmethod
    def _create(cls, model_class, *, page, answers, department):
        return result_create(page=page, answers=answers, department=department)

    @classmethod
    def _build(cls, model_class, **kwargs):
        raise NotImplementedError("A result is stored by result_create: use create().")
