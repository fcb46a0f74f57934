"""The action plan as a PDF (diagnostic/pdf.py and the `result_pdf` route), and the page
that says when this server cannot make one."""

import shutil
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from catalogue.services import taxonomy_load_seed
from diagnostic import pdf, views
from diagnostic.recommendations import result_recommendations
from diagnostic.services import diagnostic_load_seed, result_create, result_outcome

pytestmark = pytest.mark.django_db
needs_weasyprint = pytest.mark.skipif(not pdf.available(), reason="WeasyPrint needs Pango")


@pytest.fixture
def weak_result(home_page):
    taxonomy_load_seed()
    page, _created = diagnostic_load_seed(parent=home_page)
    answers = {q.slug: q.options[0].value for _axis, q in page.questionnaire().questions()}
    return page, result_create(page=page, answers=answers, department="37")


def _text(pdf_bytes: bytes, tmp_path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) reads the PDF back")
    source = tmp_path / "plan.pdf"
    source.write_bytes(pdf_bytes)
    return subprocess.run(  # noqa: S603 - our own file
        ["pdftotext", "-layout", str(source), "-"],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout


@needs_weasyprint
def test_the_action_plan_downloads_as_a_pdf_listing_the_measures(client, weak_result, tmp_path):
    page, result = weak_result
    html = client.get(page.result_url(result.pk)).content.decode()
    assert f'href="{page.result_pdf_url(result.pk)}"' in html

    response = client.get(page.result_pdf_url(result.pk))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="plan-d-action-')
    assert "private" in response["Cache-Control"] and response["X-Robots-Tag"] == "noindex"
    text = " ".join(_text(response.content, tmp_path).split())
    assert "Plan d’action" in text
    assert "Peu initiée" in text
    recommendations = result_recommendations(result, result_outcome(result))
    assert len(recommendations) == 6
    for recommendation in recommendations:
        assert recommendation.measure.title in text
    assert "vous avez répondu" in text


def test_a_pdf_of_an_unknown_result_is_a_404(client, weak_result):
    page, _result = weak_result
    url = page.result_pdf_url("00000000-0000-4000-8000-000000000000")
    assert client.get(url).status_code == 404


def test_without_weasyprint_the_result_says_so_and_the_pdf_url_explains(
    client, weak_result, monkeypatch
):
    monkeypatch.setattr(views.pdf, "available", lambda: False)
    page, result = weak_result

    html = client.get(page.result_url(result.pk)).content.decode()
    assert page.result_pdf_url(result.pk) not in html
    assert "Le téléchargement en PDF n’est pas disponible sur ce serveur" in html

    response = client.get(page.result_pdf_url(result.pk))
    assert response.status_code == 503
    assert "Le PDF n’est pas disponible" in response.content.decode()
    assert page.result_url(result.pk, full=True) in response.content.decode()


class _Counter(BaseHTTPRequestHandler):
    hits = 0

    def do_GET(self):  # noqa: N802 - http.server's name
        type(self).hits += 1
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args):
        pass


@needs_weasyprint
def test_rendering_fetches_nothing_from_the_network_or_the_disk():
    server = HTTPServer(("127.0.0.1", 0), _Counter)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        address = f"http://127.0.0.1:{server.server_port}"
        document = pdf.render(
            f'<link rel="stylesheet" href="{address}/style.css">'
            f'<img src="{address}/logo.png"><img src="file:///etc/hostname">'
            '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
            "<p>Plan</p>"
        )
    finally:
        server.shutdown()
    assert document.startswith(b"%PDF-")
    assert _Counter.hits == 0
