"""The scorecard on offer pages and in the catalogue listing: what it shows, the « non
évaluée » state, the filters on key criteria and the order by score; nothing
unapproved ever shows."""

from datetime import UTC, datetime

import pytest

from django.utils import timezone

from catalogue.models import Evaluation
from catalogue.services import scorecard_refresh
from tests.factories.catalogue import ActorFactory, ResourcePageFactory, ToolPageFactory
from tests.factories.evaluations import (
    DRAFT,
    MODERATION,
    WITHDRAWN,
    EvaluationCriterionFactory,
    EvaluationFactory,
    run_on_commit,
    supersede,
)

pytestmark = pytest.mark.django_db

# A word planted in each kind of evaluation that must never show.
HIDDEN = {
    DRAFT: "zorglubbrouillon",
    MODERATION: "zorglubmoderation",
    WITHDRAWN: "zorglubretiree",
    "superseded": "zorglubremplacee",
}


@pytest.fixture
def grid():
    usage = {"group__slug": "usage", "group__name": "Usage", "group__sort_order": 0}
    donnees = {"group__slug": "donnees", "group__name": "Données et RGPD", "group__sort_order": 1}
    return {
        "documentation-fr": EvaluationCriterionFactory(
            slug="documentation-fr", name="Documentation et interface en français", **usage
        ),
        "support": EvaluationCriterionFactory(
            slug="support", name="Support ou communauté d'entraide", **usage
        ),
        "hebergement-ue": EvaluationCriterionFactory(
            slug="hebergement-ue",
            name="Données hébergées dans l'Union européenne",
            applies_to=["outil"],
            **donnees,
        ),
        "licence-libre": EvaluationCriterionFactory(
            slug="licence-libre", name="Logiciel ou contenu sous licence libre", **donnees
        ),
        "sans-publicite": EvaluationCriterionFactory(slug="sans-publicite", **donnees),
    }


@pytest.fixture
def tool(catalogue):
    return ToolPageFactory(parent=catalogue, slug="outil", title="Outil évalué")


def _html(client, url, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_an_evaluated_offer_shows_its_scorecard(client, tool, grid):
    EvaluationFactory(
        offer=tool,
        actor=ActorFactory(name="Les Petits Débrouillards"),
        summary="Un outil simple à prendre en main.",
        approved_at=datetime(2026, 3, 12, 10, tzinfo=UTC),
        answers={
            grid["documentation-fr"]: "oui",
            grid["support"]: ("partiel", "Un forum, peu actif.", "https://forum.example.org/"),
            grid["hebergement-ue"]: "oui",
        },
    )
    EvaluationFactory(
        offer=tool,
        actor=ActorFactory(name="Ligue de l'enseignement"),
        approved_at=datetime(2026, 4, 2, 10, tzinfo=UTC),
        answers={
            grid["documentation-fr"]: "oui",
            grid["support"]: "non",
            grid["hebergement-ue"]: "na",
        },
    )

    html = _html(client, "/catalogue/outil/")

    assert "Évaluation par les acteurs du programme" in html
    assert "par 2 structures du programme" in html
    assert "dernière évaluation approuvée le 2 avril 2026" in html
    # Usage: oui, oui, partiel, non → 3 of 4; Données: oui (+ one not applicable).
    assert "<strong>75\u00a0% de oui ou partiel</strong>" in html
    assert "<strong>100\u00a0% de oui ou partiel</strong>" in html
    assert "1 non applicable" in html
    # Overall: 4 of 5 scored answers.
    assert "<strong>80\u00a0%</strong> des réponses" in html
    # Each answer's comment and source behind its criterion, on demand.
    details = html[html.index("Support ou communauté") :]
    details = details[: details.index("</details>")]
    assert "Un forum, peu actif." in details
    assert 'href="https://forum.example.org/"' in details
    assert "Les Petits Débrouillards" in details
    # The organisations, their dates and summaries.
    assert "évaluation approuvée le 12 mars 2026" in html
    assert "Un outil simple à prendre en main." in html
    assert "Non évaluée" not in html


def test_shares_are_written_out_not_only_drawn(client, tool, grid):
    EvaluationFactory(offer=tool, answers={grid["support"]: "partiel"})

    html = _html(client, "/catalogue/outil/")

    bar = html.index('class="scorebar"')
    assert 'aria-hidden="true"' in html[bar - 30 : bar + 60]
    assert "0 oui, 1 partiel, 0 non, sur 1 réponse notée" in html


def test_an_offer_without_approved_evaluation_is_not_evaluated(client, tool, grid):
    EvaluationFactory(offer=tool, state=DRAFT, answers={grid["support"]: "oui"})

    html = _html(client, "/catalogue/outil/")

    assert "Non évaluée" in html
    assert "Aucune structure du programme n'a encore évalué cette offre" in html
    assert f"?offer={tool.pk}" in html
    assert "Évaluer cette offre" in html


def test_the_invitation_links_to_the_admin_for_everyone_alike(client, tool, admin_user):
    anonymous = _html(client, "/catalogue/outil/")
    client.force_login(admin_user)
    editor = _html(client, "/catalogue/outil/")

    link = f"?offer={tool.pk}"
    assert link in anonymous
    assert anonymous[anonymous.index("Évaluer cette offre") - 300 :].count(link) >= 1
    assert editor.count(link) == anonymous.count(link)


def _hide_everything(tool, grid):
    """One approved evaluation, then one of each kind that must not show."""
    word = HIDDEN
    criterion = grid["support"]
    EvaluationFactory(offer=tool, answers={criterion: "oui"})
    for state in (DRAFT, MODERATION, WITHDRAWN):
        EvaluationFactory(
            offer=tool,
            state=state,
            summary=f"Synthèse {word[state]}.",
            answers={criterion: ("non", f"Commentaire {word[state]}.", "")},
        )
    old = EvaluationFactory(
        offer=tool,
        summary=f"Synthèse {word['superseded']}.",
        answers={criterion: ("non", f"Commentaire {word['superseded']}.", "")},
        approved_at=datetime(2025, 1, 1, tzinfo=UTC),
    )
    new = EvaluationFactory(offer=tool, actor=old.actor, answers={criterion: "oui"})
    supersede(old, new)
    scorecard_refresh(offer_ids=[tool.pk])


def test_unapproved_evaluations_never_show_on_the_page(client, tool, grid):
    _hide_everything(tool, grid)

    html = _html(client, "/catalogue/outil/")

    assert "par 2 structures" in html
    assert "2 oui" in html
    assert "non</span>" not in html
    shown = [word for word in HIDDEN.values() if word in html]
    assert not shown


def test_the_cached_page_follows_a_recomputation(client, tool, grid):
    evaluation = EvaluationFactory(offer=tool, state=DRAFT, answers={grid["support"]: "oui"})
    assert "Non évaluée" in _html(client, "/catalogue/outil/")
    assert client.get("/catalogue/outil/")["X-Page-Cache"] == "hit"

    # Approved behind the signals' back: only the recomputation moves the generation.
    Evaluation.objects.filter(pk=evaluation.pk).update(live=True, last_published_at=timezone.now())
    run_on_commit(scorecard_refresh, offer_ids=[tool.pk])

    response = client.get("/catalogue/outil/")
    assert response["X-Page-Cache"] == "miss"
    assert "Non évaluée" not in response.content.decode()


# The catalogue listing


@pytest.fixture
def listing(catalogue, grid):
    """Three tools and a resource: `libre` mostly yes to free software, `mitige` a tie,
    `proprio` mostly no; the resource is not evaluated."""
    offers = {
        slug: ToolPageFactory(parent=catalogue, slug=slug, title=title)
        for slug, title in (("libre", "Libre"), ("mitige", "Mitigé"), ("proprio", "Proprio"))
    }
    offers["guide"] = ResourcePageFactory(parent=catalogue, slug="guide", title="Guide")
    licence, hosting = grid["licence-libre"], grid["hebergement-ue"]
    answers = {
        "libre": [{licence: "oui", hosting: "oui"}, {licence: "oui", hosting: "oui"}],
        "mitige": [{licence: "oui", hosting: "oui"}, {licence: "non", hosting: "non"}],
        "proprio": [{licence: "non", hosting: "oui"}, {licence: "non", hosting: "oui"}],
    }
    for slug, evaluations in answers.items():
        for evaluation in evaluations:
            EvaluationFactory(offer=offers[slug], answers=evaluation)
    return offers


def _slugs(client, **params) -> list[str]:
    response = client.get("/catalogue/", params)
    assert response.status_code == 200
    assert not response.context["form"].errors
    return [offer.slug for offer in response.context["offers"]]


def test_key_criteria_are_checkboxes_meaning_mostly_yes(client, listing):
    html = _html(client, "/catalogue/")

    assert "D&#x27;après les évaluations" in html
    for label in ("Logiciel ou contenu libre", "Données hébergées dans l&#x27;UE"):
        assert label in html
    assert 'name="criteria" value="licence-libre"' in html
    assert sorted(_slugs(client, criteria="licence-libre")) == ["libre"]
    assert sorted(_slugs(client, criteria="hebergement-ue")) == ["libre", "proprio"]
    # Several criteria: every one must hold.
    assert _slugs(client, criteria=["licence-libre", "hebergement-ue"]) == ["libre"]
    assert _slugs(client, criteria="licence-libre:non") == ["proprio"]


def test_the_order_by_score_puts_offers_not_evaluated_last(client, listing):
    # libre: 8 of 8 points; mitigé and proprio: 4 of 8 (two evaluations each, then by
    # title); the guide is not evaluated.
    assert _slugs(client, order="score") == ["libre", "mitige", "proprio", "guide"]


def test_cards_say_how_an_offer_was_evaluated(client, listing):
    html = _html(client, "/catalogue/", order="score")

    assert "Évaluée : 100\u00a0% de oui ou partiel, par 2 structures" in html
    assert html.count('class="card__score"') == 3


def test_the_listing_reads_scorecards_in_one_query(client, listing, django_assert_max_num_queries):
    client.get("/catalogue/")  # warm the per-generation reads
    with django_assert_max_num_queries(10):
        response = client.get("/catalogue/", {"order": "score", "page": 1})
    assert len(response.context["offers"]) == 4


@pytest.mark.parametrize(
    "value",
    ["nope", "licence-libre:peut-etre", "licence-libre\x00", "", ":oui"],
)
def test_bad_criteria_are_form_errors(client, listing, value):
    response = client.get("/catalogue/", {"criteria": value})

    assert response.status_code == 200
    if value == "":
        assert not response.context["form"].errors
        return
    assert "criteria" in response.context["form"].errors
    html = response.content.decode()
    assert "Certains filtres ne sont pas valides" in html


def test_a_retired_criterion_cannot_be_filtered_on(client, listing, grid):
    grid["licence-libre"].active = False
    run_on_commit(grid["licence-libre"].save)

    response = client.get("/catalogue/", {"criteria": "licence-libre"})

    assert "Critère inconnu ou retiré de la grille : licence-libre." in (response.content.decode())


def test_too_many_criteria_are_refused(client, listing):
    response = client.get("/catalogue/", {"criteria": ["licence-libre"] * 31})

    assert response.context["form"].errors["criteria"] == ["30 critères au plus."]


def test_an_applied_criterion_can_be_removed(client, listing):
    html = _html(client, "/catalogue/", criteria="licence-libre")

    assert "D&#x27;après les évaluations : Logiciel ou contenu libre" in html


def test_collection_cards_say_how_an_offer_was_evaluated(client, catalogue, tool, grid):
    from tests.factories.catalogue import CollectionItemFactory, ThematicCollectionPageFactory

    EvaluationFactory(offer=tool, answers={grid["support"]: "oui"})
    collection = ThematicCollectionPageFactory(parent=catalogue, slug="selection")
    CollectionItemFactory(collection=collection, offer=tool)
    collection.save_revision().publish()

    html = _html(client, "/catalogue/selection/")

    assert "Évaluée : 100\u00a0% de oui ou partiel, par 1 structure" in html
