"""Login throttling of the admin (django-axes): wrong passwords lock one username from one
address out for a while, the right password included, and the answer never tells whether
the account exists."""

import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt

from django.test import override_settings
from django.urls import reverse

from tests.factories.users import UserFactory

PASSWORD = "motdepasse-demo"
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("home_page"),
    pytest.mark.filterwarnings("ignore::UserWarning"),
]


@pytest.fixture(autouse=True)
def _axes(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)


@pytest.fixture
def staff():
    return UserFactory(username="camille", is_superuser=True)


def without_csrf_tokens(content: bytes) -> bytes:
    """A page's CSRF tokens are masked afresh for each response."""
    content = re.sub(rb'"CSRF_TOKEN": "\w+"', b"", content)
    return re.sub(rb'name="csrfmiddlewaretoken" value="\w+"', b"", content)


def sign_in(client, username, password, address="203.0.113.7", **extra):
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        **extra,
    )


def test_wrong_passwords_lock_out_the_right_one_until_the_cool_off_ends(client, staff):
    answers = [sign_in(client, "camille", f"faux{n}").status_code for n in range(20)]

    # Before: 20 wrong passwords all got 200, and the right one worked at once.
    assert answers[:4] == [200] * 4
    assert set(answers[4:]) == {429}
    locked = sign_in(client, "camille", PASSWORD)
    assert locked.status_code == 429
    assert locked["Retry-After"] == str(15 * 60)
    assert "_auth_user_id" not in client.session

    # The cool-off runs from the last attempt: move every attempt 15 minutes back.
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=15, seconds=1)
    )
    response = sign_in(client, "camille", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)


def test_the_lockout_page_is_the_same_for_an_unknown_username(client, staff):
    for _ in range(5):
        sign_in(client, "camille", "faux")
        sign_in(client, "personne", "faux", address="203.0.113.8")

    known = sign_in(client, "camille", "faux")
    unknown = sign_in(client, "personne", "faux", address="203.0.113.8")

    assert known.status_code == unknown.status_code == 429
    assert without_csrf_tokens(known.content) == without_csrf_tokens(unknown.content)
    assert [t.name for t in known.templates] == [t.name for t in unknown.templates]
    assert "accounts/lockout.html" in [t.name for t in known.templates]
    assert b"camille" not in known.content


def test_a_wrong_password_answers_alike_for_known_and_unknown_usernames(client, staff):
    known = sign_in(client, "camille", "faux")
    unknown = sign_in(client, "personne", "faux")

    assert known.status_code == unknown.status_code == 200
    assert known.context["form"].errors == unknown.context["form"].errors


def test_a_lockout_holds_one_username_from_one_address_only(client, staff):
    colleague = UserFactory(username="dominique", is_superuser=True)
    for _ in range(5):
        sign_in(client, "camille", "faux")

    # The same office (same public address), another person: not locked out.
    assert sign_in(client, colleague.username, PASSWORD).status_code == 302
    client.logout()
    # The same person from another address: not locked out either.
    assert sign_in(client, "camille", PASSWORD, address="198.51.100.4").status_code == 302


@override_settings(API_CLIENT_IP_HEADER="X-Forwarded-For")
def test_behind_a_proxy_attempts_count_per_forwarded_address(client, staff):
    for n in range(5):
        sign_in(
            client,
            "camille",
            "faux",
            address="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.7",
        )

    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.7"}
    assert (
        sign_in(
            client, "camille", PASSWORD, address="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7"
        ).status_code
        == 429
    )
    # Another caller behind the same proxy is not locked out.
    response = sign_in(
        client, "camille", PASSWORD, address="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.4"
    )
    assert response.status_code == 302


def test_a_success_clears_earlier_failures(client, staff):
    for _ in range(4):
        sign_in(client, "camille", "faux")
    assert sign_in(client, "camille", PASSWORD).status_code == 302
    client.logout()

    assert sign_in(client, "camille", "faux").status_code == 200
