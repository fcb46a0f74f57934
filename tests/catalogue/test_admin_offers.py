"""Editors create and edit each kind of offer through the Wagtail admin."""

from django.urls import reverse

from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from catalogue.models import (
    OFFER_MODELS,
    Actor,
    CatalogueIndexPage,
    ResourcePage,
    ThematicCollectionPage,
    kind_fields,
)
from home.models import HomePage
from tests.factories.catalogue import (
    ActorFactory,
    AudienceFactory,
    ThemeFactory,
    ToolPageFactory,
    offer_factory,
)


def _common(actor, theme, audience, slug):
    return {
        "title": f"Offre {slug}",
        "slug": slug,
        "summary": "Un résumé clair.",
        "body": streamfield([("paragraph", rich_text("<p>Présentation.</p>"))]),
        "provider": actor.pk,
        "pricing_model": "gratuit",
        "price_details": "",
        "format": "en_ligne",
        "territory": "national",
        "territory_details": "",
        "website": "https://example.org/",
        "last_qualified_on": "2026-01-15",
        "review_by": "2026-12-01",
    }


def _kind_data(model) -> dict:
    """Admin form values for the fields the kind adds, taken from its factory, so that a
    new kind is covered without a table here."""
    page = offer_factory(model).build()
    data = {}
    for name in kind_fields(model):
        value = getattr(page, name)
        if value is True:
            data[name] = "on"
        elif value is not False:
            data[name] = "" if value is None else str(value)
    return data


class OfferAdminTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        root = Page.get_first_root_node()
        cls.home = root.add_child(instance=HomePage(title="Accueil", slug="accueil"))
        Site.objects.update(root_page=cls.home)
        cls.catalogue = cls.home.add_child(
            instance=CatalogueIndexPage(title="Catalogue", slug="catalogue")
        )
        cls.actor = ActorFactory()
        cls.theme = ThemeFactory()
        cls.audience = AudienceFactory()

    def setUp(self):
        self.login()

    def test_create_each_kind(self):
        for model in OFFER_MODELS:
            slug = model.__name__.lower()
            data = nested_form_data(
                {**_common(self.actor, self.theme, self.audience, slug), **_kind_data(model)}
            )
            data.update(themes=[self.theme.pk], audiences=[self.audience.pk])
            with self.subTest(model=model.__name__):
                self.assertCanCreate(self.catalogue, model, data)
                page = model.objects.get(slug=slug)
                self.assertEqual(list(page.themes.all()), [self.theme])
                self.assertEqual(page.provider, self.actor)

    def test_edit_form_renders_in_french(self):
        page = ToolPageFactory(parent=self.catalogue, slug="outil")
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Lieu d&#x27;hébergement des données")
        self.assertContains(response, "Thématiques")

    def test_edit_each_kind_saves_a_draft_revision(self):
        for model in OFFER_MODELS:
            slug = f"edit-{model.__name__.lower()}"
            data = nested_form_data(
                {**_common(self.actor, self.theme, self.audience, slug), **_kind_data(model)}
            )
            data.update(themes=[self.theme.pk], audiences=[self.audience.pk])
            with self.subTest(model=model.__name__):
                self.assertCanCreate(self.catalogue, model, data)
                page = model.objects.get(slug=slug)
                # assertCanCreate added its publish action to `data`: save a draft instead.
                data.pop("action-publish", None)
                data["title"] = "Titre modifié"
                response = self.client.post(
                    reverse("wagtailadmin_pages:edit", args=[page.pk]), data
                )
                self.assertEqual(response.status_code, 302)
                page.refresh_from_db()
                self.assertEqual(page.title, f"Offre {slug}")
                self.assertTrue(page.has_unpublished_changes)
                self.assertEqual(page.get_latest_revision_as_object().title, "Titre modifié")

    def test_validation_errors_are_shown_and_nothing_is_saved(self):
        data = nested_form_data(
            {
                **_common(self.actor, self.theme, self.audience, "sans-lien"),
                **{**_kind_data(ResourcePage), "resource_url": ""},
            }
        )
        url = reverse(
            "wagtailadmin_pages:add", args=["catalogue", "resourcepage", self.catalogue.pk]
        )
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Indiquez un lien ou joignez un document.")
        self.assertFalse(ResourcePage.objects.filter(slug="sans-lien").exists())

    def test_create_collection_with_curated_offers(self):
        offer = ToolPageFactory(parent=self.catalogue, slug="outil-curated")
        data = nested_form_data(
            {
                "title": "Bien démarrer",
                "slug": "bien-demarrer",
                "intro": rich_text("<p>Intro.</p>"),
                "include_theme_offers": "on",
                "items": inline_formset([{"offer": offer.pk, "note": "Simple et gratuit."}]),
            }
        )
        data["themes"] = [self.theme.pk]
        self.assertCanCreate(self.catalogue, ThematicCollectionPage, data)
        collection = ThematicCollectionPage.objects.get(slug="bien-demarrer")
        self.assertEqual([item.offer_id for item in collection.items.all()], [offer.pk])

    def test_actor_snippet_rejects_a_bad_siret(self):
        url = reverse("wagtailsnippets_catalogue_actor:add")
        response = self.client.post(
            url,
            {
                "name": "Asso",
                "slug": "asso",
                "kind": "acteur_numerique",
                "siret": "123",
                "rna": "",
                "departments": "",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Un SIRET compte exactement 14 chiffres.")
        self.assertFalse(Actor.objects.filter(slug="asso").exists())
