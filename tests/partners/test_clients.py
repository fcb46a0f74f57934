"""The address anonymous limits count against."""

import pytest

from django.test import RequestFactory

from partners.clients import client_address


@pytest.fixture
def request_from():
    def build(remote="198.51.100.4", **headers):
        return RequestFactory().get("/graphql/", REMOTE_ADDR=remote, **headers)

    return build


def test_the_connection_address_by_default(request_from):
    # A client cannot choose its bucket by sending a header we do not trust.
    assert client_address(request_from(HTTP_X_FORWARDED_FOR="203.0.113.9")) == "198.51.100.4"


def test_behind_a_proxy_the_address_it_wrote(settings, request_from):
    settings.API_CLIENT_IP_HEADER = "X-Forwarded-For"
    request = request_from(remote="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9")
    assert client_address(request) == "203.0.113.9"


def test_a_garbled_proxy_header_falls_back_to_the_connection(settings, request_from):
    settings.API_CLIENT_IP_HEADER = "X-Real-IP"
    assert client_address(request_from(HTTP_X_REAL_IP="not an ip")) == "198.51.100.4"


def test_ipv6_callers_share_their_64_block(request_from):
    first = client_address(request_from(remote="2001:db8:1:2::1"))
    second = client_address(request_from(remote="2001:db8:1:2:ffff::9"))
    other = client_address(request_from(remote="2001:db8:1:3::1"))
    assert first == second == "2001:db8:1:2::/64"
    assert other != first


def test_ipv4_mapped_addresses_count_as_ipv4(request_from):
    assert client_address(request_from(remote="::ffff:192.0.2.5")) == "192.0.2.5"
