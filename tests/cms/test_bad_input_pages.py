"""HTML filters and the site search answer malformed query strings (NUL, control
characters, words too short to search) with the page and a form error, never a 500.
Meant for PostgreSQL, which refuses NUL in text."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/catalogue/?themes=a%00b",
        "/catalogue/?q=a%00",
        "/catalogue/?audiences=%00&pricing=%01&page=%00",
        "/recherche/?q=a%00",
        "/recherche/?q=a",
        "/recherche/?q=%01%02",
    ],
)
def test_malformed_filters_are_not_server_errors(client, catalogue, url):
    response = client.get(url)
    assert response.status_code in (200, 400, 404)
