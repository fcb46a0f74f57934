"""Uploaded files are never run by a browser on our origin: SVG images and HTML or SVG
documents are refused at upload, in French, and documents are served as attachments through
Wagtail's view, which keeps private collections private."""

import pytest

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models.fields.files import FieldFile

from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from catalogue.models import ReperesImage
from tests.factories.documents import DocumentFactory

pytestmark = pytest.mark.django_db

SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(document.cookie)</script></svg>"
)
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def _upload(client, url: str, name: str, content: bytes, content_type: str):
    data = {
        "title": "Fichier piégé",
        "file": SimpleUploadedFile(name, content, content_type=content_type),
        "collection": Collection.get_first_root_node().pk,
        "tags": "",
    }
    return client.post(url, data)


def _form_errors(response) -> list[str]:
    assert response.status_code == 200, "the upload was accepted"
    return [error for errors in response.context["form"].errors.values() for error in errors]


def test_an_svg_image_is_refused_in_french(admin_client):
    response = _upload(admin_client, "/admin/images/add/", "logo.svg", SVG, "image/svg+xml")

    # Wagtail's message, which names the accepted formats.
    [error] = _form_errors(response)
    assert error.startswith("Format d'image non ")
    assert error.endswith(": AVIF, GIF, JPG, JPEG, PNG, WEBP.")
    assert not ReperesImage.objects.exists()


def test_an_svg_renamed_as_png_is_refused_too(admin_client):
    response = _upload(admin_client, "/admin/images/add/", "logo.png", SVG, "image/png")

    assert _form_errors(response)
    assert not ReperesImage.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("page.html", HTML, "text/html"),
        ("page.htm", HTML, "text/html"),
        ("logo.svg", SVG, "image/svg+xml"),
    ],
)
def test_html_and_svg_documents_are_refused_in_french(admin_client, name, content, content_type):
    response = _upload(admin_client, "/admin/documents/add/", name, content, content_type)

    extension = name.rsplit(".", 1)[1]
    [error] = _form_errors(response)
    assert f"extension de fichier «\u00a0{extension}\u00a0» n’est pas autorisée." in error
    assert not get_document_model().objects.exists()


def _assert_served_as_attachment(response, filename: str, content_type: str) -> None:
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert filename in response["Content-Disposition"]
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"


def test_a_pdf_is_downloaded_never_shown_inline(client):
    document = DocumentFactory(file=ContentFile(PDF, name="guide.pdf"))

    response = client.get(document.url)

    _assert_served_as_attachment(response, "guide.pdf", "application/pdf")
    assert b"".join(response.streaming_content) == PDF


def test_documents_go_through_wagtails_view_when_the_storage_has_addresses(client, monkeypatch):
    """A storage such as S3 has a URL and no local path: Wagtail would then send visitors to
    the storage's URL, past collection privacy and these headers."""

    def no_local_path(self):
        raise NotImplementedError

    document = DocumentFactory(file=ContentFile(b"nom;ville\n", name="liste.csv"))
    monkeypatch.setattr(FieldFile, "path", property(no_local_path))

    response = client.get(document.url)

    assert document.url.startswith("/documents/")
    _assert_served_as_attachment(response, "liste.csv", "text/csv")


def test_a_document_of_a_private_collection_is_refused_to_visitors(client, admin_user):
    private = Collection.get_first_root_node().add_child(name="Interne")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = DocumentFactory(collection=private, file=ContentFile(PDF, name="interne.pdf"))

    anonymous = client.get(document.url)
    client.force_login(admin_user)
    signed_in = client.get(document.url)

    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/_util/login/")
    _assert_served_as_attachment(signed_in, "interne.pdf", "application/pdf")
