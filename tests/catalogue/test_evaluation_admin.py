"""Evaluating an offer in the admin, through the admin's own GETs and POSTs: the one-screen
form (applicable criteria only, grouped, drafts partial, submission complete), the grid
maintained by coordination, the link from the offer's editor, and the qualification dates
an approval writes on the offer."""

from datetime import date, timedelta

import pytest

from django.urls import reverse
from django.utils import timezone

from wagtail.models import Revision

from catalogue.models import Evaluation, EvaluationAnswer, EvaluationCriterion, OfferPage
from catalogue.services import _add_months, criteria_load_seed, offer_mark_qualified
from cms import content_version
from home.roles import ACTORS, COORDINATION, roles_setup
from tests.factories.catalogue import (
    ActorFactory,
    AudienceFactory,
    ThemeFactory,
    ToolPageFactory,
    TrainingOfferPageFactory,
)
from tests.factories.evaluations import evaluation_for
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db

ADD = reverse("wagtailsnippets_catalogue_evaluation:add")
LIST = reverse("wagtailsnippets_catalogue_evaluation:list")


def _edit(evaluation):
    return reverse("wagtailsnippets_catalogue_evaluation:edit", args=[evaluation.pk])


@pytest.fixture
def grid(catalogue, training_index):
    criteria_load_seed()
    roles_setup()
    org_a, org_b = ActorFactory(name="Organisation A"), ActorFactory(name="Organisation B")
    alice = UserFactory(username="alice", group=ACTORS)
    bruno = UserFactory(username="bruno", group=ACTORS)
    org_a.users.add(alice)
    org_b.users.add(bruno)
    return {
        "tool": ToolPageFactory(parent=catalogue, slug="agenda", title="Agenda libre"),
        "training": TrainingOfferPageFactory(parent=catalogue, slug="formation-rgpd"),
        "org_a": org_a,
        "org_b": org_b,
        "alice": alice,
        "bruno": bruno,
        "coordinator": UserFactory(username="coralie", group=COORDINATION),
    }


def _data(offer, actor, action=None, answer="oui", **overrides):
    data = {"offer": offer.pk, "actor": actor.pk, "summary": "Un outil solide."}
    for criterion in Evaluation.applicable_criteria(offer):
        prefix = f"grid-{criterion.slug}"
        data[f"{prefix}-answer"] = answer
        data[f"{prefix}-comment"] = ""
        data[f"{prefix}-source"] = ""
    data.update(overrides)
    if action:
        data[action] = action
    return data


# The one-screen form --------------------------------------------------------------------


def test_creating_starts_by_choosing_the_offer(client, grid):
    client.force_login(grid["alice"])

    html = client.get(ADD).content.decode()

    assert "Offre à évaluer" in html
    assert 'name="offer"' in html
    assert "grid-" not in html


def test_the_form_asks_the_criteria_of_the_offers_kind_grouped_in_order(client, grid):
    client.force_login(grid["alice"])

    html = client.get(f"{ADD}?offer={grid['tool'].pk}").content.decode()

    assert "Agenda libre" in html
    # Tools get the hosting criterion, never the training-only ones.
    assert 'name="grid-hebergement-ue-answer"' in html
    assert "grid-objectifs-prerequis" not in html
    assert "grid-accueil-handicap" not in html
    # One radio per answer, a comment and a source for each applicable criterion.
    tool_criteria = Evaluation.applicable_criteria(grid["tool"])
    assert len(tool_criteria) == 16
    assert html.count('type="radio"') == 4 * len(tool_criteria)
    assert html.count('name="grid-hebergement-ue-answer"') == 4
    assert 'name="grid-hebergement-ue-comment"' in html
    assert 'name="grid-hebergement-ue-source"' in html
    for label in ("Oui", "Partiellement", "Non", "Non applicable"):
        assert label in html
    # Each field once: none repeated at the end of the form by Wagtail.
    assert html.count('name="grid-besoin-identifie-comment"') == 1
    # Groups in the grid's order, each criterion under its group.
    positions = [html.index(f">{name}</legend>") for name in ("Usage", "Coût", "Données et RGPD")]
    assert positions == sorted(positions)
    assert html.index(">Données et RGPD</legend>") < html.index("Données hébergées en France")
    # The organisation: the actor's own only.
    assert "Organisation A" in html and "Organisation B" not in html


def test_a_training_gets_its_own_criteria(client, grid):
    client.force_login(grid["alice"])

    html = client.get(f"{ADD}?offer={grid['training'].pk}").content.decode()

    assert 'name="grid-objectifs-prerequis-answer"' in html
    assert "grid-hebergement-ue" not in html


def test_a_draft_may_be_partial(client, grid):
    client.force_login(grid["alice"])
    data = {
        "offer": grid["tool"].pk,
        "actor": grid["org_a"].pk,
        "summary": "",
        "grid-hebergement-ue-answer": "partiel",
        "grid-hebergement-ue-comment": "Serveurs en Allemagne.",
        "grid-licence-libre-comment": "À vérifier.",
    }

    response = client.post(ADD, data)

    assert response.status_code == 302
    evaluation = Evaluation.objects.get()
    assert not evaluation.live and evaluation.created_by == grid["alice"]
    assert evaluation.latest_revision is not None
    answers = {a.criterion.slug: a for a in evaluation.answers.all()}
    assert set(answers) == {"hebergement-ue", "licence-libre"}
    assert answers["hebergement-ue"].answer == "partiel"
    assert answers["hebergement-ue"].comment == "Serveurs en Allemagne."
    # A comment kept without an answer yet: nothing typed is lost in a draft.
    assert answers["licence-libre"].answer == ""


def test_submitting_needs_every_criterion_and_keeps_what_was_typed(client, grid):
    client.force_login(grid["alice"])
    data = _data(
        grid["tool"],
        grid["org_a"],
        "action-submit",
        **{
            "grid-hebergement-ue-answer": "",
            "grid-export-donnees-answer": "",
            "grid-hebergement-ue-comment": "Je ne sais pas encore.",
        },
    )

    response = client.post(ADD, data)

    assert response.status_code == 200
    html = response.content.decode()
    missing = '<p class="error-message">Choisissez une réponse pour soumettre l&#x27;évaluation.'
    assert html.count(missing) == 2
    assert "2 critères restent sans réponse" in html
    assert "Je ne sais pas encore." in html
    # The form comes back with every answer given still chosen.
    assert html.count(" checked") == 14
    assert not Evaluation.objects.exists()


def test_submitting_a_complete_evaluation_starts_the_workflow(client, grid):
    client.force_login(grid["alice"])

    response = client.post(
        ADD,
        _data(
            grid["tool"],
            grid["org_a"],
            "action-submit",
            **{"grid-hebergement-ue-source": "https://example.org/hebergement"},
        ),
    )

    assert response.status_code == 302
    evaluation = Evaluation.objects.get()
    assert evaluation.workflow_in_progress and not evaluation.live
    answers = list(evaluation.answers.all())
    assert len(answers) == 16
    hosting = evaluation.answers.get(criterion__slug="hebergement-ue")
    assert hosting.source == "https://example.org/hebergement"
    assert hosting.criterion_name == "Données hébergées en France ou dans l'Union européenne"


def test_the_source_must_be_a_link(client, grid):
    client.force_login(grid["alice"])

    response = client.post(
        ADD,
        _data(grid["tool"], grid["org_a"], **{"grid-hebergement-ue-source": "le site"}),
    )

    assert response.status_code == 200
    assert "Indiquez l&#x27;adresse complète de la source" in response.content.decode()
    assert not Evaluation.objects.exists()


def test_answers_to_criteria_that_do_not_apply_are_ignored(client, grid):
    client.force_login(grid["alice"])
    data = _data(grid["tool"], grid["org_a"], **{"grid-objectifs-prerequis-answer": "non"})

    client.post(ADD, data)

    evaluation = Evaluation.objects.get()
    assert not evaluation.answers.filter(criterion__slug="objectifs-prerequis").exists()
    assert evaluation.answers.count() == 16


def test_an_actor_evaluates_only_for_their_organisations(client, grid):
    client.force_login(grid["alice"])

    response = client.post(ADD, _data(grid["tool"], grid["org_b"]))

    assert response.status_code == 200
    assert "au nom de vos propres organisations" in response.content.decode()
    assert not Evaluation.objects.exists()


def test_coordination_may_evaluate_for_any_organisation(client, grid):
    client.force_login(grid["coordinator"])

    response = client.post(ADD, _data(grid["tool"], grid["org_b"]))

    assert response.status_code == 302
    assert Evaluation.objects.get().actor == grid["org_b"]


def test_an_unpublished_offer_cannot_be_evaluated(client, grid, catalogue):
    draft = ToolPageFactory(parent=catalogue, slug="brouillon", live=False)
    client.force_login(grid["alice"])

    response = client.post(ADD, {**_data(grid["tool"], grid["org_a"]), "offer": draft.pk})

    assert response.status_code == 200
    assert "Seule une offre publiée peut être évaluée." in response.content.decode()
    assert not Evaluation.objects.exists()


def test_one_evaluation_in_progress_per_organisation_and_offer(client, grid):
    colleague = UserFactory(username="albert", group=ACTORS)
    grid["org_a"].users.add(colleague)
    first = evaluation_for(grid["tool"], grid["org_a"], user=colleague)
    client.force_login(grid["alice"])

    # Opening the form again leads to the one in progress…
    response = client.get(f"{ADD}?offer={grid['tool'].pk}")
    assert response.status_code == 302 and response["Location"] == _edit(first)
    # …and a second one posted anyway is refused, saying why.
    response = client.post(ADD, _data(grid["tool"], grid["org_a"]))
    assert response.status_code == 200
    assert "a déjà une évaluation de cette offre en cours" in response.content.decode()
    assert Evaluation.objects.count() == 1


def test_a_create_form_posted_after_its_autosave_continues_the_draft(client, grid):
    # Wagtail's autosave created the draft while the form was open at the create address.
    client.force_login(grid["alice"])
    client.post(ADD, {"offer": grid["tool"].pk, "actor": grid["org_a"].pk, "summary": ""})
    draft = Evaluation.objects.get()

    response = client.post(ADD, _data(grid["tool"], grid["org_a"], "action-submit"))

    assert response.status_code == 302
    assert Evaluation.objects.get() == draft
    assert _fresh_state(draft).workflow_in_progress and draft.answers.count() == 16


def test_a_colleagues_draft_is_never_overwritten_by_a_create_form(client, grid):
    colleague = UserFactory(username="albert", group=ACTORS)
    grid["org_a"].users.add(colleague)
    draft = evaluation_for(grid["tool"], grid["org_a"], user=grid["alice"])
    draft.save_revision(user=colleague)
    client.force_login(grid["alice"])

    response = client.post(ADD, _data(grid["tool"], grid["org_a"], "action-submit"))

    assert response.status_code == 200
    assert not _fresh_state(draft).workflow_in_progress


def _fresh_state(evaluation):
    return Evaluation.objects.get(pk=evaluation.pk)


def test_a_new_evaluation_beside_an_approved_one_is_allowed(client, grid):
    evaluation_for(grid["tool"], grid["org_a"], user=grid["bruno"], approve=True)
    client.force_login(grid["alice"])

    assert client.get(f"{ADD}?offer={grid['tool'].pk}").status_code == 200
    assert client.post(ADD, _data(grid["tool"], grid["org_a"])).status_code == 302
    assert Evaluation.objects.count() == 2


def test_editing_keeps_the_offer_and_organisation(client, grid):
    evaluation = evaluation_for(grid["tool"], grid["org_a"], user=grid["alice"])
    client.force_login(grid["coordinator"])

    data = {**_data(grid["tool"], grid["org_a"], summary="Relu."), "offer": grid["training"].pk}
    data["actor"] = grid["org_b"].pk
    response = client.post(_edit(evaluation), data)

    assert response.status_code == 302
    latest = Evaluation.objects.get(pk=evaluation.pk).get_latest_revision_as_object()
    assert (latest.offer_id, latest.actor_id) == (grid["tool"].pk, grid["org_a"].pk)
    assert latest.summary == "Relu."
    assert len(latest.answers.all()) == 16


def test_a_changed_grid_is_answered_as_it_now_stands(client, grid):
    evaluation = evaluation_for(grid["tool"], grid["org_a"], user=grid["alice"])
    EvaluationCriterion.objects.filter(slug="ecoconception").update(active=False)
    new = EvaluationCriterion.objects.create(
        group=EvaluationCriterion.objects.get(slug="bas-debit").group,
        name="Fonctionne hors ligne",
        slug="hors-ligne",
        applies_to=["outil"],
    )
    client.force_login(grid["alice"])

    html = client.get(_edit(evaluation)).content.decode()
    assert "grid-ecoconception" not in html
    assert 'name="grid-hors-ligne-answer"' in html
    # The retired criterion's answer is named, and will not be carried over.
    assert "Ce critère n'est plus demandé pour cette offre" in html
    assert "Démarche d&#x27;écoconception déclarée (RGESN)" in html

    # The new criterion must be answered to submit…
    data = _data(grid["tool"], grid["org_a"], "action-submit")
    data.pop(f"grid-{new.slug}-answer")
    response = client.post(_edit(evaluation), data)
    assert response.status_code == 200
    assert not Evaluation.objects.get(pk=evaluation.pk).workflow_in_progress

    # …and once it is, the new version answers the grid as it is.
    response = client.post(_edit(evaluation), _data(grid["tool"], grid["org_a"], "action-submit"))
    assert response.status_code == 302
    latest = Evaluation.objects.get(pk=evaluation.pk).get_latest_revision_as_object()
    slugs = {answer.criterion.slug for answer in latest.answers.all()}
    assert "hors-ligne" in slugs and "ecoconception" not in slugs


# The grid, maintained by coordination ---------------------------------------------------


CRITERIA_ADD = reverse("wagtailsnippets_catalogue_evaluationcriterion:add")
CRITERIA_LIST = reverse("wagtailsnippets_catalogue_evaluationcriterion:list")


def _criterion_data(group, **overrides):
    data = {
        "group": group.pk,
        "name": "Interface sobre",
        "slug": "interface-sobre",
        "help_text": "",
        "applies_to": ["ressource", "outil"],
        "active": "on",
        "sort_order": "5",
    }
    data.update(overrides)
    return data


def test_a_criterion_applies_to_kinds_ticked_in_boxes(client, grid):
    group = EvaluationCriterion.objects.get(slug="bas-debit").group
    client.force_login(grid["coordinator"])

    html = client.get(CRITERIA_ADD).content.decode()
    for code in ("outil", "ressource", "formation", "accompagnement"):
        assert f'type="checkbox" name="applies_to" value="{code}"' in html

    response = client.post(CRITERIA_ADD, _criterion_data(group))

    assert response.status_code == 302
    # Stored in the kinds' order, whatever the order ticked.
    assert EvaluationCriterion.objects.get(slug="interface-sobre").applies_to == [
        "outil",
        "ressource",
    ]


def test_an_unknown_kind_is_refused(client, grid):
    group = EvaluationCriterion.objects.get(slug="bas-debit").group
    client.force_login(grid["coordinator"])

    response = client.post(CRITERIA_ADD, _criterion_data(group, applies_to=["materiel"]))

    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert not EvaluationCriterion.objects.filter(slug="interface-sobre").exists()
    criterion = EvaluationCriterion(group=group, name="x", slug="x", applies_to=["materiel"])
    with pytest.raises(Exception, match="materiel"):
        criterion.full_clean()


def test_the_criteria_list_shows_group_kinds_use_and_filters_by_kind(client, grid):
    evaluation_for(grid["tool"], grid["org_a"], approve=True)
    client.force_login(grid["coordinator"])

    html = client.get(CRITERIA_LIST).content.decode()
    assert "Données et RGPD" in html and "Tous les types" in html
    assert "Outil, Accompagnement" in html

    html = client.get(CRITERIA_LIST, {"kind": "formation"}).content.decode()
    assert "Objectifs, prérequis et durée annoncés" in html
    assert "Tarifs publics" in html  # applies to every kind
    assert "Données hébergées" not in html


def test_an_answered_criterion_is_retired_not_deleted(client, grid):
    evaluation_for(grid["tool"], grid["org_a"], approve=True)
    answered = EvaluationCriterion.objects.get(slug="hebergement-ue")
    unused = EvaluationCriterion.objects.get(slug="objectifs-prerequis")
    client.force_login(grid["coordinator"])
    delete = "wagtailsnippets_catalogue_evaluationcriterion:delete"

    response = client.post(reverse(delete, args=[answered.pk]), follow=True)

    assert EvaluationCriterion.objects.filter(pk=answered.pk).exists()
    assert "ne peuvent pas être supprimés" in response.content.decode()
    assert "décochez « en usage »" in response.content.decode().lower()
    # Through the bulk action too.
    bulk = reverse("wagtail_bulk_action", args=("catalogue", "evaluationcriterion", "delete"))
    client.post(f"{bulk}?id={answered.pk}", {})
    assert EvaluationCriterion.objects.filter(pk=answered.pk).exists()

    client.post(reverse(delete, args=[unused.pk]))
    assert not EvaluationCriterion.objects.filter(pk=unused.pk).exists()


def test_renaming_a_criterion_rewrites_no_past_answer(client, grid):
    evaluation = evaluation_for(grid["tool"], grid["org_a"], approve=True)
    criterion = EvaluationCriterion.objects.get(slug="hebergement-ue")
    old = criterion.name
    client.force_login(grid["coordinator"])
    edit = reverse("wagtailsnippets_catalogue_evaluationcriterion:edit", args=[criterion.pk])

    response = client.post(
        edit,
        _criterion_data(
            criterion.group,
            name="Hébergement dans l'Union européenne",
            slug=criterion.slug,
            applies_to=["outil"],
        ),
    )

    assert response.status_code == 302
    assert (
        EvaluationAnswer.objects.get(evaluation=evaluation, criterion=criterion).criterion_name
        == old
    )
    revision = Evaluation.objects.get(pk=evaluation.pk).live_revision.as_object()
    assert {a.criterion_name for a in revision.answers.all() if a.criterion_id == criterion.pk} == {
        old
    }
    # A new version answers the wording as it now reads.
    client.force_login(grid["alice"])
    html = client.get(_edit(evaluation)).content.decode()
    assert "Hébergement dans l&#x27;Union européenne" in html


def test_retiring_keeps_past_answers_and_drops_it_from_new_forms(client, grid):
    evaluation = evaluation_for(grid["tool"], grid["org_a"], approve=True)
    criterion = EvaluationCriterion.objects.get(slug="hebergement-ue")
    client.force_login(grid["coordinator"])
    edit = reverse("wagtailsnippets_catalogue_evaluationcriterion:edit", args=[criterion.pk])

    client.post(
        edit, _criterion_data(criterion.group, slug=criterion.slug, name=criterion.name, active="")
    )

    assert EvaluationCriterion.objects.get(pk=criterion.pk).active is False
    assert evaluation.answers.filter(criterion=criterion).exists()
    html = client.get(f"{ADD}?offer={grid['tool'].pk}").content.decode()
    assert "grid-hebergement-ue" not in html


# The offer's editor ----------------------------------------------------------------------


@pytest.fixture
def own_offer(grid, catalogue):
    return ToolPageFactory(
        parent=catalogue, slug="outil-alice", owner=grid["alice"], provider=grid["org_a"]
    )


def test_the_offer_editor_links_to_evaluating_it(client, grid, own_offer):
    client.force_login(grid["alice"])
    edit_offer = reverse("wagtailadmin_pages:edit", args=[own_offer.pk])

    html = client.get(edit_offer).content.decode()

    assert "Évaluer cette offre" in html
    assert f'href="{ADD}?offer={own_offer.pk}"' in html


def test_an_unpublished_offer_is_evaluated_once_published(client, grid, catalogue):
    draft = ToolPageFactory(parent=catalogue, slug="brouillon", owner=grid["alice"], live=False)
    client.force_login(grid["alice"])

    html = client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk])).content.decode()

    assert "Une fois l&#x27;offre publiée" in html or "Une fois l'offre publiée" in html
    assert f"{ADD}?offer=" not in html


def test_the_offer_editor_links_to_the_organisations_own_evaluation(client, grid, own_offer):
    mine = evaluation_for(own_offer, grid["org_a"], user=grid["alice"])
    evaluation_for(own_offer, grid["org_b"], user=grid["bruno"])
    client.force_login(grid["alice"])

    html = client.get(reverse("wagtailadmin_pages:edit", args=[own_offer.pk])).content.decode()

    assert f'href="{_edit(mine)}"' in html
    assert "Modifier l'évaluation de Organisation A" in html
    assert "Organisation B" not in html


# Qualification dates ---------------------------------------------------------------------


def test_approval_dates_the_offer_without_a_revision(grid):
    offer = grid["tool"]
    revisions = Revision.objects.filter(object_id=str(offer.pk)).count()
    generation = content_version.current()

    evaluation_for(offer, grid["org_a"], approve=True)

    offer = OfferPage.objects.get(pk=offer.pk)
    today = timezone.localdate()
    assert offer.last_qualified_on == today
    assert offer.review_by == _add_months(today, 6)
    assert Revision.objects.filter(object_id=str(offer.pk)).count() == revisions
    assert content_version.current() != generation


def test_review_months_follow_the_setting(grid, settings):
    settings.OFFER_REVIEW_MONTHS = 12
    offer_mark_qualified(offer_id=grid["tool"].pk, on=date(2026, 2, 28))
    assert OfferPage.objects.get(pk=grid["tool"].pk).review_by == date(2027, 2, 28)
    assert _add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)


def test_a_draft_started_before_the_approval_keeps_the_new_dates(client, grid):
    offer = grid["tool"]
    OfferPage.objects.filter(pk=offer.pk).update(
        last_qualified_on=date(2025, 1, 10), review_by=date(2025, 7, 10)
    )
    # An editor starts a draft of the offer: its revision holds the old dates…
    draft = offer.get_latest_revision_as_object()
    draft.summary = "Résumé revu."
    draft.save_revision(user=grid["alice"])
    # …an evaluation is approved meanwhile…
    evaluation_for(offer, grid["org_a"], approve=True)
    today = timezone.localdate()

    # …the editor opens the draft: it shows the new dates…
    client.force_login(grid["coordinator"])
    html = client.get(reverse("wagtailadmin_pages:edit", args=[offer.pk])).content.decode()
    assert today.strftime("%Y-%m-%d") in html or str(today.year) in html
    # …and publishing the draft keeps them.
    OfferPage.objects.get(pk=offer.pk).specific.get_latest_revision().publish(
        user=grid["coordinator"]
    )
    offer = OfferPage.objects.get(pk=offer.pk)
    assert offer.summary == "Résumé revu."
    assert (offer.last_qualified_on, offer.review_by) == (today, _add_months(today, 6))


def test_an_earlier_qualification_never_moves_the_dates_back(grid):
    offer_mark_qualified(offer_id=grid["tool"].pk, on=date(2026, 3, 1))
    offer_mark_qualified(offer_id=grid["tool"].pk, on=date(2026, 1, 1))
    assert OfferPage.objects.get(pk=grid["tool"].pk).last_qualified_on == date(2026, 3, 1)


def test_coordination_moves_the_review_date_and_actors_cannot(client, grid, catalogue):
    offer = ToolPageFactory(
        parent=catalogue,
        slug="outil-a",
        owner=grid["alice"],
        provider=grid["org_a"],
        themes=[ThemeFactory()],
        audiences=[AudienceFactory()],
    )
    evaluation_for(offer, grid["org_b"], approve=True)
    today = timezone.localdate()
    later = today + timedelta(days=400)
    edit = reverse("wagtailadmin_pages:edit", args=[offer.pk])

    def post(user, action=None):
        client.force_login(user)
        data = {
            "title": offer.title,
            "slug": offer.slug,
            "summary": "Résumé.",
            "body-count": "0",
            "provider": grid["org_a"].pk,
            "themes": [t.pk for t in offer.themes.all()],
            "audiences": [a.pk for a in offer.audiences.all()],
            "pricing_model": "gratuit",
            "format": "en_ligne",
            "territory": "national",
            "licence": "libre",
            "hosting_location": "ue",
            "last_qualified_on": "2020-01-01",
            "review_by": later.isoformat(),
        }
        if action:
            data[action] = action
        return client.post(edit, data)

    post(grid["alice"])
    draft = OfferPage.objects.get(pk=offer.pk).get_latest_revision_as_object()
    assert draft.review_by == _add_months(today, 6)
    assert draft.last_qualified_on == today

    post(grid["coordinator"], "action-publish")
    offer = OfferPage.objects.get(pk=offer.pk)
    assert offer.review_by == later
    assert offer.last_qualified_on == today
