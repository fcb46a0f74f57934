"""The admin report « Offres à revoir »: which offers it lists, its sorting, filters and
CSV export, who may see it, and a constant number of queries whatever its length."""

import csv
import datetime
import io

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from catalogue.choices import ReportReason, ReportStatus
from catalogue.models import OfferReport
from home.roles import ACTORS, COORDINATION, roles_setup
from tests.factories.catalogue import ActorFactory, ResourcePageFactory, ToolPageFactory
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db

REPORT = reverse("offers_to_review")
TODAY = timezone.localdate()


def _days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def people(catalogue):
    roles_setup()
    return {
        "coordinator": UserFactory(username="coralie", group=COORDINATION),
        "actor": UserFactory(username="alice", group=ACTORS),
    }


@pytest.fixture
def offers(catalogue):
    zeta = ActorFactory(name="Zeta numérique")
    alpha = ActorFactory(name="Alpha asso")
    made = {
        "overdue": ToolPageFactory(
            parent=catalogue,
            title="Outil en retard",
            provider=zeta,
            last_qualified_on=_days(-200),
            review_by=_days(-20),
        ),
        "soon": ResourcePageFactory(
            parent=catalogue,
            title="Guide bientôt à revoir",
            provider=alpha,
            last_qualified_on=_days(-170),
            review_by=_days(10),
        ),
        "undated": ToolPageFactory(parent=catalogue, title="Outil jamais vérifié", provider=None),
        "draft": ToolPageFactory(
            parent=catalogue, title="Brouillon en retard", review_by=_days(-5), live=False
        ),
        "later": ToolPageFactory(parent=catalogue, title="Outil à jour", review_by=_days(90)),
    }
    OfferReport.objects.create(
        offer=made["overdue"], reason=ReportReason.OUTDATED, message="Le tarif a changé."
    )
    OfferReport.objects.create(
        offer=made["overdue"], reason=ReportReason.BROKEN_LINK, message="Lien mort."
    )
    OfferReport.objects.create(
        offer=made["soon"],
        reason=ReportReason.OTHER,
        message="Déjà traité.",
        status=ReportStatus.CLOSED,
    )
    return made


def _titles(response) -> list[str]:
    return [offer.title for offer in response.context["object_list"]]


def test_the_report_lists_offers_past_near_or_without_a_review_date(client, people, offers):
    client.force_login(people["coordinator"])

    response = client.get(REPORT)

    assert response.status_code == 200
    assert set(_titles(response)) == {
        "Outil en retard",
        "Guide bientôt à revoir",
        "Outil jamais vérifié",
        "Brouillon en retard",
    }
    html = response.content.decode()
    assert "Offres à revoir" in html
    assert "20 jours de retard" in html
    assert "À revoir dans 10 jours" in html
    assert "Sans date de révision" in html
    assert "2 signalements ouverts" in html
    queue = reverse("offer_reports:index") + f"?offer={offers['overdue'].pk}"
    assert f'href="{queue}"' in html


def test_the_window_is_a_setting(client, people, offers, settings):
    settings.OFFER_REVIEW_SOON_DAYS = 100
    client.force_login(people["coordinator"])

    assert "Outil à jour" in _titles(client.get(REPORT))


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        (
            "review_by",
            [
                "Outil jamais vérifié",
                "Outil en retard",
                "Brouillon en retard",
                "Guide bientôt à revoir",
            ],
        ),
        (
            "-review_by",
            [
                "Guide bientôt à revoir",
                "Brouillon en retard",
                "Outil en retard",
                "Outil jamais vérifié",
            ],
        ),
        (
            "title",
            [
                "Brouillon en retard",
                "Guide bientôt à revoir",
                "Outil en retard",
                "Outil jamais vérifié",
            ],
        ),
        ("-open_reports", ["Outil en retard"]),
        ("provider__name", ["Outil jamais vérifié", "Guide bientôt à revoir"]),
        ("-last_qualified_on", ["Guide bientôt à revoir", "Outil en retard"]),
    ],
)
def test_the_report_sorts_by_its_columns(client, people, offers, ordering, expected):
    client.force_login(people["coordinator"])

    titles = _titles(client.get(REPORT, {"ordering": ordering}))

    assert titles[: len(expected)] == expected


def test_an_unknown_ordering_falls_back_to_the_review_date(client, people, offers):
    client.force_login(people["coordinator"])

    response = client.get(REPORT, {"ordering": "owner__password"})

    assert response.status_code == 200
    assert _titles(response)[0] == "Outil jamais vérifié"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"due": "depassee"}, {"Outil en retard", "Brouillon en retard"}),
        ({"due": "proche"}, {"Guide bientôt à revoir"}),
        ({"due": "sans_date"}, {"Outil jamais vérifié"}),
        ({"kind": "ressource"}, {"Guide bientôt à revoir"}),
        ({"live": "false"}, {"Brouillon en retard"}),
        ({"kind": "outil", "due": "depassee", "live": "true"}, {"Outil en retard"}),
    ],
)
def test_the_report_filters(client, people, offers, query, expected):
    client.force_login(people["coordinator"])

    assert set(_titles(client.get(REPORT, query))) == expected


def test_the_report_filters_by_organisation(client, people, offers):
    client.force_login(people["coordinator"])

    response = client.get(REPORT, {"provider": offers["overdue"].provider_id})

    assert _titles(response) == ["Outil en retard"]


def test_a_bad_filter_value_is_not_an_error(client, people, offers):
    client.force_login(people["coordinator"])

    response = client.get(REPORT, {"due": "jamais", "kind": "\x00", "provider": "abc"})

    assert response.status_code == 200


def _csv(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="offres-a-revoir-{TODAY.isoformat()}.csv"'
    )
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_the_report_exports_as_csv_with_french_headings(client, people, offers):
    client.force_login(people["coordinator"])

    rows = _csv(client.get(REPORT, {"export": "csv", "ordering": "review_by"}))

    assert rows[0] == [
        "Offre",
        "Type d'offre",
        "Structure",
        "Statut",
        "Dernière qualification",
        "À revoir avant le",
        "Échéance",
        "Signalements ouverts",
        "Modifier dans l’administration",
    ]
    assert [row[0] for row in rows[1:]] == [
        "Outil jamais vérifié",
        "Outil en retard",
        "Brouillon en retard",
        "Guide bientôt à revoir",
    ]
    overdue = rows[2]
    assert overdue[1:4] == ["Outil", "Zeta numérique", "publiée"]
    assert overdue[4:8] == [
        _days(-200).isoformat(),
        _days(-20).isoformat(),
        "20 jours de retard",
        "2",
    ]
    assert overdue[8].endswith(f"/admin/pages/{offers['overdue'].pk}/edit/")


def test_the_export_follows_the_filters(client, people, offers):
    client.force_login(people["coordinator"])

    rows = _csv(client.get(REPORT, {"export": "csv", "due": "sans_date"}))

    assert [row[0] for row in rows[1:]] == ["Outil jamais vérifié"]


def test_a_title_that_looks_like_a_formula_is_exported_as_text(client, people, catalogue):
    ToolPageFactory(parent=catalogue, title='=HYPERLINK("https://evil.example")')
    client.force_login(people["coordinator"])

    rows = _csv(client.get(REPORT, {"export": "csv"}))

    assert rows[1][0] == '\'=HYPERLINK("https://evil.example")'


def test_the_report_exports_as_xlsx(client, people, offers):
    client.force_login(people["coordinator"])

    response = client.get(REPORT, {"export": "xlsx"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_only_those_who_publish_see_the_report(client, people, admin_user, offers):
    client.force_login(people["actor"])
    response = client.get(REPORT)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert client.get(REPORT, {"export": "csv"}).status_code == 302
    assert REPORT not in client.get(reverse("wagtailadmin_home")).content.decode()

    for user in (people["coordinator"], admin_user):
        client.force_login(user)
        assert client.get(REPORT).status_code == 200
        assert REPORT in client.get(reverse("wagtailadmin_home")).content.decode()


def _queries(client, count: int, catalogue) -> int:
    for n in range(count):
        offer = ToolPageFactory(parent=catalogue, title=f"Outil {n}", review_by=_days(-n - 1))
        OfferReport.objects.create(offer=offer, reason=ReportReason.OTHER, message="À vérifier.")
    with CaptureQueriesContext(connection) as queries:
        assert client.get(REPORT).status_code == 200
    return len(queries)


def test_the_report_costs_the_same_queries_for_3_and_20_offers(client, people, catalogue):
    client.force_login(people["coordinator"])
    # What a first request reads once and keeps (the Site) is not what offers cost.
    client.get(REPORT)

    few = _queries(client, 3, catalogue)
    many = _queries(client, 17, catalogue)

    assert many == few
