"""The link checker, against a website on loopback (never the network): what it calls
working or broken and why, how politely it asks, the public-address guard on every hop,
the results it records per offer and address, the command that queues it, and the
« Liens cassés » report."""

import contextlib
import csv
import io
import socket
import threading
import time
from collections import defaultdict
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from ipaddress import ip_address
from urllib.parse import urlsplit

import pytest
from django_tasks_db.models import DBTaskResult

from django.core.checks import run_checks
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from catalogue.choices import LinkSource
from catalogue.link_checker import LinkChecker
from catalogue.link_selectors import broken_link_counts
from catalogue.link_services import link_checks_run
from catalogue.link_sources import offer_links
from catalogue.models import LinkCheck
from cms import content_version, outbound
from home.roles import ACTORS, COORDINATION, roles_setup
from tests.factories.catalogue import ResourcePageFactory, ToolPageFactory
from tests.factories.users import UserFactory

DATABASE_QUEUE = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
WORKER = ["db_worker", "--backend", "background", "--batch", "--no-startup-delay", "--no-reload"]


class Website:
    """A website on loopback. It records each request (method, path, headers), counts the
    requests in progress, all hosts together and per host name (the Host header), and
    answers by path:

    /ok 200 · /missing 404 · /error 500 · /no-head 405 to HEAD, 200 to GET ·
    /redirect/N a chain of N redirects to a 200 · /loop/a ⇄ /loop/b · /away a redirect to
    10.0.0.5 · /silent never answers (until the test ends) · /hold/… 200, once two
    requests are in progress together (`pair`), and a moment later."""

    def __init__(self):
        self.requests = []
        self.lock = threading.Lock()
        self.in_progress = 0
        self.most_in_progress = 0
        self.per_host = defaultdict(int)
        self.most_per_host = defaultdict(int)
        self.pair = threading.Barrier(2, timeout=5)
        self.release = threading.Event()
        website = self

        class Handler(BaseHTTPRequestHandler):
            def do_HEAD(self):
                website.answer(self)

            def do_GET(self):
                website.answer(self)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_port
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def paths(self, method: str | None = None) -> list[str]:
        return [path for m, path, _ in self.requests if method in (None, m)]

    def answer(self, handler):
        host = handler.headers["Host"].rsplit(":", 1)[0]
        path = handler.path
        with self.lock:
            self.requests.append((handler.command, path, dict(handler.headers)))
            self.in_progress += 1
            self.per_host[host] += 1
            self.most_in_progress = max(self.most_in_progress, self.in_progress)
            self.most_per_host[host] = max(self.most_per_host[host], self.per_host[host])
        try:
            status, location = self.route(handler.command, path)
        finally:
            with self.lock:
                self.in_progress -= 1
                self.per_host[host] -= 1
        handler.send_response(status)
        if location:
            handler.send_header("Location", location)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    def route(self, method, path):
        if path == "/ok":
            return 200, None
        if path == "/missing":
            return 404, None
        if path == "/error":
            return 500, None
        if path == "/no-head":
            return (405 if method == "HEAD" else 200), None
        if path.startswith("/redirect/"):
            left = int(path.rsplit("/", 1)[1])
            return (302, f"/redirect/{left - 1}") if left else (200, None)
        if path == "/loop/a":
            return 301, "/loop/b"
        if path == "/loop/b":
            return 301, self.url("/loop/a")
        if path == "/away":
            return 302, "http://10.0.0.5/admin"
        if path == "/silent":
            self.release.wait(30)
            return 200, None
        if path.startswith("/hold/"):
            # Alone until the barrier times out, if the checker sends one at a time.
            with contextlib.suppress(threading.BrokenBarrierError):
                self.pair.wait()
            # Time for a request beyond the bound, if any, to arrive meanwhile.
            time.sleep(0.05)
            return 200, None
        return 404, None

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def website(settings):
    """The website, which the checker may reach on loopback with the setting on."""
    settings.LINK_CHECK_ALLOW_PRIVATE_NETWORKS = True
    settings.LINK_CHECK_TIMEOUT_SECONDS = 5
    settings.LINK_CHECK_MAX_REDIRECTS = 5
    settings.LINK_CHECK_CONCURRENCY = 4
    settings.LINK_CHECK_PER_HOST = 2
    with Website() as site:
        yield site


def _check(url):
    return LinkChecker.from_settings().check(url)


# The HTTP side.


def test_a_page_that_answers_is_working_after_a_single_head(website):
    result = _check(website.url("/ok"))
    assert (result.status_code, result.error, result.ok) == (200, "", True)
    assert website.paths() == ["/ok"]
    assert website.requests[0][0] == "HEAD"


@pytest.mark.parametrize("path, status", [("/missing", 404), ("/error", 500)])
def test_an_error_status_is_broken_once_get_confirms_it(website, path, status):
    result = _check(website.url(path))
    assert (result.status_code, result.ok) == (status, False)
    assert [method for method, _, _ in website.requests] == ["HEAD", "GET"]


def test_get_is_asked_when_head_is_refused(website):
    result = _check(website.url("/no-head"))
    assert (result.status_code, result.ok) == (200, True)
    assert [method for method, _, _ in website.requests] == ["HEAD", "GET"]


def test_redirects_are_followed_to_the_final_page(website):
    result = _check(website.url("/redirect/3"))
    assert (result.status_code, result.ok) == (200, True)
    assert website.paths() == ["/redirect/3", "/redirect/2", "/redirect/1", "/redirect/0"]
    # HEAD stays HEAD along the chain (urllib would have turned it into a GET).
    assert {method for method, _, _ in website.requests} == {"HEAD"}


def test_redirects_are_followed_up_to_the_limit(website, settings):
    settings.LINK_CHECK_MAX_REDIRECTS = 2
    result = _check(website.url("/redirect/3"))
    assert not result.ok
    assert result.error == "Trop de redirections (plus de 2)."
    assert len(website.paths()) == 3


def test_a_redirect_loop_is_broken_and_stops(website):
    result = _check(website.url("/loop/a"))
    assert not result.ok
    assert result.status_code is None
    assert result.error == f"Boucle de redirections : {website.url('/loop/a')} revient."
    assert website.paths() == ["/loop/a", "/loop/b"]


@pytest.mark.parametrize(
    "timeout, message",
    [(0.2, "Pas de réponse en 0,2 seconde."), (1.0, "Pas de réponse en 1 seconde.")],
)
def test_a_server_that_does_not_answer_in_time_is_broken(website, settings, timeout, message):
    settings.LINK_CHECK_TIMEOUT_SECONDS = timeout
    result = _check(website.url("/silent"))
    assert not result.ok
    assert result.error == message


def test_a_refused_connection_is_broken(website):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    # Nothing listens on that port any more.
    result = _check(f"http://127.0.0.1:{port}/")
    assert (result.status_code, result.error) == (None, "Connexion refusée.")


def test_the_user_agent_names_the_site_and_its_address(website, settings):
    settings.SITE_URL = "https://reperes.example.org"
    _check(website.url("/ok"))
    [(_, _, headers)] = website.requests
    assert headers["User-Agent"] == (
        "Mozilla/5.0 (compatible; Reperes-LinkChecker/1.0; +https://reperes.example.org/)"
    )


def test_requests_in_progress_never_exceed_the_concurrency(website, dns, settings):
    settings.LINK_CHECK_CONCURRENCY = 2
    settings.LINK_CHECK_PER_HOST = 10
    hosts = [f"site{n}.example" for n in range(6)]
    for host in hosts:
        dns[host] = ["127.0.0.1"]
    results = LinkChecker.from_settings().check_all(website.url("/hold/", host) for host in hosts)
    assert all(result.ok for result in results.values())
    assert len(website.requests) == 6
    # Two at a time: the website's `pair` lets none through alone.
    assert website.most_in_progress == 2


def test_requests_to_one_host_never_exceed_the_per_host_limit(website, settings):
    settings.LINK_CHECK_CONCURRENCY = 6
    settings.LINK_CHECK_PER_HOST = 2
    urls = [website.url(f"/hold/{n}") for n in range(6)]
    results = LinkChecker.from_settings().check_all(urls)
    assert list(results) == urls
    assert all(result.ok for result in results.values())
    assert website.most_per_host["127.0.0.1"] == 2


PRIVATE_MESSAGE = (
    "une adresse privée, locale ou réservée : le vérificateur de liens ne joint que des "
    "adresses publiques d'Internet."
)


def test_the_guard_refuses_private_addresses_when_the_setting_is_off(website, dns, settings):
    settings.LINK_CHECK_ALLOW_PRIVATE_NETWORKS = False
    dns["intranet.example"] = ["10.0.0.5"]
    result = _check(website.url("/ok"))
    assert not result.ok
    assert result.error == f"127.0.0.1 est {PRIVATE_MESSAGE}"
    result = _check("http://intranet.example/")
    assert result.error == f"intranet.example désigne 10.0.0.5, {PRIVATE_MESSAGE}"
    assert website.requests == []


def test_each_redirect_is_checked_by_the_guard(website, settings, monkeypatch):
    """The website stands for a public server (its loopback address is let through), which
    redirects to a private address: the hop is refused before any connection."""
    settings.LINK_CHECK_ALLOW_PRIVATE_NETWORKS = False
    public = outbound.is_public_address
    monkeypatch.setattr(
        outbound,
        "is_public_address",
        lambda address: address == ip_address("127.0.0.1") or public(address),
    )
    result = _check(website.url("/away"))
    assert not result.ok
    assert result.error == f"10.0.0.5 est {PRIVATE_MESSAGE}"
    assert website.paths() == ["/away"]


# Where the links are found.


@pytest.fixture
def body_links(website):
    return [
        {
            "type": "paragraph",
            "value": (
                f'<p><a href="{website.url("/missing")}">cassé</a>, '
                f'<a href="{website.url("/ok")}#tarifs">ancre</a>, '
                '<a href="mailto:contact@example.org">courriel</a>, '
                '<a linktype="page" id="3">page interne</a>, '
                '<a href="/catalogue/">relatif</a></p>'
            ),
        },
        {
            "type": "call_to_action",
            "value": {"title": "Essayer", "link_text": "Ouvrir", "url": website.url("/error")},
        },
        {"type": "video", "value": {"video": website.url("/redirect/1"), "caption": ""}},
    ]


def test_the_website_fields_and_the_presentation_links_are_found(catalogue, website, body_links):
    offer = ResourcePageFactory(
        parent=catalogue, website=website.url("/ok"), resource_url=website.url("/no-head")
    )
    offer.body = body_links
    offer.save_revision().publish()
    offer = type(offer).objects.get(pk=offer.pk)
    assert offer_links(offer) == {
        website.url("/ok"): LinkSource.WEBSITE,
        website.url("/no-head"): LinkSource.FIELD,
        website.url("/missing"): LinkSource.BODY,
        website.url("/error"): LinkSource.BODY,
        website.url("/redirect/1"): LinkSource.BODY,
    }


# What is recorded.


@pytest.fixture
def offers(catalogue, website, body_links):
    return {
        "a": ToolPageFactory(
            parent=catalogue, slug="a", website=website.url("/ok"), body=body_links
        ),
        "b": ToolPageFactory(parent=catalogue, slug="b", website=website.url("/ok")),
        "draft": ToolPageFactory(
            parent=catalogue, slug="brouillon", live=False, website=website.url("/missing")
        ),
    }


def _at(monkeypatch, day: int):
    moment = datetime(2026, 3, day, 9, 0, tzinfo=UTC)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return moment


def _rows():
    """The rows by offer and first segment of the path."""
    return {
        (row.offer.slug, urlsplit(row.url).path.split("/")[1]): row
        for row in LinkCheck.objects.select_related("offer")
    }


def test_results_are_recorded_per_offer_and_address(db, offers, website, monkeypatch):
    first = _at(monkeypatch, 1)
    summary = link_checks_run()
    assert summary.as_dict() == {
        "offers": 2,
        "links": 5,
        "addresses": 4,
        "broken": 2,
        "removed": 0,
    }
    # The address both offers link to is checked once; the draft's is not checked.
    assert website.paths("HEAD").count("/ok") == 1
    rows = _rows()
    assert set(rows) == {
        ("a", "ok"),
        ("a", "missing"),
        ("a", "error"),
        ("a", "redirect"),
        ("b", "ok"),
    }
    missing = rows["a", "missing"]
    assert (missing.source, missing.status_code, missing.ok) == (LinkSource.BODY, 404, False)
    assert (missing.checked_at, missing.first_broken_at) == (first, first)
    assert (rows["a", "ok"].source, rows["a", "ok"].ok) == (LinkSource.WEBSITE, True)
    assert rows["a", "ok"].first_broken_at is None
    assert rows["a", "redirect"].status_code == 200


def test_a_second_run_updates_rows_keeps_since_when_and_removes_stale_ones(
    db, offers, website, body_links, monkeypatch
):
    first = _at(monkeypatch, 1)
    link_checks_run()
    count_before = LinkCheck.objects.count()

    # Still broken, a week later: since when is kept. The CTA's link is gone, and so is
    # offer b from the public site.
    second = _at(monkeypatch, 8)
    a = offers["a"]
    a.body = [block for block in body_links if block["type"] != "call_to_action"]
    a.save_revision().publish()
    offers["b"].unpublish()
    summary = link_checks_run()

    assert summary.removed == 2
    rows = _rows()
    assert set(rows) == {("a", "ok"), ("a", "missing"), ("a", "redirect")}
    assert LinkCheck.objects.count() == count_before - 2
    missing = rows["a", "missing"]
    assert (missing.checked_at, missing.first_broken_at) == (second, first)


def test_a_link_that_works_again_is_no_longer_broken(db, offers, website, monkeypatch):
    _at(monkeypatch, 1)
    link_checks_run()
    LinkCheck.objects.filter(url=website.url("/ok")).update(
        ok=False, first_broken_at=timezone.now()
    )
    _at(monkeypatch, 2)
    link_checks_run()
    repaired = LinkCheck.objects.get(offer=offers["b"])
    assert (repaired.ok, repaired.first_broken_at) == (True, None)


def test_a_run_narrowed_to_some_offers_leaves_the_others(db, offers, website):
    link_checks_run()
    offers["b"].unpublish()
    link_checks_run(offer_ids=[offers["a"].pk])
    # b was not part of the run: its row stays until a full run.
    assert LinkCheck.objects.filter(offer=offers["b"]).exists()
    link_checks_run(offer_ids=[offers["b"].pk])
    assert not LinkCheck.objects.filter(offer=offers["b"]).exists()


def test_cached_answers_go_only_when_which_links_are_broken_changes(db, offers, website):
    before = content_version.current()
    link_checks_run()
    first = content_version.current()
    assert first != before
    # The same results: every row written again, and the caches stay warm.
    link_checks_run()
    assert content_version.current() == first
    # A link that was broken now works.
    LinkCheck.objects.filter(url=website.url("/ok")).update(ok=False)
    link_checks_run()
    assert content_version.current() != first
    # Rows come and go with the links (stale ones deleted) without a move of their own.
    last = content_version.current()
    LinkCheck.objects.filter(url=website.url("/missing")).delete()
    assert content_version.current() == last


def test_broken_link_counts_in_one_query(db, offers, website, django_assert_num_queries):
    link_checks_run()
    ids = [offers["a"].pk, offers["b"].pk, offers["draft"].pk]
    with django_assert_num_queries(1):
        counts = broken_link_counts(ids)
    assert counts == {offers["a"].pk: 2, offers["b"].pk: 0, offers["draft"].pk: 0}
    with django_assert_num_queries(0):
        assert broken_link_counts([]) == {}


# The command and the task queue.


# The worker closes the database connection between tasks, as it should: that needs a
# test whose data is committed (and the migrations' rows restored after it).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_command_queues_the_check_for_the_worker(offers, website, settings):
    settings.TASKS = DATABASE_QUEUE
    out = io.StringIO()
    call_command("check_links", stdout=out)
    assert "db_worker --backend background" in out.getvalue()
    assert website.requests == []
    assert not LinkCheck.objects.exists()
    task = DBTaskResult.objects.get()
    assert task.status == "READY"

    call_command(*WORKER, verbosity=0)
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL"
    assert LinkCheck.objects.filter(ok=False).count() == 2


def test_the_command_reports_a_run_done_at_once(db, offers, website):
    # The tests' queue runs tasks as soon as they are queued.
    out = io.StringIO()
    call_command("check_links", stdout=out)
    assert out.getvalue().strip() == "Liens vérifiés : 5 (offres : 2, cassés : 2)."
    assert LinkCheck.objects.count() == 5


# The report.


@pytest.fixture
def people(catalogue, training_index):
    roles_setup()
    return {
        "coordinator": UserFactory(username="coralie", group=COORDINATION),
        "actor": UserFactory(username="alice", group=ACTORS),
    }


@pytest.fixture
def checked(db, offers, website, monkeypatch):
    _at(monkeypatch, 1)
    link_checks_run()
    # One of them broken for longer.
    LinkCheck.objects.filter(url=website.url("/error")).update(
        first_broken_at=datetime(2026, 2, 1, 9, 0, tzinfo=UTC)
    )
    monkeypatch.undo()
    return offers


REPORT = "broken_links_report"
# The report's entry in the sidebar's reports menu (its name, in the menu's JSON).
MENU_ITEM = "broken-links"


def test_the_report_lists_the_broken_links_oldest_first(client, admin_user, checked, website):
    client.force_login(admin_user)
    response = client.get(reverse(REPORT))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Liens cassés" in html
    assert html.index(website.url("/error")) < html.index(website.url("/missing"))
    assert website.url("/ok") not in html
    edit = reverse("wagtailadmin_pages:edit", args=[checked["a"].pk])
    assert f'href="{edit}"' in html

    newest_first = client.get(reverse(REPORT), {"ordering": "-first_broken_at"})
    html = newest_first.content.decode()
    assert html.index(website.url("/missing")) < html.index(website.url("/error"))


def test_the_report_says_when_nothing_is_broken(client, admin_user):
    client.force_login(admin_user)
    html = client.get(reverse(REPORT)).content.decode()
    assert "Aucun lien cassé : tous les liens fonctionnaient à la dernière vérification" in html


def test_the_report_exports_csv(client, admin_user, checked, website):
    client.force_login(admin_user)
    response = client.get(reverse(REPORT), {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="liens-casses-')
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == [
        "Offre",
        "Lien",
        "Trouvé dans",
        "Code HTTP",
        "Erreur",
        "Cassé depuis",
        "Vérifié le",
    ]
    assert rows[1:] == [
        [
            "A",
            website.url("/error"),
            "Présentation",
            "500",
            "",
            "2026-02-01 10:00",
            "2026-03-01 10:00",
        ],
        [
            "A",
            website.url("/missing"),
            "Présentation",
            "404",
            "",
            "2026-03-01 10:00",
            "2026-03-01 10:00",
        ],
    ]


def test_the_report_is_for_the_coordination(client, people, checked):
    client.force_login(people["coordinator"])
    assert client.get(reverse(REPORT)).status_code == 200
    assert MENU_ITEM in client.get(reverse("wagtailadmin_home")).content.decode()

    client.force_login(people["actor"])
    # Wagtail turns the refusal into a return to the dashboard, with a message.
    for params in ({}, {"export": "csv"}):
        response = client.get(reverse(REPORT), params)
        assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home"))
    assert MENU_ITEM not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_deploy_checks_flag_links_checked_into_private_networks(settings):
    settings.LINK_CHECK_ALLOW_PRIVATE_NETWORKS = True
    assert "catalogue.W001" in {m.id for m in run_checks(include_deployment_checks=True)}
    settings.LINK_CHECK_ALLOW_PRIVATE_NETWORKS = False
    assert "catalogue.W001" not in {m.id for m in run_checks(include_deployment_checks=True)}
