"""Two-factor authentication of the admin: the coordination and superusers must enrol an
authenticator app and give a code at each new session; other staff may."""

from io import StringIO
from urllib.parse import urlsplit

import pytest
from django_otp.oath import hotp, totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import escape

from catalogue.roles import ACTORS, COORDINATION
from tests.factories.users import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("home_page")]

ADMIN = "/admin/"


@pytest.fixture(autouse=True)
def _required(settings):
    settings.ADMIN_2FA_REQUIRED = True


@pytest.fixture
def coordinator():
    Group.objects.get_or_create(name=COORDINATION)
    Group.objects.get(name=COORDINATION).permissions.add(*admin_access())
    return UserFactory(username="coordination", group=COORDINATION)


@pytest.fixture
def actor():
    Group.objects.get_or_create(name=ACTORS)
    Group.objects.get(name=ACTORS).permissions.add(*admin_access())
    return UserFactory(username="acteur", group=ACTORS)


def admin_access():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def spent_code(device: TOTPDevice) -> str:
    """The code of the last time step the device accepted, whatever the clock says now."""
    return f"{hotp(device.bin_key, device.last_t, digits=device.digits):06d}"


def messages_of(response) -> str:
    html = response.content.decode()
    return html[html.index('class="messages"') : html.index("</ul>")]


def location(response) -> str:
    return urlsplit(response["Location"]).path


def enrol(client, user) -> TOTPDevice:
    client.force_login(user)
    client.get(reverse("accounts_2fa_enrol"))
    device = TOTPDevice.objects.get(user=user)
    client.post(reverse("accounts_2fa_enrol"), {"code": code_for(device)})
    device.refresh_from_db()
    return device


def test_a_coordinator_without_a_device_is_sent_to_enrol(client, coordinator):
    client.force_login(coordinator)

    response = client.get(ADMIN + "pages/")

    assert response.status_code == 302
    assert location(response) == reverse("accounts_2fa_enrol")
    assert "next=%2Fadmin%2Fpages%2F" in response["Location"]


def test_enrolment_shows_a_qr_code_and_the_secret_and_requires_a_right_code(client, coordinator):
    client.force_login(coordinator)
    page = client.get(reverse("accounts_2fa_enrol"))
    device = TOTPDevice.objects.get(user=coordinator, confirmed=False)

    assert page.status_code == 200
    assert b"<svg" in page.content
    assert page.context["secret"].replace(" ", "") in device.config_url
    assert "issuer=Rep%C3%A8res" in device.config_url
    # Reloading keeps the secret: a QR code already scanned stays good.
    client.get(reverse("accounts_2fa_enrol"))
    assert TOTPDevice.objects.get(user=coordinator).pk == device.pk

    wrong = client.post(
        reverse("accounts_2fa_enrol"),
        {"code": "000000" if code_for(device) != "000000" else "111111"},
    )
    assert wrong.status_code == 200
    assert wrong.context["form"].errors.as_data()["code"][0].code == "invalid"
    # Shown in the message box: the login layout hides field errors.
    assert escape(wrong.context["form"].errors["code"][0]) in messages_of(wrong)
    assert client.get(ADMIN).status_code == 302
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_count=0, throttling_failure_timestamp=None
    )

    right = client.post(
        reverse("accounts_2fa_enrol"), {"code": code_for(device), "next": "/admin/pages/"}
    )

    assert location(right) == "/admin/pages/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(ADMIN).status_code == 200


def test_a_new_session_asks_for_a_code(client, coordinator):
    device = enrol(client, coordinator)
    client.logout()
    # The code used to enrol is spent; the next one comes from the next time step.
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    client.force_login(coordinator)

    response = client.get(ADMIN)
    assert location(response) == reverse("accounts_2fa_verify")

    wrong = client.post(reverse("accounts_2fa_verify"), {"code": "12345x"})
    assert wrong.context["form"].errors.as_data()["code"][0].code == "invalid"
    # Throttled: even the right code is refused right after a wrong one.
    throttled = client.post(reverse("accounts_2fa_verify"), {"code": code_for(device)})
    assert throttled.context["form"].errors.as_data()["code"][0].code == "throttled"
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=None, throttling_failure_count=0
    )

    key_before = client.session.session_key
    right = client.post(reverse("accounts_2fa_verify"), {"code": code_for(device)})
    assert location(right) == reverse("wagtailadmin_home")
    assert client.session.session_key != key_before
    assert client.get(ADMIN).status_code == 200


def test_a_verified_code_cannot_be_replayed(client, coordinator):
    device = enrol(client, coordinator)
    client.logout()
    client.force_login(coordinator)

    response = client.post(reverse("accounts_2fa_verify"), {"code": spent_code(device)})

    assert response.status_code == 200
    assert response.context["form"].errors.as_data()["code"][0].code == "invalid"
    assert client.get(ADMIN).status_code == 302


def test_superusers_must_enrol_too(client, admin_user):
    client.force_login(admin_user)

    assert location(client.get(ADMIN)) == reverse("accounts_2fa_enrol")


def test_an_actor_without_a_device_reaches_the_admin_and_may_enrol(client, actor):
    client.force_login(actor)

    home = client.get(ADMIN)
    account = client.get(reverse("wagtailadmin_account"))

    assert home.status_code == 200
    assert reverse("accounts_2fa_enrol") in account.content.decode()


def test_an_actor_who_enrolled_is_asked_for_a_code(client, actor):
    enrol(client, actor)
    client.logout()
    client.force_login(actor)

    assert location(client.get(ADMIN)) == reverse("accounts_2fa_verify")


def test_without_the_requirement_coordinators_reach_the_admin(client, coordinator, settings):
    settings.ADMIN_2FA_REQUIRED = False
    client.force_login(coordinator)

    assert client.get(ADMIN).status_code == 200


def test_an_unverified_session_may_still_sign_out(client, coordinator):
    client.force_login(coordinator)

    response = client.post(reverse("wagtailadmin_logout"))

    assert location(response) == reverse("wagtailadmin_login")
    assert "_auth_user_id" not in client.session


def test_public_pages_and_the_api_are_not_gated(client, coordinator, home_page):
    client.force_login(coordinator)

    assert client.get(home_page.url).status_code == 200
    api = client.post("/graphql/", {"query": "{ __typename }"}, content_type="application/json")
    assert api.status_code == 200
    assert api.json() == {"data": {"__typename": "Query"}}


def test_the_password_step_says_nothing_of_a_second_factor(client, coordinator, settings):
    """A wrong password for an account with a device answers as for an unknown username:
    the second factor shows only once the password is right."""
    settings.AXES_ENABLED = True
    enrol(client, coordinator)
    client.logout()
    login = reverse("wagtailadmin_login")

    known = client.post(login, {"username": "coordination", "password": "faux"})
    unknown = client.post(login, {"username": "personne", "password": "faux"})

    assert known.status_code == unknown.status_code == 200
    assert known.context["form"].errors == unknown.context["form"].errors
    right = client.post(login, {"username": "coordination", "password": "motdepasse-demo"})
    assert location(right) == reverse("wagtailadmin_home")
    assert location(client.get(ADMIN)) == reverse("accounts_2fa_verify")


def test_reset_2fa_removes_the_devices(client, coordinator):
    enrol(client, coordinator)
    out = StringIO()

    call_command("reset_2fa", "coordination", stdout=out)

    assert not TOTPDevice.objects.filter(user=coordinator).exists()
    assert "1" in out.getvalue()
    assert location(client.get(ADMIN)) == reverse("accounts_2fa_enrol")
