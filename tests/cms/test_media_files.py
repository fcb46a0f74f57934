"""Uploads on the local file system: images and renditions are served under /media/ in
every environment (these tests run with DEBUG off, as production does), documents never."""

import pytest

from django.conf import settings

from tests.factories.catalogue import ToolPageFactory
from tests.factories.documents import DocumentFactory
from tests.factories.images import ImageFactory
from tests.graphql_client import graphql_data

pytestmark = pytest.mark.django_db

LOGO = '{ offer(slug: "outil") { logo { url rendition(fill: "160x160") { url } } } }'


@pytest.fixture
def logo(catalogue):
    image = ImageFactory(file__width=320, file__height=200)
    ToolPageFactory(parent=catalogue, slug="outil", logo=image)
    return image


def _media_path(url: str) -> str:
    assert url.startswith(f"{settings.SITE_URL}{settings.MEDIA_URL}") or url.startswith(
        settings.MEDIA_URL
    ), url
    return url.removeprefix(settings.SITE_URL)


def test_the_logo_urls_of_the_api_serve_the_image_bytes(client, logo):
    assert not settings.DEBUG
    data = graphql_data(client, LOGO)["offer"]["logo"]
    rendition = logo.renditions.get()

    original = client.get(_media_path(data["url"]))
    thumbnail = client.get(_media_path(data["rendition"]["url"]))

    assert original.status_code == 200
    assert b"".join(original.streaming_content) == logo.file.open("rb").read()
    assert thumbnail.status_code == 200
    assert b"".join(thumbnail.streaming_content) == rendition.file.open("rb").read()
    for response in (original, thumbnail):
        assert response["Content-Type"].startswith("image/")
        assert response["Cache-Control"] == "public, max-age=31536000, immutable"
        assert response["X-Content-Type-Options"] == "nosniff"


def test_a_head_request_is_answered_and_a_post_refused(client, logo):
    url = f"{settings.MEDIA_URL}{logo.file.name}"

    assert client.head(url).status_code == 200
    assert client.post(url).status_code == 405


def test_a_document_is_served_by_its_view_never_from_media(client):
    document = DocumentFactory(file__data=b"compte rendu", file__filename="rapport.txt")
    assert document.file.name.startswith("documents/")

    assert client.get(f"{settings.MEDIA_URL}{document.file.name}").status_code == 404
    served = client.get(document.url)
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == b"compte rendu"


@pytest.mark.parametrize(
    "path",
    [
        "images/../documents/{document}",
        "original_images/../../{document}",
        "images/%2e%2e/documents/{document}",
        "../media/documents/{document}",
        "images",
        "images/",
        "original_images/missing.png",
        "documents/",
    ],
)
def test_other_paths_are_not_found(client, logo, path):
    document = DocumentFactory(file__data=b"secret", file__filename="secret.txt")
    path = path.format(document=document.file.name.removeprefix("documents/"))

    response = client.get(f"{settings.MEDIA_URL}{path}")

    assert response.status_code == 404
