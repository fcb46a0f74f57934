"""Uploads in an object store (MEDIA_STORAGE=s3), against moto's S3 server on loopback:
images and renditions are public objects with plain, cacheable URLs; documents are
private objects that only Wagtail's document view serves."""

import json
import logging
import os
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from django.test import override_settings

from wagtail.models import Collection, CollectionViewRestriction

from tests.factories.documents import DocumentFactory
from tests.factories.images import ImageFactory

boto3 = pytest.importorskip("boto3")
moto_server = pytest.importorskip("moto.server")

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
BUCKET = "reperes-medias"
CREDENTIALS = {"MEDIA_S3_ACCESS_KEY_ID": "test", "MEDIA_S3_SECRET_ACCESS_KEY": "test"}
PUBLIC_READ_POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "PublicImages",
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": [
                f"arn:aws:s3:::{BUCKET}/original_images/*",
                f"arn:aws:s3:::{BUCKET}/images/*",
            ],
        }
    ],
}


@pytest.fixture(scope="module")
def s3_endpoint():
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # a line per request otherwise
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint):
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )
    client.create_bucket(Bucket=BUCKET)
    client.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(PUBLIC_READ_POLICY))
    yield client
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=BUCKET):
        for item in page.get("Contents", []):
            client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def _settings_from_environment(**variables: str) -> dict:
    """STORAGES and the S3 options as base.py builds them from these variables: settings
    are read once, at import, so in a process of their own."""
    script = (
        "import json; from django.conf import settings; "
        "print(json.dumps({'STORAGES': settings.STORAGES, "
        "'MEDIA_S3_OBJECT_ACLS': settings.MEDIA_S3_OBJECT_ACLS}))"
    )
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test", **variables}
    output = subprocess.run(  # noqa: S603  (our interpreter, a fixed script)
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(output)


@pytest.fixture
def s3_settings(s3_endpoint, bucket):
    def use(**variables: str):
        configured = _settings_from_environment(
            MEDIA_STORAGE="s3",
            MEDIA_S3_BUCKET=BUCKET,
            MEDIA_S3_ENDPOINT_URL=s3_endpoint,
            MEDIA_S3_REGION="us-east-1",
            **CREDENTIALS,
            **variables,
        )
        assert configured["STORAGES"]["default"]["BACKEND"] == "cms.media_storage.MediaStorage"
        return override_settings(**configured)

    return use


def _anonymous_get(url: str):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310  (moto on loopback)
            return response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, b"", error.headers


def test_images_and_renditions_are_public_plain_cacheable_objects(s3_settings, s3_endpoint):
    with s3_settings():
        image = ImageFactory(file__width=320, file__height=200)
        rendition = image.get_rendition("fill-160x160")

        for stored in (image.file, rendition.file):
            assert stored.url == f"{s3_endpoint}/{BUCKET}/{stored.name}"
            status, body, headers = _anonymous_get(stored.url)
            assert status == 200
            assert body == stored.open("rb").read()
            assert headers["Cache-Control"] == "public, max-age=31536000, immutable"


def test_image_urls_point_at_the_cdn_domain(s3_settings):
    with s3_settings(MEDIA_S3_CUSTOM_DOMAIN="medias.example.org"):
        image = ImageFactory()
        rendition = image.get_rendition("fill-160x160")

        assert rendition.url == f"https://medias.example.org/{rendition.file.name}"
        assert "?" not in rendition.url  # no signature that would expire in a cached page


def test_two_uploads_with_one_name_keep_both_files(s3_settings):
    with s3_settings():
        first = ImageFactory(file__filename="logo.png", file__color="red")
        second = ImageFactory(file__filename="logo.png", file__color="blue")

    assert first.file.name != second.file.name


@pytest.mark.parametrize("acls", ["false", "true"])
def test_a_document_is_private_and_served_through_its_view(
    s3_settings, bucket, client, django_user_model, acls
):
    if acls == "true":
        # A provider without bucket policies: the ACL of each object says who reads it.
        bucket.delete_bucket_policy(Bucket=BUCKET)
    private = Collection.get_first_root_node().add_child(name="Interne")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    with s3_settings(MEDIA_S3_OBJECT_ACLS=acls):
        document = DocumentFactory(
            collection=private, file__data=b"compte rendu", file__filename="rapport.txt"
        )
        image = ImageFactory()
        object_url = document.file.url

        assert _anonymous_get(object_url)[0] == 403
        assert _anonymous_get(image.file.url)[0] == 200
        assert client.get(document.url).status_code == 302  # to the login page
        client.force_login(django_user_model.objects.create_user("lectrice"))
        served = client.get(document.url)
        assert served.status_code == 200
        assert b"".join(served.streaming_content) == b"compte rendu"
