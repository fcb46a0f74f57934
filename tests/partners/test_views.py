"""The coordination manages API keys in the admin; a key's secret is shown once."""

import datetime
import hashlib
import re

import pytest

from django.urls import reverse
from django.utils import timezone

from wagtail.models import ModelLogEntry

from home.roles import ACTORS, COORDINATION, roles_setup
from partners.models import ApiKey, ApiKeyUsage
from tests.factories.partners import ApiKeyFactory
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r"rp_[A-Za-z0-9_-]{40}")


@pytest.fixture
def coordinator(client):
    roles_setup()
    user = UserFactory(username="coralie", group=COORDINATION)
    client.force_login(user)
    return user


def test_the_coordination_creates_a_key_and_sees_it_once(client, coordinator):
    response = client.post(
        reverse("partners_apikey:add"),
        {
            "name": "Réseau des tiers-lieux",
            "contact_email": "contact@tiers-lieux.example.org",
            "allowed_origins": "https://tiers-lieux.example.org/",
            "rate_limit": "1200",
            "enabled": "on",
        },
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    token = TOKEN.search(html)[0]
    assert "ne sera plus jamais affichée" in html
    key = ApiKey.objects.get()
    assert key.key_hash == hashlib.sha256(token.encode()).hexdigest()
    assert key.allowed_origins == "https://tiers-lieux.example.org"
    assert key.rate_limit == 1200

    for url in (
        reverse("partners_apikey:index"),
        reverse("partners_apikey:edit", args=[key.pk]),
        reverse("partners_apikey:inspect", args=[key.pk]),
    ):
        page = client.get(url)
        assert page.status_code == 200
        assert token not in page.content.decode()
        assert key.prefix in page.content.decode()

    # The key works on the API.
    api = client.get("/graphql/", {"query": "{ __typename }"}, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert api.status_code == 200


def test_a_bad_origin_is_a_form_error(client, coordinator):
    response = client.post(
        reverse("partners_apikey:add"),
        {"name": "X", "contact_email": "x@example.org", "allowed_origins": "example.org/page"},
    )
    assert response.status_code == 200
    assert "n’est pas une origine" in response.content.decode()
    assert not ApiKey.objects.exists()


def test_renewing_replaces_the_secret(client, coordinator):
    key = ApiKeyFactory()
    old = key.token
    assert client.get(reverse("partners_apikey:renew", args=[key.pk])).status_code == 200
    response = client.post(reverse("partners_apikey:renew", args=[key.pk]))
    new = TOKEN.search(response.content.decode())[0]
    assert new != old
    query = {"query": "{ __typename }"}
    assert client.get("/graphql/", query, HTTP_AUTHORIZATION=f"Bearer {old}").status_code == 401
    assert client.get("/graphql/", query, HTTP_AUTHORIZATION=f"Bearer {new}").status_code == 200
    renewal = ModelLogEntry.objects.get(object_id=str(key.pk), action="wagtail.edit")
    assert renewal.user == coordinator


def test_the_key_page_shows_usage_per_day(client, coordinator):
    key = ApiKeyFactory()
    today = timezone.localdate()
    ApiKeyUsage.objects.create(key=key, day=today - datetime.timedelta(days=3), count=4321)
    ApiKeyUsage.objects.create(key=key, day=today - datetime.timedelta(days=40), count=8765)
    for _ in range(2):
        client.get(
            "/graphql/", {"query": "{ __typename }"}, HTTP_AUTHORIZATION=f"Bearer {key.token}"
        )
    html = client.get(reverse("partners_apikey:inspect", args=[key.pk])).content.decode()
    assert "Requêtes par jour" in html
    assert "4321" in html
    assert "8765" not in html  # older than the 30 days shown
    listing = client.get(reverse("partners_apikey:index")).content.decode()
    assert "Requêtes aujourd’hui" in listing
    assert ApiKeyUsage.objects.get(key=key, day=today).count == 1  # written on the first


def test_actors_cannot_see_keys(client):
    roles_setup()
    client.force_login(UserFactory(username="alice", group=ACTORS))
    key = ApiKeyFactory()
    for url in (
        reverse("partners_apikey:index"),
        reverse("partners_apikey:add"),
        reverse("partners_apikey:renew", args=[key.pk]),
    ):
        assert client.get(url).status_code in (302, 403)
    assert client.post(reverse("partners_apikey:renew", args=[key.pk])).status_code in (302, 403)
