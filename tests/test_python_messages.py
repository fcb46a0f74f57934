"""Python strings are English in the source and French for users, through the
`locale/fr` catalogue: API errors (partners get French) and model labels (the admin)."""

import pytest

from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import trans_real

from catalogue.choices import PricingModel
from catalogue.models import OfferPage, ToolPage
from catalogue.validators import siret_validator
from tests.factories.catalogue import ToolPageFactory
from tests.graphql_client import graphql_errors
from training.models import TrainingModulePage

OFFERS_PAGE = """
query ($page: Int, $perPage: Int) {
  offers(page: $page, perPage: $perPage) { pagination { total } }
}"""
# Twelve levels: deeper than GRAPHQL_MAX_DEPTH (10).
DEEP = "{ offers { items " + "{ parent " * 9 + "{ title }" + " }" * 9 + " } }"


@pytest.mark.django_db
def test_page_size_error_is_french(client):
    errors = graphql_errors(client, "{ offers(perPage: 1000) { pagination { total } } }")
    assert errors[0]["message"] == "perPage doit être compris entre 1 et 100."
    assert errors[0]["extensions"] == {"code": "BAD_USER_INPUT", "field": "perPage"}


@pytest.mark.parametrize(
    ("offers", "expected"),
    [
        (0, "La page 5 n'existe pas : il y a 1 page."),
        (2, "La page 5 n'existe pas : il y a 2 pages."),
    ],
)
def test_missing_page_error_agrees_with_the_page_count(client, catalogue, offers, expected):
    ToolPageFactory.create_batch(offers, parent=catalogue)
    errors = graphql_errors(client, OFFERS_PAGE, {"page": 5, "perPage": 1})
    assert errors[0]["message"] == expected


@pytest.mark.django_db
def test_depth_error_is_french(client):
    errors = graphql_errors(client, DEEP)
    assert errors[0]["message"].startswith("La requête est trop profonde (")


@pytest.mark.django_db
def test_http_errors_are_french(client):
    refused_method = client.put("/graphql/", "{}", content_type="application/json")
    form_post = client.post("/graphql/", {"query": "{ audiences { slug } }"})
    assert refused_method.json()["errors"][0]["message"] == (
        "Seules les méthodes GET et POST sont acceptées."
    )
    assert form_post.json()["errors"][0]["message"] == (
        "Envoyez la requête en JSON (Content-Type: application/json)."
    )


@pytest.mark.parametrize(
    ("label", "french", "english"),
    [
        (lambda: OfferPage._meta.verbose_name, "offre", "offer"),
        (
            lambda: TrainingModulePage._meta.verbose_name_plural,
            "modules de formation",
            "training modules",
        ),
        (
            lambda: ToolPage._meta.get_field("hosting_location").verbose_name,
            "lieu d'hébergement des données",
            "data hosting location",
        ),
        (lambda: PricingModel.FREE.label, "Gratuit", "Free"),
    ],
)
def test_model_labels_are_english_in_the_source_and_french_for_users(label, french, english):
    with translation.override("fr"):
        assert str(label()) == french
    with translation.override("en"):
        assert str(label()) == english


def test_validation_messages_are_french():
    with translation.override("fr"), pytest.raises(ValidationError) as raised:
        siret_validator("123")
    assert raised.value.messages == ["Un SIRET compte exactement 14 chiffres."]


def _lazy_labels(model):
    """The lazily translated labels a model declares itself: names, help texts, choices."""
    # original_attrs: only what the Meta declares, not Django's derived "<name>s" plural.
    yield model._meta.original_attrs.get("verbose_name")
    yield model._meta.original_attrs.get("verbose_name_plural")
    for field in [*model._meta.local_fields, *model._meta.local_many_to_many]:
        yield field.verbose_name
        yield field.help_text
        for _value, choice_label in field.flatchoices or []:
            yield choice_label


def test_every_model_label_has_a_french_translation():
    """A label added without its catalogue entry would show in English in the admin."""
    catalog = trans_real.translation("fr")._catalog
    # pgettext keys are "context\x04msgid"; a TranslationCatalog has keys() but no __iter__.
    keys = catalog.keys()
    msgids = {key.rpartition("\x04")[2] for key in keys if isinstance(key, str)}
    missing = set()
    with translation.override("en"):
        for app_label in ("catalogue", "training", "home"):
            for model in apps.get_app_config(app_label).get_models():
                for label in _lazy_labels(model):
                    if isinstance(label, Promise) and str(label) not in msgids:
                        missing.add(f"{model.__name__}: {label}")
    assert not missing


def test_admin_forms_show_french_labels(client, catalogue, admin_user):
    client.force_login(admin_user)
    response = client.get(
        reverse("wagtailadmin_pages:add", args=("catalogue", "toolpage", catalogue.pk))
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Lieu d&#x27;hébergement des données" in content
    assert "Logiciel libre" in content
    assert "data hosting location" not in content.lower()
