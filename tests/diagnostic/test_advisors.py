"""Advisors' associations in the admin (« Mes associations »): an advisor sees and edits
their own only, the coordination reads every one, results are attached by their address,
and the page shows the progress per axis between the two latest runs."""

import re
from datetime import timedelta

import pytest

from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext

from catalogue.services import taxonomy_load_seed
from diagnostic.models import AdvisedAssociation, AdvisorRun, DiagnosticPage, DiagnosticResult
from diagnostic.services import (
    association_attach_result,
    association_create,
    diagnostic_load_seed,
    result_create,
)
from home.roles import ADVISORS, COORDINATION, roles_setup
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db

INDEX = "/admin/associations/"


def _detail(association):
    return f"/admin/associations/inspect/{association.pk}/"


def _edit(association):
    return f"/admin/associations/edit/{association.pk}/"


def _delete(association):
    return f"/admin/associations/delete/{association.pk}/"


def _history(association):
    return f"/admin/associations/history/{association.pk}/"


def _usage(association):
    return f"/admin/associations/usage/{association.pk}/"


@pytest.fixture
def diagnostic(home_page):
    taxonomy_load_seed()
    page, _created = diagnostic_load_seed(parent=home_page)
    return page


@pytest.fixture
def people(catalogue, training_index):
    roles_setup()
    return {
        "anna": UserFactory(
            username="anna", first_name="Anna", last_name="Conseil", group=ADVISORS
        ),
        "bruno": UserFactory(username="bruno", group=ADVISORS),
        "coralie": UserFactory(username="coralie", group=COORDINATION),
    }


def _answers(page, pick):
    return {q.slug: pick(q.options).value for _axis, q in page.questionnaire().questions()}


def _run(page, pick, *, days_ago=0):
    result = result_create(page=page, answers=_answers(page, pick))
    DiagnosticResult.objects.filter(pk=result.pk).update(
        created_at=timezone.now() - timedelta(days=days_ago)
    )
    result.refresh_from_db()
    return result


@pytest.fixture
def associations(people):
    return {
        "anna": association_create(
            advisor=people["anna"], name="Les Amis du Cher", notes="Trésorière : Mme Roux"
        ),
        "bruno": association_create(
            advisor=people["bruno"], name="Club de l'Indre", notes="Président injoignable"
        ),
    }


def test_an_advisor_lists_only_their_own_associations(client, people, associations):
    client.force_login(people["anna"])

    page = client.get(INDEX)

    assert page.status_code == 200
    text = page.content.decode()
    assert "Les Amis du Cher" in text
    assert "Club de l&#x27;Indre" not in text and "Club de l'Indre" not in text
    assert gettext("My associations") in text
    assert gettext("Advised associations") not in text


def test_an_advisor_creates_an_association_of_their_own(client, people):
    client.force_login(people["anna"])

    response = client.post(
        f"{INDEX}new/", {"name": "  Jardins partagés de Tours ", "notes": "Vue au forum"}
    )

    association = AdvisedAssociation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _detail(association)
    assert (association.name, association.notes) == ("Jardins partagés de Tours", "Vue au forum")
    assert association.advisor == people["anna"]


def test_an_advisor_edits_their_own_association(client, people, associations):
    client.force_login(people["anna"])
    association = associations["anna"]

    response = client.post(_edit(association), {"name": "Les Amis du Cher", "notes": "Nouveau"})

    assert response.status_code == 302
    association.refresh_from_db()
    assert association.notes == "Nouveau"


@pytest.mark.parametrize("view", [_detail, _edit, _delete, _history, _usage])
def test_another_advisors_association_is_not_found(client, people, associations, view):
    client.force_login(people["anna"])
    theirs = associations["bruno"]

    assert client.get(view(theirs)).status_code == 404
    # Their own still opens.
    assert client.get(view(associations["anna"])).status_code == 200
    assert client.post(view(theirs), {"name": "Piraté", "notes": ""}).status_code == 404
    theirs.refresh_from_db()
    assert (theirs.name, theirs.notes) == ("Club de l'Indre", "Président injoignable")


def test_history_and_usage_of_a_malformed_identifier_are_not_found(client, people):
    client.force_login(people["anna"])
    for url in ("/admin/associations/history/abc/", "/admin/associations/usage/1%00/"):
        assert client.get(url).status_code == 404


def test_an_advisor_cannot_attach_a_result_to_another_advisors_association(
    client, people, associations, diagnostic
):
    result = _run(diagnostic, lambda options: options[0])
    client.force_login(people["anna"])

    response = client.post(_detail(associations["bruno"]), {"result": str(result.pk)})

    assert response.status_code == 404
    assert not AdvisorRun.objects.exists()


def test_the_coordination_reads_every_association_but_edits_none(
    client, people, associations, diagnostic
):
    result = _run(diagnostic, lambda options: options[0])
    client.force_login(people["coralie"])

    listing = client.get(INDEX).content.decode()
    assert "Les Amis du Cher" in listing and "Club de l&#x27;Indre" in listing
    assert "Anna Conseil" in listing  # the advisor column
    assert gettext("Advised associations") in listing  # the menu and the title
    assert _detail(associations["anna"]) in listing
    assert (
        _edit(associations["anna"]) not in listing and _delete(associations["anna"]) not in listing
    )
    detail = client.get(_detail(associations["anna"]))
    assert detail.status_code == 200
    assert "Trésorière : Mme Roux" in detail.content.decode()
    assert 'name="result"' not in detail.content.decode()
    assert client.get(_edit(associations["anna"])).status_code == 404
    refused = client.post(_detail(associations["anna"]), {"result": str(result.pk)})
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")  # Wagtail's denial
    assert not AdvisorRun.objects.exists()


def test_superusers_see_every_association(client, admin_user, associations):
    client.force_login(admin_user)

    listing = client.get(INDEX).content.decode()

    assert "Les Amis du Cher" in listing and "Club de l&#x27;Indre" in listing
    assert client.get(_edit(associations["bruno"])).status_code == 200


def test_anonymous_visitors_and_digital_actors_are_kept_out(client, people, associations):
    for url in (INDEX, _detail(associations["anna"])):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    actor = UserFactory(username="acteur", group="Acteurs du numérique")
    client.force_login(actor)
    assert client.get(INDEX).status_code in (302, 403)
    assert client.get(_detail(associations["anna"])).status_code == 404


def test_an_advisor_attaches_a_result_by_its_address(client, people, associations, diagnostic):
    result = _run(diagnostic, lambda options: options[0])
    client.force_login(people["anna"])
    association = associations["anna"]

    response = client.post(
        _detail(association),
        {
            "result": f"https://reperes.example.org/diagnostic/resultat/{result.pk}/",
            "notes": "Premier passage, avec Zéphyrin",
        },
    )

    assert response.status_code == 302
    run = AdvisorRun.objects.get()
    assert (run.association, run.result, run.notes) == (
        association,
        result,
        "Premier passage, avec Zéphyrin",
    )
    # The identity stays with the association: nothing of it reaches the result.
    stored = DiagnosticResult.objects.filter(pk=result.pk).values()[0]
    assert "Amis du Cher" not in repr(stored) and "Zéphyrin" not in repr(stored)
    page = client.get(_detail(association)).content.decode()
    assert f'href="/diagnostic/resultat/{result.pk}/"' in page
    assert "Peu initiée" in page


MALFORMED = (
    "Paste the address of the result page (ending in /resultat/…/) or its identifier, such "
    "as 3f2b8c1e-6a4d-4f0e-9b7a-2c5d1e8f9a0b."
)
UNKNOWN = (
    "No diagnostic result has this identifier. Check the address; anonymous results are "
    "deleted after a while unless an advisor attached them."
)


@pytest.mark.parametrize(
    ("pasted", "message"),
    [
        ("pas une adresse", MALFORMED),
        ("https://reperes.example.org/diagnostic/", MALFORMED),
        ("6f1c0d2e-4b7a-4c3e-9a51-2d8e7f6a9b10", UNKNOWN),
    ],
)
def test_a_malformed_or_unknown_result_is_refused_in_french(
    client, people, associations, diagnostic, pasted, message
):
    client.force_login(people["anna"])

    response = client.post(_detail(associations["anna"]), {"result": pasted})

    assert response.status_code == 200
    assert escape(gettext(message)) in response.content.decode()
    assert not AdvisorRun.objects.exists()


def test_a_result_attached_elsewhere_is_refused(client, people, associations, diagnostic):
    result = _run(diagnostic, lambda options: options[0])
    association_attach_result(association=associations["bruno"], result_id=result.pk)
    client.force_login(people["anna"])

    response = client.post(_detail(associations["anna"]), {"result": str(result.pk)})

    text = response.content.decode()
    assert response.status_code == 200
    assert escape(gettext("This result is already attached to another association.")) in text
    assert "Club de l" not in text  # whose it is stays unsaid
    assert AdvisorRun.objects.get().association == associations["bruno"]


def _pick_second(options):
    return options[min(2, len(options) - 1)]


def test_the_page_shows_the_progress_between_the_two_latest_runs(
    client, people, associations, diagnostic
):
    association = associations["anna"]
    oldest = _run(diagnostic, lambda options: options[-1], days_ago=400)
    earlier = _run(diagnostic, lambda options: options[0], days_ago=200)
    later = _run(diagnostic, _pick_second, days_ago=1)
    for result in (oldest, earlier, later):
        association_attach_result(association=association, result_id=result.pk)
    client.force_login(people["anna"])

    text = client.get(_detail(association)).content.decode()

    # The chart, with its figures stated in its description…
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart"' in text
    desc = re.search(r'<desc id="[^"]+">([^<]*)</desc>', text).group(1)
    first, second = earlier.axis_scores[0], later.axis_scores[0]
    assert f"{first['name']} : {round(first['score'])} % → {round(second['score'])} %" in desc
    # …and again in the table: the two latest runs, not the oldest.
    table = text.split("association__progress", 1)[1].split("</table>", 1)[0]
    change = round(second["score"] - first["score"])
    assert f"+{change} {gettext('points')}" in table
    assert "100 %" not in table  # the oldest run (everything at 100 %) is not compared
    assert "versions-differ" not in text


def test_axes_that_differ_between_questionnaire_versions_are_said(
    client, people, associations, diagnostic
):
    association = associations["anna"]
    earlier = _run(diagnostic, lambda options: options[0], days_ago=100)
    page = DiagnosticPage.objects.get(pk=diagnostic.pk)
    page.axes = page.axes.raw_data[:-1]  # the editors drop the last axis
    page.save_revision().publish()
    page.refresh_from_db()
    later = _run(page, _pick_second)
    for result in (earlier, later):
        association_attach_result(association=association, result_id=result.pk)
    client.force_login(people["anna"])

    text = client.get(_detail(association)).content.decode()

    dropped = earlier.axis_scores[-1]["name"]
    note = text.split('class="help-block help-warning versions-differ"', 1)[1].split("</p>")[0]
    assert escape(gettext("Axes no longer asked:")) in note
    assert escape(dropped) in note
    row = text.split(f'<th scope="row">{escape(dropped)}</th>', 1)[1].split("</tr>")[0]
    assert escape(gettext("not comparable")) in row


def test_a_single_run_asks_for_a_second_one(client, people, associations, diagnostic):
    association_attach_result(
        association=associations["anna"],
        result_id=_run(diagnostic, lambda options: options[0]).pk,
    )
    client.force_login(people["anna"])

    text = client.get(_detail(associations["anna"])).content.decode()

    assert 'class="chart"' not in text
    assert (
        escape(
            gettext(
                "The progress appears here once a second run is attached: run the diagnostic "
                "again with the association in a few months."
            )
        )
        in text
    )


def test_searching_finds_only_the_advisors_own_associations(client, people, associations):
    client.force_login(people["anna"])

    theirs = client.get(INDEX, {"q": "Indre"}).content.decode()
    mine = client.get(INDEX, {"q": "Cher"}).content.decode()

    assert _detail(associations["bruno"]) not in theirs
    assert _detail(associations["anna"]) in mine


def test_deleting_an_association_leaves_its_results_anonymous(
    client, people, associations, diagnostic
):
    result = _run(diagnostic, lambda options: options[0])
    association_attach_result(association=associations["anna"], result_id=result.pk)
    client.force_login(people["anna"])

    response = client.post(_delete(associations["anna"]))

    assert response.status_code == 302
    assert not AdvisedAssociation.objects.filter(pk=associations["anna"].pk).exists()
    assert not AdvisorRun.objects.exists()
    assert DiagnosticResult.objects.filter(pk=result.pk).exists()


def test_roles_give_advisors_their_own_and_the_coordination_every_association(people):
    advisor, coordinator = people["anna"], people["coralie"]

    assert advisor.has_perm("diagnostic.add_advisedassociation")
    assert not advisor.has_perm("diagnostic.view_advisedassociation")
    assert not advisor.has_perm("diagnostic.change_advisedassociation")
    assert coordinator.has_perm("diagnostic.view_advisedassociation")
    assert not coordinator.has_perm("diagnostic.change_advisedassociation")


def _detach(association, run):
    return f"/admin/associations/inspect/{association.pk}/runs/{run.pk}/detach/"


def test_an_advisor_detaches_a_run_and_gets_its_identifier_back(
    client, people, associations, diagnostic
):
    result = _run(diagnostic, lambda options: options[0])
    run = association_attach_result(association=associations["anna"], result_id=result.pk)
    client.force_login(people["anna"])
    assert (
        _detach(associations["anna"], run)
        in client.get(_detail(associations["anna"])).content.decode()
    )

    response = client.post(_detach(associations["anna"], run), follow=True)

    assert not AdvisorRun.objects.exists()
    assert DiagnosticResult.objects.filter(pk=result.pk).exists()
    assert str(result.pk) in response.content.decode()


def test_nobody_else_detaches_a_run(client, people, associations, diagnostic):
    result = _run(diagnostic, lambda options: options[0])
    run = association_attach_result(association=associations["bruno"], result_id=result.pk)
    url = _detach(associations["bruno"], run)

    assert "/admin/login/" in client.post(url)["Location"]
    client.force_login(people["anna"])
    assert client.post(url).status_code == 404
    # Nor through one's own association with another's run.
    assert client.post(_detach(associations["anna"], run)).status_code == 404
    client.force_login(people["coralie"])
    assert client.post(url).status_code == 404
    assert url not in client.get(_detail(associations["bruno"])).content.decode()
    assert AdvisorRun.objects.get() == run
