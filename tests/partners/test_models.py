"""An API key's allowed origins are written the way browsers send `Origin`."""

import pytest

from django.core.exceptions import ValidationError

from partners.models.keys import parse_origins
from tests.factories.partners import ApiKeyFactory


def test_origins_are_normalised_like_browser_origins():
    text = "https://WWW.Example.org/\nhttps://www.example.org:443\nhttp://127.0.0.1:8080 http://[::1]:80"
    assert parse_origins(text) == [
        "https://www.example.org",
        "http://127.0.0.1:8080",
        "http://[::1]",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "www.example.org",
        "ftp://example.org",
        "https://example.org/page",
        "https://example.org?x=1",
        "https://user@example.org",
        "https://example.org:99999",
        "*",
    ],
)
def test_anything_but_an_origin_is_refused(text):
    with pytest.raises(ValidationError) as error:
        parse_origins(text)
    assert error.value.code == "invalid_origin"


@pytest.mark.django_db
def test_clean_stores_the_normalised_origins():
    key = ApiKeyFactory(allowed_origins="https://A.example.org/\n\nhttps://a.example.org")
    assert key.allowed_origins == "https://a.example.org"


@pytest.mark.django_db
def test_keys_are_no_type_of_the_api(client):
    # Keys are admin models, not snippets: grapple never exposes them, contacts included.
    response = client.post(
        "/graphql/",
        {"query": "{ __schema { types { name } } }"},
        content_type="application/json",
    )
    names = {t["name"] for t in response.json()["data"]["__schema"]["types"]}
    assert not {name for name in names if "apikey" in name.lower()}
