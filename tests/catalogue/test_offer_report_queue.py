"""The coordinators' queue of offer reports, through the admin's own pages and POSTs: open
reports first, filters, closing with a note (once), and nobody else sees or closes them."""

import pytest

from django.urls import reverse

from wagtail.models import ModelLogEntry

from catalogue.choices import ReportReason, ReportStatus
from catalogue.models import OfferReport
from catalogue.report_services import ReportAlreadyClosed, offer_report_close
from home.roles import ACTORS, COORDINATION, roles_setup
from tests.factories.catalogue import ActorFactory, ToolPageFactory
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db

INDEX = reverse("offer_reports:index")
SECRET_EMAIL = "lectrice-confidentielle@exemple.net"


def _edit(report) -> str:
    return reverse("offer_reports:edit", args=[report.pk])


def _inspect(report) -> str:
    return reverse("offer_reports:inspect", args=[report.pk])


@pytest.fixture
def people(catalogue):
    roles_setup()
    organisation = ActorFactory(name="Tiers-lieu de Tours")
    actor = UserFactory(username="alice", group=ACTORS)
    organisation.users.add(actor)
    return {
        "organisation": organisation,
        "actor": actor,
        "coordinator": UserFactory(username="coralie", group=COORDINATION),
    }


@pytest.fixture
def reports(people, catalogue):
    tool = ToolPageFactory(
        parent=catalogue,
        title="Agenda partagé",
        provider=people["organisation"],
        owner=people["actor"],
    )
    other = ToolPageFactory(parent=catalogue, title="Tableur en ligne")
    return {
        "open": OfferReport.objects.create(
            offer=tool,
            reason=ReportReason.OUTDATED,
            message="Le tarif a changé depuis janvier.",
            email=SECRET_EMAIL,
        ),
        "link": OfferReport.objects.create(
            offer=other, reason=ReportReason.BROKEN_LINK, message="Le site ne répond plus."
        ),
        "closed": OfferReport.objects.create(
            offer=tool,
            reason=ReportReason.WRONG,
            message="Le nom de la structure est faux.",
            status=ReportStatus.CLOSED,
            closing_note="Corrigé le 3 mars.",
        ),
    }


def _listed(response) -> set[int]:
    return {report.pk for report in response.context["object_list"]}


def test_the_queue_shows_open_reports_by_default(client, people, reports):
    client.force_login(people["coordinator"])

    response = client.get(INDEX)

    assert response.status_code == 200
    assert _listed(response) == {reports["open"].pk, reports["link"].pk}
    html = response.content.decode()
    assert "Signalements" in html
    assert "Le tarif a changé depuis janvier." in html
    assert "Information obsolète" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "clos"}, {"closed"}),
        ({"status": "tous"}, {"open", "link", "closed"}),
        ({"reason": "lien_casse"}, {"link"}),
        ({"status": "tous", "reason": "erronee"}, {"closed"}),
        ({"q": "répond"}, {"link"}),
    ],
)
def test_the_queue_filters(client, people, reports, query, expected):
    client.force_login(people["coordinator"])

    response = client.get(INDEX, query)

    assert _listed(response) == {reports[name].pk for name in expected}


def test_the_queue_filters_by_offer(client, people, reports):
    client.force_login(people["coordinator"])

    response = client.get(INDEX, {"offer": reports["open"].offer_id, "status": "tous"})

    assert _listed(response) == {reports["open"].pk, reports["closed"].pk}


def test_a_coordinator_reads_the_report_with_its_email_and_closes_it_with_a_note(
    client, people, reports
):
    coordinator, report = people["coordinator"], reports["open"]
    client.force_login(coordinator)

    page = client.get(_edit(report))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Le tarif a changé depuis janvier." in html
    assert SECRET_EMAIL in html  # to answer the visitor
    assert "Clore le signalement" in html

    response = client.post(_edit(report), {"closing_note": "Tarif mis à jour sur la fiche."})

    assert response.status_code == 302
    assert response["Location"] == INDEX
    report.refresh_from_db()
    assert report.status == ReportStatus.CLOSED
    assert report.closing_note == "Tarif mis à jour sur la fiche."
    assert report.closed_by == coordinator
    assert report.closed_at is not None
    entry = ModelLogEntry.objects.get(object_id=str(report.pk))
    assert (entry.action, entry.user) == ("catalogue.offer_report.close", coordinator)
    assert reports["open"].pk not in _listed(client.get(INDEX))


def test_closing_needs_a_note(client, people, reports):
    client.force_login(people["coordinator"])

    response = client.post(_edit(reports["open"]), {"closing_note": "  "})

    assert response.status_code == 200
    assert "Dites en quelques mots ce qui a été vérifié ou corrigé" in response.content.decode()
    reports["open"].refresh_from_db()
    assert reports["open"].status == ReportStatus.OPEN


def test_a_nul_byte_in_the_note_is_a_form_error(client, people, reports):
    client.force_login(people["coordinator"])

    response = client.post(_edit(reports["open"]), {"closing_note": "Corrigé\x00."})

    assert response.status_code == 200
    assert "caractères de contrôle" in response.content.decode()
    reports["open"].refresh_from_db()
    assert reports["open"].status == ReportStatus.OPEN


def test_a_closed_report_is_read_not_closed_again(client, people, reports):
    client.force_login(people["coordinator"])
    closed = reports["closed"]

    assert client.get(_edit(closed))["Location"] == _inspect(closed)
    response = client.post(_edit(closed), {"closing_note": "Une autre note."})

    assert response["Location"] == _inspect(closed)
    closed.refresh_from_db()
    assert closed.closing_note == "Corrigé le 3 mars."
    inspect = client.get(_inspect(closed)).content.decode()
    assert "Corrigé le 3 mars." in inspect


def test_the_closed_rows_lead_to_the_inspect_view(client, people, reports):
    client.force_login(people["coordinator"])

    html = client.get(INDEX, {"status": "tous"}).content.decode()

    assert f'href="{_edit(reports["open"])}"' in html
    assert f'href="{_inspect(reports["closed"])}"' in html
    assert f'href="{_edit(reports["closed"])}"' not in html


def test_nobody_adds_a_report_in_the_admin(client, admin_user, reports):
    client.force_login(admin_user)

    response = client.get(reverse("offer_reports:add"))

    assert response.status_code == 302
    assert reverse("offer_reports:add") not in client.get(INDEX).content.decode()


def test_the_coordinator_sees_the_menu_and_the_actor_does_not(client, people):
    client.force_login(people["coordinator"])
    assert INDEX in client.get(reverse("wagtailadmin_home")).content.decode()

    client.force_login(people["actor"])
    assert INDEX not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_an_actor_can_neither_see_nor_close_a_report_on_their_own_offer(client, people, reports):
    client.force_login(people["actor"])
    report = reports["open"]

    for url in (INDEX, _edit(report), _inspect(report)):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == reverse("wagtailadmin_home")
    response = client.post(_edit(report), {"closing_note": "Fermé par l'acteur."})

    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.OPEN
    assert report.closing_note == ""


def test_an_anonymous_visitor_is_sent_to_the_login(client, reports):
    response = client.post(_edit(reports["open"]), {"closing_note": "Note."})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    reports["open"].refresh_from_db()
    assert reports["open"].status == ReportStatus.OPEN


def test_a_report_is_closed_once(people, reports):
    coordinator, report = people["coordinator"], reports["open"]
    offer_report_close(report=report, user=coordinator, note="Première note.")

    with pytest.raises(ReportAlreadyClosed):
        offer_report_close(report=report, user=coordinator, note="Seconde note.")

    report.refresh_from_db()
    assert report.closing_note == "Première note."
