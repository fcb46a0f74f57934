"""The diagnostic as visitors run it: the page, its steps (one axis each, plain forms kept in
the session) and the result page (diagnostic/views.py)."""

import re
from datetime import timedelta
from types import SimpleNamespace

import pytest

from django.test import Client
from django.utils import timezone
from django.utils.translation import gettext as _t

from catalogue.services import taxonomy_load_seed
from diagnostic import views
from diagnostic.models import DiagnosticResult
from diagnostic.services import diagnostic_load_seed, result_create

pytestmark = pytest.mark.django_db

DONT_KNOW, NOT_APPLICABLE = "ne-sait-pas", "non-applicable"
# The new strings are read through gettext: French once the catalogue has them.


@pytest.fixture
def diagnostic(home_page):
    taxonomy_load_seed()
    page, _created = diagnostic_load_seed(parent=home_page)
    return page


def _axes(page):
    return page.questionnaire().axes


def _step_data(axis, pick=lambda question: question.options[-1].value, **extra):
    return {"q-" + question.slug: pick(question) for question in axis.questions} | extra


def _step(page, number):
    return f"{page.url}etape/{number}/"


def _html(response):
    return response.content.decode()


def _checked(html):
    """The (name, value) of every checked radio button of a page."""
    return set(re.findall(r'name="([^"]+)" id="[^"]+" value="([^"]+)" checked', html))


def _run(client, page, pick=lambda question: question.options[-1].value, department=""):
    axes = _axes(page)
    for number, axis in enumerate(axes, start=1):
        data = _step_data(axis, pick)
        if number == len(axes):
            data["department"] = department
        response = client.post(_step(page, number), data)
        assert response.status_code == 302, _html(response)
    return response


def test_the_page_presents_the_diagnostic_and_links_to_its_first_step(client, diagnostic):
    html = _html(client.get(diagnostic.url))

    assert f'href="{_step(diagnostic, 1)}"' in html
    assert _t("Start the diagnostic") in html
    assert "Projet et stratégie numérique" in html and "<li><strong>" in html
    assert _t("Your answers and your privacy") in html
    assert "csrfmiddlewaretoken" not in html  # a plain link: the page stays cacheable


def test_a_step_is_a_plain_accessible_form(client, diagnostic):
    response = client.get(_step(diagnostic, 3))
    html = _html(response)
    axis = _axes(diagnostic)[2]

    assert response.status_code == 200
    assert _t("Step %(step)s of %(steps)s") % {"step": 3, "steps": 8} in html
    assert '<progress max="8" value="3"' in html
    assert f"<h1>{axis.name}</h1>" in html
    assert html.count("<fieldset") == len(axis.questions)
    question = axis.questions[0]
    assert f'<legend class="question__text">{question.text.replace(chr(39), "&#x27;")}' in html
    for value in [option.value for option in question.options] + [DONT_KNOW, NOT_APPLICABLE]:
        assert f'name="q-{question.slug}" id="id_q-{question.slug}_' in html
        assert f'value="{value}"' in html
    assert "Je ne sais pas" in html and "Non applicable" in html
    assert _t("Next step") in html and _t("Previous step") in html
    assert "<script" not in html
    assert "no-store" in response["Cache-Control"]


def test_help_text_is_linked_to_its_question(client, diagnostic):
    axis = _axes(diagnostic)[0]
    question = next(q for _a, q in diagnostic.questionnaire().questions() if q.help_text)
    number = next(n for n, a in enumerate(_axes(diagnostic), start=1) if question in a.questions)

    html = _html(client.get(_step(diagnostic, number)))

    help_id = f"id_q-{question.slug}_helptext"
    assert f'aria-describedby="{help_id}"' in html
    assert f'id="{help_id}"' in html
    assert axis  # the seed has help texts


def test_the_whole_run_stores_a_result_and_shows_it(client, diagnostic):
    response = _run(client, diagnostic, department="2a")

    result = DiagnosticResult.objects.get()
    assert response["Location"] == f"{diagnostic.url}resultat/{result.pk}/"
    assert result.department == "2A" and result.level == "experimentee"
    assert f"diagnostic:{diagnostic.pk}" not in client.session  # answers forgotten

    page = client.get(response["Location"])
    html = _html(page)
    assert page.status_code == 200
    assert "Expérimentée" in html and "100 %" in html
    assert "<svg" in html and 'role="img"' in html
    for axis in _axes(diagnostic):
        assert axis.name.replace("'", "&#x27;") in html
    assert f"http://testserver{diagnostic.url}resultat/{result.pk}/" in html
    assert _t("Print or save the action plan") in html


def test_each_step_leads_to_the_next(client, diagnostic):
    axes = _axes(diagnostic)

    response = client.post(_step(diagnostic, 1), _step_data(axes[0]))

    assert response.status_code == 302 and response["Location"] == _step(diagnostic, 2)


def test_going_back_keeps_the_answers_of_both_steps(client, diagnostic):
    first, second = _axes(diagnostic)[:2]
    client.post(_step(diagnostic, 1), _step_data(first, lambda q: q.options[1].value))
    partial = {"q-" + second.questions[0].slug: DONT_KNOW, "previous": "1"}

    response = client.post(_step(diagnostic, 2), partial)

    assert response.status_code == 302 and response["Location"] == _step(diagnostic, 1)
    back = _checked(_html(client.get(_step(diagnostic, 1))))
    assert back == {("q-" + q.slug, q.options[1].value) for q in first.questions}
    forward = _checked(_html(client.get(_step(diagnostic, 2))))
    assert forward == {("q-" + second.questions[0].slug, DONT_KNOW)}


def test_previous_on_the_first_step_goes_back_to_the_presentation(client, diagnostic):
    response = client.post(_step(diagnostic, 1), {"previous": "1"})

    assert response.status_code == 302 and response["Location"] == diagnostic.url


def test_an_unanswered_question_is_named_and_nothing_is_lost(client, diagnostic):
    axis = _axes(diagnostic)[0]
    data = _step_data(axis)
    missing = axis.questions[1]
    del data["q-" + missing.slug]

    response = client.post(_step(diagnostic, 1), data)
    html = _html(response)

    assert response.status_code == 200
    assert "Erreur :" in html.split("</title>")[0]
    assert 'class="error-summary" role="alert"' in html
    assert f'href="#id_q-{missing.slug}_0"' in html
    assert _t("Choose an answer to this question.") in html
    assert f'aria-describedby="id_q-{missing.slug}_error"' in html
    assert html.count('aria-invalid="true"') == len(missing.options) + 2
    answered = {("q-" + q.slug, q.options[-1].value) for q in axis.questions if q != missing}
    assert _checked(html) == answered
    assert DiagnosticResult.objects.count() == 0


def test_i_dont_know_and_not_applicable_are_accepted_and_not_scored(client, diagnostic):
    answers = iter([DONT_KNOW, NOT_APPLICABLE] * 20)

    response = _run(client, diagnostic, pick=lambda question: next(answers))

    result = DiagnosticResult.objects.get()
    assert set(result.answers.values()) == {DONT_KNOW, NOT_APPLICABLE}
    assert result.score is None
    html = _html(client.get(response["Location"]))
    assert "non évalué" in html


def test_control_characters_are_form_errors(client, diagnostic):
    axes = _axes(diagnostic)
    question = axes[0].questions[0]
    data = _step_data(axes[0]) | {"q-" + question.slug: question.options[0].value + "\x00"}

    html = _html(client.post(_step(diagnostic, 1), data))

    assert _t("Remove the invisible control characters (such as NUL) from this answer.") in html
    for number, axis in enumerate(axes[:-1], start=1):
        client.post(_step(diagnostic, number), _step_data(axis))
    last = _step_data(axes[-1], department="3\x007")
    response = client.post(_step(diagnostic, len(axes)), last)
    assert response.status_code == 200
    assert _t("Remove the invisible control characters (such as NUL) from this answer.") in _html(
        response
    )
    assert DiagnosticResult.objects.count() == 0


def test_a_wrong_department_is_refused_in_french(client, diagnostic):
    axes = _axes(diagnostic)
    for number, axis in enumerate(axes[:-1], start=1):
        client.post(_step(diagnostic, number), _step_data(axis))

    response = client.post(_step(diagnostic, len(axes)), _step_data(axes[-1], department="99x"))

    html = _html(response)
    assert "Indiquez un numéro de département" in html
    assert 'href="#id_department"' in html and 'aria-invalid="true"' in html
    assert DiagnosticResult.objects.count() == 0


def test_an_answer_the_question_does_not_offer_is_refused(client, diagnostic):
    axis = _axes(diagnostic)[0]
    data = _step_data(axis) | {"q-" + axis.questions[0].slug: "<b>autre</b>"}

    html = _html(client.post(_step(diagnostic, 1), data))

    assert _t("Choose one of the answers offered.") in html
    assert "<b>autre</b>" not in html


def test_a_skipped_step_sends_the_visitor_back_to_it(client, diagnostic):
    axes = _axes(diagnostic)
    client.post(_step(diagnostic, 1), _step_data(axes[0]))

    response = client.post(_step(diagnostic, len(axes)), _step_data(axes[-1]))

    assert response.status_code == 302
    assert response["Location"] == _step(diagnostic, 2) + "?incomplet=1"
    html = _html(client.get(response["Location"]))
    assert _t("Choose an answer to this question.") in html
    assert DiagnosticResult.objects.count() == 0


def test_a_stale_session_is_read_for_what_the_questionnaire_still_offers(client, diagnostic):
    first = _axes(diagnostic)[0]
    session = client.session
    session[f"diagnostic:{diagnostic.pk}"] = {
        "answers": {
            first.questions[0].slug: "reponse-disparue",
            first.questions[1].slug: first.questions[1].options[0].value,
            "question-disparue": "oui",
            "7": ["pas", "une", "chaine"],
        },
        "department": {"pas": "un département"},
    }
    session.save()

    response = client.get(_step(diagnostic, 1))

    assert response.status_code == 200
    assert _checked(_html(response)) == {
        ("q-" + first.questions[1].slug, first.questions[1].options[0].value)
    }
    session = client.session
    session[f"diagnostic:{diagnostic.pk}"] = "garbage"
    session.save()
    assert client.get(_step(diagnostic, 8)).status_code == 200


@pytest.mark.parametrize("step", ["0", "9", "99999999999999999999", "-1", "abc", ""])
def test_steps_that_do_not_exist_are_404(client, diagnostic, step):
    assert client.get(f"{diagnostic.url}etape/{step}/").status_code == 404
    assert client.post(f"{diagnostic.url}etape/{step}/", {}).status_code == 404


@pytest.mark.parametrize(
    "tail",
    [
        "resultat/pas-un-uuid/",
        "resultat/6f1c0d2e-4b7a-4c3e-9a51-2d8e7f6a9b10/",
        "resultat/",
        "resultat/1/",
    ],
)
def test_unknown_or_malformed_results_are_404(client, diagnostic, tail):
    assert client.get(diagnostic.url + tail).status_code == 404


def test_a_result_is_shown_under_its_own_questionnaire_only(client, diagnostic, home_page):
    other, _created = diagnostic_load_seed(parent=home_page, slug="autre-diagnostic")
    result = result_create(page=other, answers=_all_answers(other))

    assert client.get(f"{diagnostic.url}resultat/{result.pk}/").status_code == 404
    assert client.get(f"{other.url}resultat/{result.pk}/").status_code == 200


def _all_answers(page, pick=lambda question: question.options[0].value):
    return {q.slug: pick(q) for _axis, q in page.questionnaire().questions()}


def test_a_result_is_private_to_caches_and_not_indexed(diagnostic):
    result = result_create(page=diagnostic, answers=_all_answers(diagnostic))
    url = f"{diagnostic.url}resultat/{result.pk}/"
    visitor = Client()  # no session, as a shared cache's first visitor

    first, second = visitor.get(url), visitor.get(url)

    for response in (first, second):
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
        assert "private" in response["Cache-Control"]
        assert "public" not in response["Cache-Control"]
        assert response["X-Robots-Tag"] == "noindex"
        assert '<meta name="robots" content="noindex">' in _html(response)
    # The landing page, by contrast, is public and stored: the check above can fail.
    visitor.get(diagnostic.url)
    assert visitor.get(diagnostic.url)["X-Page-Cache"] == "hit"


def test_a_visitor_never_sees_another_visitors_answers(diagnostic):
    axis = _axes(diagnostic)[0]
    alice, bob = Client(), Client()
    alice.post(_step(diagnostic, 1), _step_data(axis, lambda q: q.options[0].value))
    assert _checked(_html(alice.get(_step(diagnostic, 1))))

    first_look = bob.get(_step(diagnostic, 1))
    bob.get(_step(diagnostic, 1))
    again = bob.get(_step(diagnostic, 1))

    assert _checked(_html(first_look)) == set() and _checked(_html(again)) == set()
    assert "X-Page-Cache" not in first_look and "X-Page-Cache" not in again
    assert "no-store" in first_look["Cache-Control"]


def test_measures_say_why_and_list_what_helps(client, diagnostic, catalogue, monkeypatch):
    from tests.factories.catalogue import ActorFactory, ToolPageFactory
    from tests.factories.training import (
        TrainingIndexPageFactory,
        TrainingModulePageFactory,
        TrainingSessionFactory,
    )

    result = result_create(page=diagnostic, answers=_all_answers(diagnostic))
    tool = ToolPageFactory(parent=catalogue, title="Framaforms", slug="framaforms")
    index = TrainingIndexPageFactory(parent=diagnostic.get_parent())
    module = TrainingModulePageFactory(parent=index, title="Protéger ses données")
    start = timezone.now() + timedelta(days=30)
    session = TrainingSessionFactory(module=module, start=start, end=start + timedelta(hours=3))
    actor = ActorFactory(name="Le Labo numérique")
    real = views.result_recommendations

    def with_matches(found, outcome):
        recommendations = real(found, outcome)
        recommendations[0].offers = [tool]
        recommendations[0].modules = [SimpleNamespace(module=module, sessions=[session])]
        recommendations[0].actors = [actor]
        return recommendations

    monkeypatch.setattr(views, "result_recommendations", with_matches)

    html = _html(client.get(f"{diagnostic.url}resultat/{result.pk}/"))

    plan = html[html.index('id="plan-title"') :]
    first = real(result, views.result_outcome(result))[0]
    assert first.measure.title.replace("'", "&#x27;") in plan
    reason = first.reasons[0]
    assert (
        _t("Why this measure: you answered « %(answer)s » to « %(question)s »")
        % {"answer": reason.answer, "question": reason.question}
    ).replace("'", "&#x27;") in plan
    assert f'href="{tool.url}">Framaforms</a>' in plan
    assert (
        "Protéger ses données" in plan
        and f'datetime="{timezone.localtime(session.start).isoformat()}' in plan
    )
    assert "Le Labo numérique" in plan
    assert plan.count('<li class="measure">') == diagnostic.measures_shown


def test_a_result_without_measures_says_so(client, diagnostic, monkeypatch):
    result = result_create(page=diagnostic, answers=_all_answers(diagnostic))
    monkeypatch.setattr(views, "result_recommendations", lambda found, outcome: [])

    html = _html(client.get(f"{diagnostic.url}resultat/{result.pk}/"))

    assert _t("None of your answers calls for a priority measure: keep going as you do.") in html
    assert 'class="measure"' not in html


def test_the_page_and_its_steps_are_routed_without_walking_the_tree(client, diagnostic):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.cookies["sessionid"] = "inconnue"  # past the page cache, to the routing
    client.get(diagnostic.url)

    with CaptureQueriesContext(connection) as ctx:
        html = _html(client.get(diagnostic.url))

    assert _t("Start the diagnostic") in html
    assert not any('FROM "home_homepage"' in query["sql"] for query in ctx.captured_queries)
    assert client.get(_step(diagnostic, 1)).status_code == 200


def test_too_many_runs_from_one_address_are_refused_and_the_answers_kept(
    client, diagnostic, settings
):
    settings.DIAGNOSTIC_RUN_RATE_LIMIT = 1
    _run(client, diagnostic)
    axes = _axes(diagnostic)
    for number, axis in enumerate(axes[:-1], start=1):
        client.post(_step(diagnostic, number), _step_data(axis))

    last = client.post(_step(diagnostic, len(axes)), _step_data(axes[-1], department="37"))

    assert last.status_code == 429
    assert int(last["Retry-After"]) > 0
    html = _html(last)
    assert "Beaucoup de diagnostics ont été terminés depuis votre connexion" in html
    assert DiagnosticResult.objects.count() == 1
    # Nothing was lost: every answer of the run is still in the session.
    stored = client.session[f"diagnostic:{diagnostic.pk}"]
    assert len(stored["answers"]) == sum(len(axis.questions) for axis in axes)
    assert stored["department"] == "37"
