"""The public « signaler une information erronée ou obsolète » form of offer pages: it works
from a page served by the page cache, with CSRF checks on, confirms by a redirect, refuses
robots and bad input with French errors (never a 500, NUL included on PostgreSQL), keeps
what the visitor typed, and never shows anyone the e-mail address it collects."""

import json

import pytest

from django.core import mail
from django.test import Client
from django.utils.html import escape

from wagtail.models import PageViewRestriction

from catalogue.choices import ReportReason, ReportStatus
from catalogue.models import OfferReport
from home.roles import COORDINATION, roles_setup
from tests.factories.catalogue import ToolPageFactory
from tests.factories.users import UserFactory
from tests.graphql_client import graphql_data

pytestmark = pytest.mark.django_db

OFFER_URL = "/catalogue/outil-signale/"
SECRET_EMAIL = "temoin-confidentiel@exemple.net"
MESSAGE = "Le tarif indiqué a changé : l'abonnement coûte 12 € par mois depuis janvier."


@pytest.fixture
def offer(catalogue):
    return ToolPageFactory(parent=catalogue, slug="outil-signale", title="Outil signalé")


@pytest.fixture
def roles(catalogue):
    return roles_setup()


@pytest.fixture
def visitor():
    """An anonymous browser with Django's CSRF checks on, as in production."""
    return Client(enforce_csrf_checks=True)


def _url(offer) -> str:
    return f"/signaler/{offer.pk}/"


def _data(**overrides) -> dict:
    return {
        "reason": ReportReason.OUTDATED,
        "message": MESSAGE,
        "email": "",
        "website": "",
        **overrides,
    }


def _post(client, offer, **overrides):
    return client.post(_url(offer), _data(**overrides))


# The form on the offer page, and the page cache


def test_the_offer_page_carries_the_form_without_any_csrf_token(visitor, offer):
    html = visitor.get(OFFER_URL).content.decode()

    assert "Signaler une information erronée ou obsolète" in html
    assert f'action="{_url(offer)}"' in html
    assert 'name="website"' in html  # the honeypot
    assert "csrfmiddlewaretoken" not in html


def test_the_offer_page_stays_cached_and_the_cached_copy_posts(visitor, offer):
    first = visitor.get(OFFER_URL)
    second = visitor.get(OFFER_URL)

    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert "public" in second["Cache-Control"]
    assert not second.cookies  # no CSRF cookie handed to one visitor and cached for all
    assert f'action="{_url(offer)}"'.encode() in second.content

    response = _post(visitor, offer)

    assert response.status_code == 302
    assert OfferReport.objects.count() == 1


def test_a_valid_report_is_recorded_and_confirmed_after_a_redirect(visitor, offer):
    response = _post(visitor, offer, email="  lectrice@exemple.fr ")

    assert response.status_code == 302
    assert response["Location"] == f"/signaler/{offer.pk}/merci/"
    report = OfferReport.objects.get()
    assert (report.offer_id, report.reason, report.message, report.email) == (
        offer.pk,
        ReportReason.OUTDATED,
        MESSAGE,
        "lectrice@exemple.fr",
    )
    assert report.status == ReportStatus.OPEN

    thanks = visitor.get(response["Location"])
    assert thanks.status_code == 200
    html = thanks.content.decode()
    assert "Merci, votre signalement a bien été envoyé" in html
    assert "Outil signalé" in html
    assert f'href="{OFFER_URL}"' in html


def test_the_form_has_a_page_of_its_own(visitor, offer):
    response = visitor.get(_url(offer))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Outil signalé" in html
    assert '<meta name="robots" content="noindex">' in html
    assert "csrfmiddlewaretoken" not in html


def test_the_coordination_is_told_by_email_without_the_reporters_address(
    visitor, offer, roles, django_capture_on_commit_callbacks
):
    UserFactory(username="coralie", email="coralie@exemple.org", group=COORDINATION)
    UserFactory(username="sans-adresse", email="", group=COORDINATION)

    with django_capture_on_commit_callbacks(execute=True):
        _post(visitor, offer, email=SECRET_EMAIL)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["coralie@exemple.org"]
    assert "Outil signalé" in message.subject
    assert MESSAGE in message.body
    report = OfferReport.objects.get()
    assert f"/admin/offer-reports/edit/{report.pk}/" in message.body
    assert SECRET_EMAIL not in message.message().as_string()


# Robots and abuse


def test_the_honeypot_looks_like_a_success_but_records_nothing(visitor, offer):
    response = _post(visitor, offer, website="https://spam.example")

    assert response.status_code == 302
    assert response["Location"].endswith("/merci/")
    assert not OfferReport.objects.exists()


def test_a_post_from_another_site_is_refused(visitor, offer):
    response = visitor.post(_url(offer), _data(), headers={"origin": "https://evil.example"})

    assert response.status_code == 403
    assert "ne peut être envoyé que depuis le site Repères" in response.content.decode()
    assert escape(MESSAGE) in response.content.decode()
    assert not OfferReport.objects.exists()


@pytest.mark.parametrize(
    "headers",
    [
        {"origin": "http://testserver"},
        {"origin": "https://reperes.example.org"},  # SITE_URL, behind a proxy
        {"referer": "http://testserver/catalogue/outil-signale/"},
        {},
    ],
)
def test_a_post_from_our_own_pages_is_accepted(visitor, offer, settings, headers):
    settings.SITE_URL = "https://reperes.example.org"

    response = visitor.post(_url(offer), _data(), headers=headers)

    assert response.status_code == 302
    assert OfferReport.objects.count() == 1


def test_a_null_origin_or_a_foreign_referer_is_refused(visitor, offer):
    assert visitor.post(_url(offer), _data(), headers={"origin": "null"}).status_code == 403
    foreign = {"referer": "https://evil.example/page"}
    assert visitor.post(_url(offer), _data(), headers=foreign).status_code == 403
    assert not OfferReport.objects.exists()


def test_the_rate_limit_keeps_the_message_and_says_when_to_try_again(visitor, offer, settings):
    settings.OFFER_REPORT_RATE_LIMIT = 2
    assert _post(visitor, offer).status_code == 302
    assert _post(visitor, offer).status_code == 302

    response = _post(visitor, offer, message="Troisième signalement : le lien est cassé.")

    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 3600
    html = response.content.decode()
    assert "Réessayez dans" in html
    assert "Troisième signalement : le lien est cassé." in html  # nothing lost
    assert OfferReport.objects.count() == 2
    assert "private" in response["Cache-Control"]


def test_the_rate_limit_counts_per_address(offer, settings):
    settings.OFFER_REPORT_RATE_LIMIT = 1
    first, second = Client(REMOTE_ADDR="192.0.2.1"), Client(REMOTE_ADDR="192.0.2.2")

    assert _post(first, offer).status_code == 302
    assert _post(first, offer).status_code == 429
    assert _post(second, offer).status_code == 302


def test_invalid_posts_do_not_use_up_the_limit(visitor, offer, settings):
    settings.OFFER_REPORT_RATE_LIMIT = 1
    for _ in range(3):
        assert _post(visitor, offer, message="court").status_code == 400

    assert _post(visitor, offer).status_code == 302


# Bad input: French errors, 400, the input kept, never a 500


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        ({"reason": ""}, "Choisissez le problème"),
        ({"reason": "inconnu"}, "Choisissez l’un des problèmes proposés"),
        ({"message": ""}, "Décrivez le problème en quelques mots"),
        ({"message": "   "}, "Décrivez le problème en quelques mots"),
        ({"message": "Trop court"[:9]}, "au moins 10 caractères (vous en avez écrit 9)"),
        ({"message": "x" * 2001}, "2000 caractères au plus (il en compte 2001)"),
        ({"message": "Un texte avec un \x00 caractère nul."}, "caractères de contrôle"),
        ({"message": "Un texte avec une \x07 sonnerie."}, "caractères de contrôle"),
        ({"email": "pas-une-adresse"}, "Saisissez une adresse e-mail valide"),
        ({"email": "nom\x00@exemple.fr"}, "caractères de contrôle"),
    ],
)
def test_bad_input_is_refused_with_a_french_error_and_kept(visitor, offer, overrides, error):
    response = _post(visitor, offer, **overrides)

    assert response.status_code == 400
    html = response.content.decode()
    assert error in html
    assert "Votre signalement n’a pas pu être envoyé" in html
    assert 'aria-invalid="true"' in html
    assert not OfferReport.objects.exists()


def test_what_the_visitor_typed_comes_back_on_error(visitor, offer):
    response = _post(visitor, offer, reason="", email="lectrice@exemple.fr")

    html = response.content.decode()
    assert escape(MESSAGE) in html
    assert 'value="lectrice@exemple.fr"' in html


def test_a_nul_byte_in_every_field_is_a_form_error(visitor, offer):
    """PostgreSQL refuses NUL in text: it must never reach the database."""
    response = _post(
        visitor, offer, reason="obsolete\x00", message="Texte\x00" * 3, email="\x00", website=""
    )

    assert response.status_code == 400
    assert not OfferReport.objects.exists()


def test_the_confirmation_only_answers_get(client, offer):
    assert client.post(f"/signaler/{offer.pk}/merci/").status_code == 405
    assert client.put(_url(offer)).status_code == 405


# Offers the public may not see


def test_a_missing_offer_is_a_404(visitor, catalogue):
    assert visitor.get("/signaler/987654/").status_code == 404
    assert visitor.post("/signaler/987654/", _data()).status_code == 404
    assert visitor.get("/signaler/987654/merci/").status_code == 404


def test_a_draft_offer_cannot_be_reported(visitor, catalogue):
    draft = ToolPageFactory(parent=catalogue, slug="brouillon", live=False)

    assert visitor.get(_url(draft)).status_code == 404
    assert _post(visitor, draft).status_code == 404
    assert visitor.get(f"/signaler/{draft.pk}/merci/").status_code == 404
    assert not OfferReport.objects.exists()


def test_a_private_offer_cannot_be_reported(visitor, offer):
    PageViewRestriction.objects.create(page=offer, restriction_type="login")

    assert _post(visitor, offer).status_code == 404
    assert not OfferReport.objects.exists()


def test_a_page_that_is_not_an_offer_cannot_be_reported(visitor, catalogue):
    assert visitor.get(_url(catalogue)).status_code == 404


# The e-mail address is never shown


OFFER_QUERY = """
query ($slug: String) {
  offer(slug: $slug) {
    id title summary kind website lastQualifiedOn reviewBy
    provider { name }
  }
}
"""


def test_the_email_is_never_exposed(client, offer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert _post(Client(), offer, email=SECRET_EMAIL).status_code == 302

    pages = [OFFER_URL, _url(offer), f"/signaler/{offer.pk}/merci/", "/catalogue/"]
    for path in pages:
        assert SECRET_EMAIL not in client.get(path).content.decode(), path
    for path in ("/opendata/offres.csv", "/opendata/offres.json"):
        assert SECRET_EMAIL not in b"".join(client.get(path)).decode(), path
    data = graphql_data(client, OFFER_QUERY, {"slug": offer.slug})
    assert data["offer"]["title"] == "Outil signalé"
    assert SECRET_EMAIL not in json.dumps(data)
    sdl = client.get("/graphql/schema.graphql").content.decode()
    assert "OfferReport" not in sdl
    assert "closingNote" not in sdl


def test_a_preview_carries_no_report_form(offer):
    """A preview shows a draft, which nobody may report on."""
    response = offer.make_preview_request()

    assert response.status_code == 200
    assert "Outil signalé" in response.content.decode()
    assert "Signaler une information erronée" not in response.content.decode()
