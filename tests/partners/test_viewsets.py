"""The coordination manages webhooks in the admin; the delivery log is read only, for
everyone."""

import pytest

from home.roles import COORDINATION, roles_setup
from partners.choices import WebhookEvent
from partners.models import Webhook, WebhookDelivery
from tests.factories.partners import WebhookFactory
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(client, catalogue, training_index):
    roles_setup()
    user = UserFactory(group=COORDINATION)
    client.force_login(user)
    return user


@pytest.fixture
def delivery(db):
    return WebhookDelivery.objects.create(
        webhook=WebhookFactory(name="Site de la région"),
        event=WebhookEvent.PUBLISHED,
        body='{"event":"page.published","pageId":12}',
        status="failed",
        status_code=500,
        attempts=8,
        last_error="HTTP 500 Internal Server Error",
    )


def test_a_coordinator_adds_a_webhook_with_its_events(client, coordinator, dns):
    dns["portail.example.org"] = ["8.8.8.8"]  # a public address
    page = client.get("/admin/webhook/new/")
    assert page.status_code == 200
    assert "Événements" in page.content.decode()
    response = client.post(
        "/admin/webhook/new/",
        {
            "name": "Portail des associations",
            "url": "https://portail.example.org/hooks/reperes",
            "events": [WebhookEvent.PUBLISHED, WebhookEvent.DELETED],
            "enabled": "on",
            "secret": "un-secret-partage-assez-long",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    hook = Webhook.objects.get()
    assert hook.events == ["page.published", "page.deleted"]
    assert hook.enabled


@pytest.mark.parametrize(
    "fields",
    [
        {"url": "ftp://portail.example.org/", "events": ["page.published"]},
        {"url": "https://portail.example.org/", "events": ["page.moved"]},
        {"url": "https://portail.example.org/", "events": []},
    ],
)
def test_bad_webhooks_get_a_form_error(client, coordinator, fields):
    response = client.post("/admin/webhook/new/", {"name": "Portail", "secret": "s" * 30, **fields})
    assert response.status_code == 200
    assert not Webhook.objects.exists()


@pytest.mark.parametrize(
    ("url", "error"),
    [
        (
            "https://intranet.example.org/hooks",
            "intranet.example.org désigne 10.1.2.3, une adresse privée, locale ou réservée",
        ),
        (
            "https://169.254.169.254/latest/meta-data/",
            "169.254.169.254 est une adresse privée, locale ou réservée",
        ),
        ("http://portail.example.org/hooks", "Utilisez une adresse qui commence par https://."),
        (
            "https://moi:secret@portail.example.org/hooks",
            "L&#x27;adresse ne doit contenir ni identifiant ni mot de passe.",
        ),
    ],
)
def test_a_webhook_must_reach_the_public_internet_over_https(client, coordinator, dns, url, error):
    dns["portail.example.org"] = ["8.8.8.8"]
    dns["intranet.example.org"] = ["8.8.8.8", "10.1.2.3"]
    response = client.post(
        "/admin/webhook/new/",
        {"name": "Portail", "secret": "s" * 30, "events": ["page.published"], "url": url},
    )
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not Webhook.objects.exists()


def test_the_delivery_log_is_listed_and_inspected(client, coordinator, delivery):
    listing = client.get("/admin/webhookdelivery/").content.decode()
    assert "Site de la région" in listing
    inspect = client.get(f"/admin/webhookdelivery/inspect/{delivery.pk}/")
    assert inspect.status_code == 200
    assert "HTTP 500 Internal Server Error" in inspect.content.decode()


@pytest.mark.parametrize("as_superuser", [False, True])
def test_nobody_edits_the_delivery_log(client, coordinator, delivery, admin_user, as_superuser):
    if as_superuser:
        client.force_login(admin_user)
    assert client.get("/admin/webhookdelivery/new/").status_code in (302, 403)
    assert client.get(f"/admin/webhookdelivery/edit/{delivery.pk}/").status_code in (302, 403)
    client.post(f"/admin/webhookdelivery/delete/{delivery.pk}/")
    assert WebhookDelivery.objects.filter(pk=delivery.pk).exists()
    assert (
        "/admin/webhookdelivery/new/" not in client.get("/admin/webhookdelivery/").content.decode()
    )


def test_actors_see_no_webhooks(client, coordinator):
    from home.roles import ACTORS

    client.force_login(UserFactory(group=ACTORS))
    assert client.get("/admin/webhook/").status_code in (302, 403)
    assert client.get("/admin/webhookdelivery/").status_code in (302, 403)
