"""The request log: JSON lines that share the request id sent back in `X-Request-ID`,
with the path but not its query string, and a user's id but never their e-mail."""

import logging
import re

import pytest

from django.http import HttpResponse, HttpResponseBadRequest
from django.urls import path

pytestmark = pytest.mark.django_db

GENERATED_ID = re.compile(r"[0-9a-f]{32}")


def _logs_a_line(request):
    logging.getLogger("cms.api").warning("Resolver slow for %s", "someone@example.org")
    return HttpResponse("ok")


def _refuses(request):
    return HttpResponseBadRequest("no")


urlpatterns = [path("logs/", _logs_a_line), path("refuses/", _refuses)]


def _of_request(lines, request_id):
    return [line for line in lines if line.get("request_id") == request_id]


def test_a_request_is_logged_as_json_lines_with_the_response_request_id(
    client, home_page, log_lines
):
    response = client.get("/robots.txt?token=s3cr3t-preview")
    request_id = response["X-Request-ID"]
    assert GENERATED_ID.fullmatch(request_id)
    lines = _of_request(log_lines(), request_id)
    events = {line["event"]: line for line in lines}
    assert {"request_started", "request_finished"} <= events.keys()
    finished = events["request_finished"]
    assert finished["request"] == "GET /robots.txt"
    assert finished["code"] == 200
    assert finished["duration_ms"] >= 0
    assert finished["level"] == "info"
    assert "s3cr3t-preview" not in str(log_lines())


def test_each_request_gets_its_own_id(client, home_page):
    first = client.get("/robots.txt")["X-Request-ID"]
    assert client.get("/robots.txt")["X-Request-ID"] != first


def test_a_sane_incoming_request_id_is_kept(client, home_page, log_lines):
    response = client.get("/robots.txt", HTTP_X_REQUEST_ID="lb-7f3a.91_c")
    assert response["X-Request-ID"] == "lb-7f3a.91_c"
    assert _of_request(log_lines(), "lb-7f3a.91_c")


@pytest.mark.parametrize(
    "incoming",
    ["", "two words", "id\nforged-line", "<script>", "é", "x" * 129],
)
def test_an_insane_incoming_request_id_is_replaced(client, home_page, log_lines, incoming):
    response = client.get("/robots.txt", HTTP_X_REQUEST_ID=incoming)
    request_id = response["X-Request-ID"]
    assert GENERATED_ID.fullmatch(request_id)
    assert _of_request(log_lines(), request_id)
    assert not _of_request(log_lines(), incoming)


@pytest.mark.urls(__name__)
def test_standard_loggers_share_the_format_and_the_request_id(client, log_lines):
    response = client.get("/logs/")
    [line] = [line for line in log_lines() if line["logger"] == "cms.api"]
    assert line["request_id"] == response["X-Request-ID"]
    assert line["level"] == "warning"
    assert line["event"] == "Resolver slow for [email]"


def test_a_logged_in_request_logs_the_user_id_not_the_email(client, admin_user, log_lines):
    client.force_login(admin_user)
    response = client.get("/admin/")
    assert response.status_code == 200
    lines = _of_request(log_lines(), response["X-Request-ID"])
    [finished] = [line for line in lines if line["event"] == "request_finished"]
    assert finished["user_id"] == admin_user.pk
    assert admin_user.email not in str(log_lines())


def test_the_api_key_never_reaches_the_logs(client, log_lines):
    response = client.get(
        "/graphql/?query={__typename}", HTTP_AUTHORIZATION="Bearer rp_not-a-real-key-0123"
    )
    assert response.status_code == 401
    assert _of_request(log_lines(), response["X-Request-ID"])
    assert "rp_not-a-real-key-0123" not in str(log_lines())


@pytest.mark.urls(__name__)
def test_django_s_report_of_a_refused_request_carries_its_id(client, log_lines):
    response = client.get("/refuses/")
    assert response.status_code == 400
    [line] = [line for line in log_lines() if line["logger"] == "django.request"]
    assert line["event"] == "Bad Request: /refuses/"
    assert line["request_id"] == response["X-Request-ID"]
