"""Where a webhook may point: HTTPS, no credentials, and a host whose every address is on
the public Internet. Checked when the webhook is saved (these tests) and again at each
delivery (test_webhooks.py). Names are resolved by the `dns` fixture: nothing here
touches the network."""

import pytest

from django.core.exceptions import ValidationError

from partners.webhook_targets import TargetRefused, check_url
from tests.factories.partners import WebhookFactory

pytestmark = pytest.mark.django_db

# Addresses no request of ours may reach, by kind.
NON_PUBLIC = {
    "loopback": "127.0.0.1",
    "loopback, elsewhere in 127/8": "127.1.2.3",
    "private, 10/8": "10.0.0.5",
    "private, 172.16/12": "172.16.4.4",
    "private, 192.168/16": "192.168.1.10",
    "shared address space (CG-NAT)": "100.64.0.1",
    "link-local, the cloud's metadata service": "169.254.169.254",
    "unspecified": "0.0.0.0",  # noqa: S104 (an address refused, not one listened on)
    "this network": "0.1.2.3",
    "multicast": "224.0.0.1",
    "reserved": "240.0.0.1",
    "broadcast": "255.255.255.255",
    "documentation": "203.0.113.7",
    "IETF protocol assignments": "192.0.0.170",
    "IPv6 loopback": "::1",
    "IPv6 unspecified": "::",
    "IPv6 link-local": "fe80::1",
    "IPv6 site-local": "fec0::1",
    "IPv6 unique local": "fd12:3456:789a::1",
    "IPv6 multicast": "ff02::1",
    "IPv6 documentation": "2001:db8::1",
    "IPv4-mapped loopback": "::ffff:127.0.0.1",
    "IPv4-mapped metadata service": "::ffff:169.254.169.254",
    "IPv4-mapped private": "::ffff:10.0.0.5",
    "IPv4-compatible loopback": "::127.0.0.1",
    "NAT64 of a private address": "64:ff9b::a00:5",
    "NAT64 for local use": "64:ff9b:1::a00:5",
    "6to4 of a private address": "2002:a00:5::1",
}
PUBLIC = ["8.8.8.8", "2001:4860:4860::8888", "::ffff:8.8.8.8", "64:ff9b::808:808"]


def _url_of(address: str) -> str:
    host = f"[{address}]" if ":" in address else address
    return f"https://{host}/hooks/reperes"


def _refusal(url: str) -> TargetRefused:
    with pytest.raises(TargetRefused) as caught:
        check_url(url)
    return caught.value


@pytest.mark.parametrize("address", NON_PUBLIC.values(), ids=NON_PUBLIC.keys())
def test_a_non_public_address_is_refused(address):
    assert _refusal(_url_of(address)).code == "private_address"


@pytest.mark.parametrize("address", NON_PUBLIC.values(), ids=NON_PUBLIC.keys())
def test_a_name_that_points_to_a_non_public_address_is_refused(dns, address):
    dns["partenaire.example"] = [address]
    refusal = _refusal("https://partenaire.example/hooks/reperes")
    assert refusal.code == "private_address"
    assert "partenaire.example" in refusal.text


def test_one_non_public_address_among_public_ones_refuses_the_name(dns):
    # The next resolution might give the private one first.
    dns["partenaire.example"] = ["8.8.8.8", "2001:4860:4860::8888", "10.0.0.5"]
    assert "10.0.0.5" in _refusal("https://partenaire.example/").text


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_pass(dns, address):
    dns["partenaire.example"] = [address]
    check_url("https://partenaire.example/hooks/reperes?site=12")
    check_url(_url_of(address))


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("http://partenaire.example/hooks", "scheme"),
        ("https://reperes:motdepasse@partenaire.example/hooks", "credentials"),
        ("https://jeton@partenaire.example/hooks", "credentials"),
        ("https://inconnu.invalid/hooks", "unknown_host"),
    ],
)
def test_plain_http_credentials_and_unknown_hosts_are_refused(dns, url, code):
    dns["partenaire.example"] = ["8.8.8.8"]
    assert _refusal(url).code == code


def test_the_setting_lets_development_reach_loopback_over_http(dns, settings):
    settings.WEBHOOK_ALLOW_PRIVATE_NETWORKS = True
    dns["partenaire.example"] = ["10.0.0.5"]
    check_url("http://127.0.0.1:8001/hooks")
    check_url("http://partenaire.example/hooks")
    # Credentials stay refused: they would be shown in the admin whatever the network.
    assert _refusal("http://moi:secret@127.0.0.1:8001/").code == "credentials"


def test_the_model_refuses_it_on_the_url_field(dns):
    dns["intranet.example"] = ["192.168.1.10"]
    hook = WebhookFactory.build(url="https://intranet.example/hooks")
    with pytest.raises(ValidationError) as caught:
        hook.full_clean()
    [message] = caught.value.message_dict["url"]
    assert message == (
        "intranet.example désigne 192.168.1.10, une adresse privée, locale ou réservée : "
        "un webhook ne joint que des adresses publiques d'Internet."
    )
