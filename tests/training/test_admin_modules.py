"""Editors create a module with its sequence plan through the Wagtail admin."""

from django.urls import reverse

from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.models import HomePage
from tests.factories.catalogue import ActorFactory
from training.models import TrainingIndexPage, TrainingModulePage


def _sequence(title, minutes):
    return (
        "sequence",
        {
            "title": title,
            "duration_minutes": minutes,
            "activity_type": "atelier_pratique",
            "description": "Déroulé.",
            "materials": "",
        },
    )


class ModuleAdminTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(title="Accueil", slug="accueil"))
        Site.objects.update(root_page=home)
        cls.index = home.add_child(
            instance=TrainingIndexPage(title="Formations", slug="formations")
        )
        cls.actor = ActorFactory()

    def setUp(self):
        self.login()

    def _data(self, duration, *minutes):
        data = nested_form_data(
            {
                "title": "Protéger ses données",
                "slug": "proteger-ses-donnees",
                "summary": "Les bons réflexes.",
                "level": "niveau_1",
                "format": "presentiel",
                "objectives": rich_text("<p>Comprendre.</p>"),
                "expected_results": rich_text("<p>Savoir faire.</p>"),
                "prerequisites": "Aucun.",
                "vigilance_points": "",
                "duration_hours": duration,
                "sequences": streamfield([_sequence(f"S{n}", m) for n, m in enumerate(minutes)]),
                "access_conditions": "Ouvert à tous.",
                "access_delay": "7 jours.",
                "teaching_methods": "Ateliers.",
                "evaluation_method": "Quiz.",
                "accessibility": "Salle accessible.",
                "price_per_participant": "",
                "price_per_group": "450",
                "funding_notes": "",
                "contact_name": "",
                "contact_email": "",
                "contact_phone": "",
                "licence": "cc_by_sa",
            }
        )
        data["authors"] = [self.actor.pk]
        return data

    def test_create_module_with_sequence_plan(self):
        self.assertCanCreate(self.index, TrainingModulePage, self._data("2.5", 60, 90))
        module = TrainingModulePage.objects.get(slug="proteger-ses-donnees")
        self.assertEqual([block.value["duration_minutes"] for block in module.sequences], [60, 90])
        self.assertEqual(list(module.authors.all()), [self.actor])

    def test_inconsistent_duration_is_refused(self):
        url = reverse(
            "wagtailadmin_pages:add", args=["training", "trainingmodulepage", self.index.pk]
        )
        response = self.client.post(url, self._data("3", 60, 90))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "ne correspond pas à la somme des séquences")
        self.assertFalse(TrainingModulePage.objects.exists())
