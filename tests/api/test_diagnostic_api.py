"""The diagnostic through the API: the questionnaire (`diagnostic`), a run
(`runDiagnostic`) and a stored result (`diagnosticResult`)."""

import json
from dataclasses import replace

import pytest
from graphql import GraphQLObjectType, get_named_type

from django.utils import translation

from wagtail.models import PageViewRestriction

from cms.api.schema import schema
from diagnostic.choices import UnscoredAnswer
from diagnostic.models import DiagnosticResult
from diagnostic.recommendations import ModuleMatch
from diagnostic.schema import resolvers
from partners import ratelimit
from tests.factories.catalogue import ActorFactory, ToolPageFactory
from tests.factories.diagnostic import (
    DiagnosticPageFactory,
    DiagnosticResultFactory,
    weakest_answers,
)
from tests.factories.training import (
    TrainingIndexPageFactory,
    TrainingModulePageFactory,
    TrainingSessionFactory,
)
from tests.graphql_client import graphql_data, graphql_errors, post_graphql

pytestmark = pytest.mark.django_db

DIAGNOSTIC = """
query($slug: String!) {
  diagnostic(slug: $slug) {
    title intro measuresShown
    axes {
      slug name description
      questions { slug text helpText weight options { value label score } }
    }
    unscoredAnswers { value label score }
  }
}
"""

RESULT_FIELDS = """
  id createdAt score level levelLabel
  axes { slug name score level levelLabel }
  recommendations {
    measure { title slug why how priority themes { slug } }
    axis { slug name score level }
    reasons { axis question answer }
    offers { slug title }
    actors { name }
    modules { module { slug } sessions { commune } }
  }
"""

RUN = f"""
mutation($slug: String!, $answers: [DiagnosticAnswerInput!]!, $department: String) {{
  runDiagnostic(slug: $slug, answers: $answers, department: $department) {{ {RESULT_FIELDS} }}
}}
"""

RESULT = f"""
query($id: ID!) {{ diagnosticResult(id: $id) {{ {RESULT_FIELDS} }} }}
"""


@pytest.fixture
def diagnostic(home_page):
    return DiagnosticPageFactory(parent=home_page, slug="diagnostic")


def _answers(values: dict) -> list[dict]:
    return [{"question": question, "answer": answer} for question, answer in values.items()]


def _run(client, answers: list[dict], slug="diagnostic", **variables):
    return post_graphql(client, RUN, {"slug": slug, "answers": answers, **variables})


def _run_errors(client, answers, **variables) -> list[dict]:
    response = _run(client, answers, **variables)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["data"] == {"runDiagnostic": None}
    return body["errors"]


# The questionnaire


def test_the_questionnaire_is_read_by_slug(client, diagnostic):
    data = graphql_data(client, DIAGNOSTIC, {"slug": "diagnostic"})["diagnostic"]

    assert data["title"] == "Diagnostic des besoins numériques"
    assert data["intro"] == "Faites le point en quelques minutes."
    assert data["measuresShown"] == 6
    assert [axis["slug"] for axis in data["axes"]] == ["outils", "donnees"]
    outils = data["axes"][0]
    assert (outils["name"], outils["description"]) == ("Outils", "Les outils du quotidien.")
    assert outils["questions"][0] == {
        "slug": "outils-messagerie",
        "text": "Quelle messagerie utilisez-vous ?",
        "helpText": "Celle des échanges de l'association.",
        "weight": 2,
        "options": [
            {"value": "aucune", "label": "Aucune", "score": 0},
            {"value": "partagee", "label": "Une adresse partagée", "score": 2},
            {"value": "pro", "label": "Une messagerie par personne", "score": 3},
        ],
    }
    # The two unscored answers are listed once, never among a question's own options.
    with translation.override("fr"):
        unscored = [
            {"value": answer.value, "label": str(answer.label), "score": None}
            for answer in UnscoredAnswer
        ]
    assert data["unscoredAnswers"] == unscored
    assert [u["value"] for u in unscored] == ["ne-sait-pas", "non-applicable"]
    values = {o["value"] for a in data["axes"] for q in a["questions"] for o in q["options"]}
    assert not values & {"ne-sait-pas", "non-applicable"}


def test_an_unknown_slug_is_not_found(client, diagnostic):
    response = post_graphql(client, DIAGNOSTIC, {"slug": "inconnu"})

    body = response.json()
    assert body["data"] == {"diagnostic": None}
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"


def _draft(home_page):
    return DiagnosticPageFactory(parent=home_page, slug="brouillon", live=False)


def _unpublished(home_page):
    page = DiagnosticPageFactory(parent=home_page, slug="retire")
    page.unpublish()
    return page


def _restricted(home_page):
    page = DiagnosticPageFactory(parent=home_page, slug="reserve")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    return page


@pytest.mark.parametrize("make", [_draft, _unpublished, _restricted])
def test_a_hidden_questionnaire_can_neither_be_read_nor_run(client, home_page, make):
    page = make(home_page)
    answers = _answers(weakest_answers(page))

    errors = graphql_errors(client, DIAGNOSTIC, {"slug": page.slug})
    assert errors[0]["extensions"]["code"] == "NOT_FOUND"
    errors = _run_errors(client, answers, slug=page.slug)
    assert [error["extensions"]["code"] for error in errors] == ["NOT_FOUND"]
    assert not DiagnosticResult.objects.exists()


def test_a_questionnaire_among_the_home_pages_children_reads_as_its_type(client, diagnostic):
    query = '{ diagnostic(slug: "diagnostic") { parent { children { pageType slug } } } }'

    children = graphql_data(client, query)["diagnostic"]["parent"]["children"]

    assert {"pageType": "DiagnosticPage", "slug": "diagnostic"} in children


# A run


def test_a_run_is_scored_stored_and_read_back(client, diagnostic):
    answers = {
        "outils-messagerie": "aucune",
        "outils-sauvegarde": "ne-sait-pas",
        "donnees-registre": "partiel",
    }

    response = _run(client, _answers(answers), department="2a")

    body = response.json()
    assert "errors" not in body, body
    run = body["data"]["runDiagnostic"]
    stored = DiagnosticResult.objects.get()
    assert run["id"] == str(stored.pk)
    assert stored.answers == answers and stored.department == "2A"
    assert stored.page_id == diagnostic.pk
    # outils: 2×0 of 2×3 → 0 %; donnees: 3×1 of 3×3 → 33.3 %; overall 3 of 15 → 20 %.
    assert run["score"] == 20.0 and run["level"] == "PEU_INITIEE"
    assert run["levelLabel"] == str(stored.get_level_display())
    assert [(a["slug"], a["score"], a["level"]) for a in run["axes"]] == [
        ("outils", 0.0, "PEU_INITIEE"),
        ("donnees", 33.3, "PEU_INITIEE"),
    ]
    # The urgent measure first, then the high one; sauvegarder was not called for.
    recommendations = run["recommendations"]
    assert [r["measure"]["slug"] for r in recommendations] == [
        "equiper-messagerie",
        "registre-rgpd",
    ]
    first = recommendations[0]
    assert first["measure"]["themes"] == [{"slug": "outils-collaboratifs"}]
    assert first["measure"]["priority"] == 1
    assert first["axis"]["slug"] == "outils"
    assert first["reasons"] == [
        {"axis": "Outils", "question": "Quelle messagerie utilisez-vous ?", "answer": "Aucune"}
    ]
    # The same result, read back by its identifier.
    again = graphql_data(client, RESULT, {"id": run["id"]})["diagnosticResult"]
    assert again == run


def test_each_problem_is_its_own_error_naming_its_question(client, diagnostic):
    answers = [
        {"question": "outils-messagerie", "answer": "peut-etre"},
        {"question": "inconnue", "answer": "oui"},
        {"question": "donnees-registre", "answer": "oui"},
    ]

    errors = _run_errors(client, answers)

    by_question = {error["extensions"]["question"]: error for error in errors}
    assert set(by_question) == {"outils-messagerie", "inconnue", "outils-sauvegarde"}
    for question, error in by_question.items():
        assert error["extensions"] == {
            "code": "BAD_USER_INPUT",
            "field": "answers",
            "question": question,
        }
        assert question in error["message"]
        assert error["path"] == ["runDiagnostic"]
    assert "peut-etre" in by_question["outils-messagerie"]["message"]
    assert not DiagnosticResult.objects.exists()


def test_a_question_answered_twice_is_refused(client, diagnostic):
    answers = _answers(weakest_answers(diagnostic))
    answers += [
        {"question": "outils-sauvegarde", "answer": "oui"},
        {"question": "outils-sauvegarde", "answer": "non"},
        {"question": "donnees-registre", "answer": "non"},
    ]

    errors = _run_errors(client, answers)

    assert [error["extensions"]["question"] for error in errors] == [
        "outils-sauvegarde",
        "donnees-registre",
    ]
    assert {error["extensions"]["code"] for error in errors} == {"BAD_USER_INPUT"}
    assert all(error["extensions"]["question"] in error["message"] for error in errors)
    assert not DiagnosticResult.objects.exists()


@pytest.mark.parametrize("department", ["3A", "Indre-et-Loire", "7", "2C", "37 000"])
def test_a_bad_department_is_refused(client, diagnostic, department):
    errors = _run_errors(client, _answers(weakest_answers(diagnostic)), department=department)

    assert [error["extensions"] for error in errors] == [
        {"code": "BAD_USER_INPUT", "field": "department"}
    ]
    assert not DiagnosticResult.objects.exists()


def test_an_unknown_questionnaire_cannot_be_run(client, diagnostic):
    errors = _run_errors(client, _answers(weakest_answers(diagnostic)), slug="inconnu")

    assert errors[0]["extensions"] == {"code": "NOT_FOUND", "field": "slug"}


# Caching, limits


def test_a_run_is_never_cached_and_never_sent_with_get(client, diagnostic):
    answers = _answers(weakest_answers(diagnostic))

    first, second = _run(client, answers), _run(client, answers)

    for response in (first, second):
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
        assert "public" not in response["Cache-Control"]
    ids = {response.json()["data"]["runDiagnostic"]["id"] for response in (first, second)}
    assert len(ids) == 2 and DiagnosticResult.objects.count() == 2
    params = {"query": RUN, "variables": json.dumps({"slug": "diagnostic", "answers": answers})}
    response = client.get("/graphql/", params)
    assert response.status_code == 405
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert DiagnosticResult.objects.count() == 2


def test_a_result_read_with_get_is_kept_by_no_shared_cache(client, diagnostic):
    result = DiagnosticResultFactory(page=diagnostic)
    params = {"query": RESULT, "variables": json.dumps({"id": str(result.pk)})}

    response = client.get("/graphql/", params)

    assert response.status_code == 200
    assert response.json()["data"]["diagnosticResult"]["id"] == str(result.pk)
    assert "no-store" in response["Cache-Control"] and "public" not in response["Cache-Control"]
    assert not response.has_header("ETag")
    # Deleted (the retention purge, say): the same GET no longer finds it.
    result.delete()
    again = client.get("/graphql/", params).json()
    assert again["data"] == {"diagnosticResult": None}


def test_a_run_is_rate_limited_like_every_query(client, diagnostic, settings, monkeypatch):
    monkeypatch.setattr(ratelimit, "clock", lambda: 1_800_000_010.0)
    settings.API_RATE_LIMIT_ANONYMOUS = 1
    answers = _answers(weakest_answers(diagnostic))

    assert _run(client, answers).status_code == 200
    response = _run(client, answers)

    assert response.status_code == 429
    assert DiagnosticResult.objects.count() == 1


def test_a_run_is_bounded_like_every_query(client, diagnostic, settings):
    settings.GRAPHQL_MAX_DEPTH = 3

    errors = _run_errors_any(client, _answers(weakest_answers(diagnostic)))

    assert errors[0]["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert not DiagnosticResult.objects.exists()


def _run_errors_any(client, answers):
    response = _run(client, answers)
    assert response.status_code in (200, 400), response.content
    return response.json()["errors"]


# A stored result


@pytest.mark.parametrize(
    "result_id", ["pas-un-uuid", "1", "6f1c0d2e-4b7a-4c3e-9a51-2d8e7f6a9b10", "' OR 1=1 --"]
)
def test_an_unknown_or_malformed_result_id_is_not_found(client, diagnostic, result_id):
    DiagnosticResultFactory(page=diagnostic)

    response = post_graphql(client, RESULT, {"id": result_id})

    body = response.json()
    assert body["data"] == {"diagnosticResult": None}
    assert [error["extensions"]["code"] for error in body["errors"]] == ["NOT_FOUND"]


@pytest.fixture
def matches(home_page, monkeypatch):
    """Catalogue and training matches put on every recommendation, as
    `recommendations.catalogue_matches` fills them."""
    from tests.factories.catalogue import CatalogueIndexPageFactory

    catalogue = CatalogueIndexPageFactory(parent=home_page)
    training = TrainingIndexPageFactory(parent=home_page)
    offers = [ToolPageFactory(parent=catalogue, slug=f"outil-{n}") for n in range(3)]
    actors = [ActorFactory() for _ in range(3)]
    modules = [TrainingModulePageFactory(parent=training) for _ in range(3)]
    matched = [
        ModuleMatch(module, [TrainingSessionFactory(module=module, commune="Tours")])
        for module in modules
    ]
    real = resolvers.result_recommendations

    def with_matches(result, outcome):
        return [
            replace(r, offers=list(offers), actors=list(actors), modules=list(matched))
            for r in real(result, outcome)
        ]

    monkeypatch.setattr(resolvers, "result_recommendations", with_matches)
    return {"offers": offers, "actors": actors, "modules": modules}


def test_recommendations_carry_offers_actors_and_modules(client, diagnostic, matches):
    result = DiagnosticResultFactory(page=diagnostic)

    data = graphql_data(client, RESULT, {"id": str(result.pk)})["diagnosticResult"]

    assert len(data["recommendations"]) == 3
    for recommendation in data["recommendations"]:
        assert [o["slug"] for o in recommendation["offers"]] == ["outil-0", "outil-1", "outil-2"]
        assert [a["name"] for a in recommendation["actors"]] == [a.name for a in matches["actors"]]
        assert [m["module"]["slug"] for m in recommendation["modules"]] == [
            m.slug for m in matches["modules"]
        ]
        assert [m["sessions"] for m in recommendation["modules"]] == [[{"commune": "Tours"}]] * 3


DEEP_RESULT = f"""
query($id: ID!) {{
  diagnosticResult(id: $id) {{
    {RESULT_FIELDS}
    recommendations {{
      offers {{ provider {{ name }} themes {{ slug }} }}
      modules {{ module {{ themes {{ slug }} authors {{ name }} }} sessions {{ trainer {{ name }} }} }}
    }}
  }}
}}
"""


def test_a_result_with_recommendations_reads_in_bounded_queries(
    client, diagnostic, matches, django_assert_max_num_queries
):
    result = DiagnosticResultFactory(page=diagnostic)

    # The result with its page, the measures, their themes (read by the matching, which
    # finds nothing for these measures, then by the field), then one query per relation
    # of the offers and modules (provider, themes, sessions, trainers…), batched over
    # every recommendation: three recommendations of three items each cost no more.
    with django_assert_max_num_queries(10):
        data = graphql_data(client, DEEP_RESULT, {"id": str(result.pk)})

    recommendations = data["diagnosticResult"]["recommendations"]
    assert len(recommendations) == 3
    assert all(len(r["offers"]) == 3 and len(r["modules"]) == 3 for r in recommendations)


# No identity


IDENTITY = {"advisor", "advisors", "association", "associations", "user", "users", "owner"}


def test_no_field_reaches_advisors_or_users():
    graphql_schema = schema.graphql_schema
    assert not {name for name in graphql_schema.type_map if "advis" in name.lower()}
    assert not {name for name in graphql_schema.type_map if "user" in name.lower()}
    # Everything reachable from the diagnostic's fields.
    roots = [
        graphql_schema.query_type.fields["diagnostic"],
        graphql_schema.query_type.fields["diagnosticResult"],
        graphql_schema.mutation_type.fields["runDiagnostic"],
    ]
    seen, todo = set(), [get_named_type(root.type) for root in roots]
    while todo:
        graphql_type = todo.pop()
        if graphql_type.name in seen or not isinstance(graphql_type, GraphQLObjectType):
            continue
        seen.add(graphql_type.name)
        assert not IDENTITY & set(graphql_type.fields), graphql_type.name
        todo.extend(get_named_type(field.type) for field in graphql_type.fields.values())
    assert {"DiagnosticResult", "Recommendation", "Measure"} <= seen
    assert "department" not in graphql_schema.type_map["DiagnosticResult"].fields
