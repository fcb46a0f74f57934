"""The catalogue as open data: every visible offer as a data·inclusion `Service`, in CSV and
JSON, under the Licence Ouverte 2.0.

Columns keep data·inclusion's names and codes wherever one of our fields means the same
thing, so that the national directory and its reusers can take the file as it is; where
none matches, the value is left out rather than forced into a code that says something
else. Our own codes follow in `reperes_*` columns, which the schema ignores. The tests
validate every row with the `data-inclusion-schema` package (a development dependency:
the mapping below is plain data, and production does not need pydantic)."""

import csv
import hashlib
from collections.abc import Iterable, Iterator
from datetime import UTC

from django.conf import settings
from django.utils import timezone

from cms import content_version

from .choices import ContentLicence, OfferFormat, PricingModel, Territory
from .jsonld import LICENCE_URLS
from .models import OfferPage
from .selectors import load_offers, visible_offers

SOURCE = "reperes"
# The version of the data·inclusion schema the columns follow (the pinned package's).
SCHEMA_VERSION = "1.0.10"
# Changes whenever the columns or their values change, so that caches holding an export
# under the same content generation let it go.
FORMAT_VERSION = 2
LICENCE = {
    "nom": "Licence Ouverte / Open Licence version 2.0 (Etalab)",
    "spdx": "etalab-2.0",
    "url": LICENCE_URLS[ContentLicence.OPEN_LICENCE],
}
# Seconds a browser or a CDN may reuse an export without asking again; after that, the
# ETag makes the check cost a 304 without any SQL.
MAX_AGE = 300
NAME_MAX_LENGTH = 150

# Our themes that mean one of data·inclusion's thématiques. Theirs are about people's
# access to the digital world; ours about associations' own digital needs, so most have no
# counterpart and stay in `reperes_thematiques` only.
THEMATIQUES = {
    "competences-numeriques": "numerique--maitriser-les-fondamentaux-du-numerique",
    "services-publics-en-ligne": "numerique--acceder-a-des-services-en-ligne",
    "financement-numerique": "numerique--acquerir-un-equipement",
    "sobriete": "numerique--acquerir-un-equipement",
}
PUBLICS = {
    "grand-public": "tous-publics",
    "jeunes": "jeunes",
    "seniors": "seniors",
    "situation-handicap": "personnes-en-situation-de-handicap",
    "salaries": "actifs",
}
ALL_PUBLICS = "tous-publics"
# data·inclusion only knows free or paying; "pay what you want" and "freemium" are neither,
# so they go to `frais_precisions` alone.
FRAIS = {
    PricingModel.FREE: "gratuit",
    PricingModel.PAID: "payant",
    PricingModel.MEMBERSHIP: "payant",
    PricingModel.NONPROFIT_RATE: "payant",
}
MODES_ACCUEIL = {
    OfferFormat.ONLINE: ["a-distance"],
    OfferFormat.ONSITE: ["en-presentiel"],
    OfferFormat.HYBRID: ["a-distance", "en-presentiel"],
}
# Tools have no counterpart among data·inclusion's service types.
TYPES = {"formation": "formation", "accompagnement": "accompagnement", "ressource": "information"}

COLUMNS = (
    "id",
    "source",
    "structure_id",
    "nom",
    "description",
    "type",
    "thematiques",
    "frais",
    "frais_precisions",
    "publics",
    "publics_precisions",
    "modes_accueil",
    "zone_eligibilite",
    "commune",
    "code_postal",
    "courriel",
    "telephone",
    "lien_source",
    "lien_mobilisation",
    "modes_mobilisation",
    "date_maj",
    "reperes_type",
    "reperes_thematiques",
    "reperes_publics",
)
# Lists are written in CSV cells joined by this separator (codes never contain it).
CSV_LIST_SEPARATOR = ","
# A spreadsheet runs a cell that starts with one of these as a formula (OWASP, "CSV
# injection"): an editor's title "=HYPERLINK(…)" would become a link, or worse, on a
# reuser's machine. Such cells get OWASP's prefix, a single quote, which spreadsheets read
# as "this is text". A phone number "+33 1 …" gets it too: telling a harmless "+" from a
# formula is exactly the guess OWASP advises against, and the JSON keeps the raw value for
# programs. Quoting itself is the csv module's (a cell holding a comma, a quote or a line
# break is quoted), so no text can spill into the next cell.
CSV_FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CSV_TEXT_PREFIX = "'"


def offers_export_etag(*, fmt: str) -> str:
    """Derived from the content generation, which every public change bumps, so a
    conditional request is answered without reading a single offer."""
    key = f"{content_version.current()}:{FORMAT_VERSION}:{settings.SITE_URL}:{fmt}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def export_offers() -> list[OfferPage]:
    """Every visible offer, with its kind, provider, themes and audiences: a constant
    number of queries whatever the size of the catalogue."""
    return load_offers(visible_offers().order_by("pk"), preloads=("themes", "audiences"))


def _name(title: str) -> str:
    if len(title) <= NAME_MAX_LENGTH:
        return title
    return title[: NAME_MAX_LENGTH - 1].rstrip() + "…"


def _publics(slugs: list[str]) -> list[str] | None:
    codes = sorted({PUBLICS[slug] for slug in slugs if slug in PUBLICS})
    # The schema forbids "tous-publics" beside another public: everyone includes them.
    if ALL_PUBLICS in codes:
        return [ALL_PUBLICS]
    return codes or None


def _zone(offer, provider) -> list[str] | None:
    if offer.territory == Territory.NATIONAL:
        return ["france"]
    # Otherwise the departments the provider covers are the closest coded area we hold.
    if provider and provider.departments:
        return [code.strip() for code in provider.departments.split(",") if code.strip()]
    return None


def _date_maj(offer):
    # In UTC: the schema refuses a date after today, and its validators read today's date
    # on servers that mostly run in UTC, so a Paris date would fail there before 1 am.
    moment = offer.last_published_at or offer.first_published_at or timezone.now()
    return moment.astimezone(UTC).date()


def offer_service(offer: OfferPage, *, request=None) -> dict:
    """One offer as a data·inclusion service; absent values are None."""
    provider = offer.provider
    themes = [theme.slug for theme in offer.themes.all()]
    audiences = list(offer.audiences.all())
    audience_slugs = [audience.slug for audience in audiences]
    email = getattr(offer, "contact_email", "") or (provider.contact_email if provider else "")
    phone = getattr(offer, "contact_phone", "") or (provider.contact_phone if provider else "")
    onsite = offer.format != OfferFormat.ONLINE
    pricing = " ".join(
        part
        for part in (
            f"{PricingModel(offer.pricing_model).label}." if offer.pricing_model else "",
            offer.price_details,
        )
        if part
    )
    mobilisation = [
        mode
        for mode, available in (
            ("envoyer-un-courriel", email),
            ("telephoner", phone),
            ("utiliser-lien-mobilisation", offer.website),
        )
        if available
    ]
    return {
        "id": f"{SOURCE}--{offer.pk}",
        "source": SOURCE,
        "structure_id": f"{SOURCE}--{provider.slug}" if provider else "",
        "nom": _name(offer.title),
        "description": offer.summary,
        "type": TYPES.get(offer.kind),
        "thematiques": sorted({THEMATIQUES[slug] for slug in themes if slug in THEMATIQUES})
        or None,
        "frais": FRAIS.get(offer.pricing_model),
        "frais_precisions": pricing or None,
        "publics": _publics(audience_slugs),
        "publics_precisions": ", ".join(audience.name for audience in audiences) or None,
        "modes_accueil": MODES_ACCUEIL.get(offer.format),
        "zone_eligibilite": _zone(offer, provider),
        # An address only means something where people come in person.
        "commune": (provider.commune or None) if provider and onsite else None,
        "code_postal": (provider.postcode or None) if provider and onsite else None,
        "courriel": email or None,
        "telephone": phone or None,
        "lien_source": offer.get_full_url(request=request),
        "lien_mobilisation": offer.website or None,
        "modes_mobilisation": mobilisation or None,
        "date_maj": _date_maj(offer).isoformat(),
        "reperes_type": offer.kind,
        "reperes_thematiques": themes,
        "reperes_publics": audience_slugs,
    }


def offers_document(offers: Iterable[OfferPage], *, request=None) -> dict:
    """The JSON export: the services, with the metadata a reuser needs to cite them."""
    return {
        "titre": "Repères : offres numériques pour les associations",
        "producteur": SOURCE,
        "licence": LICENCE,
        "schema": {"nom": "data-inclusion-schema", "version": SCHEMA_VERSION, "modele": "Service"},
        "services": [offer_service(offer, request=request) for offer in offers],
    }


class _Echo:
    """A file that hands back what is written, so `csv.writer` can feed a stream."""

    def write(self, value: str) -> str:
        return value


def _csv_cell(value) -> str:
    if value is None:
        return ""
    text = CSV_LIST_SEPARATOR.join(value) if isinstance(value, list) else str(value)
    if text.startswith(CSV_FORMULA_TRIGGERS):
        return CSV_TEXT_PREFIX + text
    return text


def offers_csv_lines(offers: Iterable[OfferPage], *, request=None) -> Iterator[str]:
    """The CSV export, one line at a time, header first."""
    writer = csv.writer(_Echo())
    yield writer.writerow(COLUMNS)
    for offer in offers:
        service = offer_service(offer, request=request)
        yield writer.writerow([_csv_cell(service[column]) for column in COLUMNS])
