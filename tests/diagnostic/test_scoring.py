"""The diagnostic's arithmetic against hand-computed cases (diagnostic/scoring.py)."""

import pytest

from diagnostic.choices import MaturityLevel
from diagnostic.scoring import (
    AnswerError,
    Axis,
    Option,
    Question,
    Questionnaire,
    check_answers,
    level_of,
    score,
)


def _question(slug, weight, measures_at_zero=()):
    return Question(
        slug=slug,
        text=f"Question {slug} ?",
        weight=weight,
        options=tuple(
            Option(f"r{n}", f"Réponse {n}", n, measures=measures_at_zero if n == 0 else ())
            for n in range(4)
        ),
    )


QUESTIONNAIRE = Questionnaire(
    (
        Axis("projet", "Projet", (_question("a", 2, (11,)), _question("b", 1))),
        Axis("outils", "Outils", (_question("c", 3, (12, 13)), _question("d", 1))),
        Axis("donnees", "Données", (_question("e", 2),)),
    )
)


def test_an_axis_scores_its_weighted_points_over_the_weighted_maximum():
    # projet: (2×3 + 1×1) / (2×3 + 1×3) = 7/9 = 77.8 %; outils: (3×0 + 1×2) / 12 = 16.7 %;
    # donnees: 2×2 / 6 = 66.7 %. Overall: (7 + 2 + 4) / (9 + 12 + 6) = 13/27 = 48.1 %.
    outcome = score(QUESTIONNAIRE, {"a": "r3", "b": "r1", "c": "r0", "d": "r2", "e": "r2"})

    assert [(a.slug, a.score, a.level) for a in outcome.axes] == [
        ("projet", 77.8, MaturityLevel.EXPERIENCED),
        ("outils", 16.7, MaturityLevel.BEGINNER),
        ("donnees", 66.7, MaturityLevel.PROGRESSING),
    ]
    assert outcome.score == 48.1
    assert outcome.level == MaturityLevel.PROGRESSING
    assert [(t.measure, t.question.slug) for t in outcome.triggers] == [(12, "c"), (13, "c")]


def test_dont_know_and_not_applicable_are_left_out_of_the_sums():
    # projet: only b is scored: 1×2 / 1×3 = 66.7 %, although a (weight 2) was « ne sait pas ».
    outcome = score(
        QUESTIONNAIRE,
        {"a": "ne-sait-pas", "b": "r2", "c": "non-applicable", "d": "r3", "e": "r0"},
    )

    projet, outils, donnees = outcome.axes
    assert (projet.score, projet.scored, projet.unscored) == (66.7, 1, 1)
    assert (outils.score, outils.scored, outils.unscored) == (100.0, 1, 1)
    assert donnees.score == 0.0
    # (2 + 3 + 0) / (3 + 3 + 6) = 5/12 = 41.7 %
    assert outcome.score == 41.7
    # An unscored answer calls for no measure, even where its 0 would have.
    assert outcome.triggers == ()


def test_an_axis_without_any_scored_answer_has_no_score_and_no_level():
    outcome = score(
        QUESTIONNAIRE,
        {"a": "ne-sait-pas", "b": "non-applicable", "c": "r3", "d": "r3", "e": "r3"},
    )

    projet = outcome.axis("projet")
    assert (projet.score, projet.level, projet.scored) == (None, None, 0)
    assert outcome.score == 100.0


def test_nothing_scored_at_all_gives_no_overall_level():
    answers = dict.fromkeys("abcde", "ne-sait-pas")
    outcome = score(QUESTIONNAIRE, answers)
    assert (outcome.score, outcome.level) == (None, None)


@pytest.mark.parametrize(
    ("percent", "level"),
    [
        (0, MaturityLevel.BEGINNER),
        (39.9, MaturityLevel.BEGINNER),
        (40, MaturityLevel.PROGRESSING),
        (74.9, MaturityLevel.PROGRESSING),
        (75, MaturityLevel.EXPERIENCED),
        (100, MaturityLevel.EXPERIENCED),
    ],
)
def test_levels_change_at_40_and_75(percent, level):
    assert level_of(percent) == level


def test_the_level_reads_the_exact_share_not_the_rounded_one():
    questions = tuple(_question(f"q{n}", 1) for n in range(833))
    questionnaire = Questionnaire((Axis("x", "X", questions),))
    # 999 points of 2,499: 39.976 %, displayed 40.0, still « peu initiée ».
    answers = {f"q{n}": "r1" for n in range(833)}
    answers.update({f"q{n}": "r2" for n in range(166)})
    outcome = score(questionnaire, answers)
    assert outcome.axes[0].score == 40.0
    assert outcome.axes[0].level == MaturityLevel.BEGINNER


def test_unknown_missing_and_wrong_answers_are_named():
    with pytest.raises(AnswerError) as raised:
        check_answers(QUESTIONNAIRE, {"a": "r9", "b": "r1", "c": "r0", "d": "r2", "zz": "r1"})

    problems = raised.value.problems
    assert set(problems) == {"a", "e", "zz"}
    assert "Question a ?" in problems["a"]
    assert "Question e ?" in problems["e"]


def test_complete_answers_pass_the_check():
    check_answers(
        QUESTIONNAIRE, {"a": "r0", "b": "ne-sait-pas", "c": "r1", "d": "r2", "e": "non-applicable"}
    )


def test_the_questionnaire_survives_its_json_snapshot():
    assert Questionnaire.from_json(QUESTIONNAIRE.to_json()) == QUESTIONNAIRE
