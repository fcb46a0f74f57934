"""The seed questionnaire, stored results and questionnaire versions (diagnostic/services.py)."""

import pytest

from catalogue.services import taxonomy_load_seed
from diagnostic.models import DiagnosticPage, DiagnosticResult, Measure
from diagnostic.scoring import AnswerError
from diagnostic.services import diagnostic_load_seed, result_create, result_outcome

pytestmark = pytest.mark.django_db


@pytest.fixture
def diagnostic(home_page):
    taxonomy_load_seed()
    page, created = diagnostic_load_seed(parent=home_page)
    assert created
    return page


def _answers(page, pick=lambda options: options[-1].value):
    return {q.slug: pick(q.options) for _axis, q in page.questionnaire().questions()}


def test_the_seed_questionnaire_is_published_with_its_measures(diagnostic, home_page):
    questionnaire = diagnostic.questionnaire()

    assert diagnostic.live and diagnostic.measures_shown == 6
    assert [axis.slug for axis in questionnaire.axes][:2] == ["projet", "gouvernance"]
    assert len(questionnaire.axes) == 8 and len(questionnaire.questions()) == 21
    first = questionnaire.axes[0].questions[0]
    assert (first.slug, first.weight) == ("projet-place", 2)
    assert [o.score for o in first.options] == [0, 1, 2, 3]
    measure = Measure.objects.get(slug="definir-priorites-numeriques")
    assert first.options[0].measures == (measure.pk,)
    assert list(measure.themes.values_list("slug", flat=True)) == ["strategie-numerique"]
    # Loading again creates nothing and keeps what editors own.
    again, created = diagnostic_load_seed(parent=home_page)
    assert (again.pk, created) == (diagnostic.pk, False)
    assert Measure.objects.count() == 19


def test_a_result_is_stored_anonymously_with_the_version_it_was_computed_with(diagnostic):
    result = result_create(page=diagnostic, answers=_answers(diagnostic), department="37")

    stored = DiagnosticResult.objects.get(pk=result.pk)
    assert stored.revision_id is not None
    assert stored.revision_id == diagnostic.live_revision_id
    assert stored.score == 100.0 and stored.level == "experimentee"
    assert {axis["score"] for axis in stored.axis_scores} == {100.0}
    assert stored.department == "37"
    assert len(str(stored.pk)) == 36 and stored.pk.version == 4


def test_incomplete_answers_store_nothing(diagnostic):
    answers = _answers(diagnostic)
    answers.pop("projet-place")
    answers["inconnue"] = "oui"

    with pytest.raises(AnswerError) as raised:
        result_create(page=diagnostic, answers=answers)

    assert set(raised.value.problems) == {"projet-place", "inconnue"}
    assert not DiagnosticResult.objects.exists()


def test_editing_the_questionnaire_after_a_run_leaves_the_result_as_it_was(diagnostic):
    result = result_create(
        page=diagnostic, answers=_answers(diagnostic, pick=lambda options: options[0].value)
    )
    before = result_outcome(result)

    # The editors reword the first question, make it weigh 3, and drop the last axis.
    page = DiagnosticPage.objects.get(pk=diagnostic.pk)
    axes = page.axes.raw_data
    axes[0]["value"]["questions"][0]["text"] = "Question reformulée ?"
    axes[0]["value"]["questions"][0]["weight"] = "3"
    page.axes = axes[:-1]
    page.save_revision().publish()
    page.refresh_from_db()

    stored = DiagnosticResult.objects.get(pk=result.pk)
    after = result_outcome(stored)
    assert after == before
    assert [axis.slug for axis in after.axes][-1] == "donnees"
    assert after.triggers[0].question.text.startswith("Le numérique figure-t-il")
    assert stored.revision.content["title"] == diagnostic.title
    # A new run follows the new version.
    new = result_create(page=page, answers=_answers(page, pick=lambda options: options[0].value))
    assert new.revision_id != stored.revision_id
    assert len(new.axis_scores) == 7
