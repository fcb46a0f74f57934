"""The progress between two runs, axis by axis (diagnostic/progress.py), and reading a
pasted result address (services.result_id_parse)."""

import uuid

import pytest

from django.core.exceptions import ValidationError

from diagnostic.progress import axis_progress
from diagnostic.services import result_id_parse


def _axes(*items):
    return [
        {"slug": slug, "name": name, "score": score, "level": ""} for slug, name, score in items
    ]


def test_axes_are_matched_by_code_and_changes_rounded_as_the_chart_does():
    progress = axis_progress(
        _axes(("projet", "Projet", 33.4), ("outils", "Outils", None)),
        _axes(("projet", "Projet numérique", 66.9), ("outils", "Outils", 50.0)),
    )

    assert [(a.name, a.before, a.after, a.change) for a in progress.axes] == [
        ("Projet numérique", 33.4, 66.9, 34),  # 33.5, half away from zero
        ("Outils", None, 50.0, None),  # not scored before: no change to state
    ]
    assert not progress.versions_differ


def test_axes_found_in_one_run_only_are_listed_and_flagged():
    progress = axis_progress(
        _axes(("projet", "Projet", 40.0), ("donnees", "Données", 20.0)),
        _axes(("projet", "Projet", 50.0), ("ia", "Intelligence artificielle", 10.0)),
    )

    assert [a.slug for a in progress.axes] == ["projet", "ia", "donnees"]
    assert progress.versions_differ
    assert (progress.only_before, progress.only_after) == (
        ("Données",),
        ("Intelligence artificielle",),
    )
    assert progress.chart_rows()[2] == ("Données", 20.0, None)


def test_a_pasted_address_gives_its_last_identifier():
    result_id = uuid.uuid4()

    assert (
        result_id_parse(f"https://reperes.example.org/diagnostic/resultat/{result_id}/")
        == result_id
    )
    assert result_id_parse(f"  {str(result_id).upper()} ") == result_id
    assert result_id_parse(f"https://{uuid.uuid4()}.example.org/resultat/{result_id}/") == result_id


@pytest.mark.parametrize(
    "text", ["", "resultat", "https://reperes.example.org/diagnostic/resultat/1234/"]
)
def test_text_without_an_identifier_is_refused(text):
    with pytest.raises(ValidationError):
        result_id_parse(text)
