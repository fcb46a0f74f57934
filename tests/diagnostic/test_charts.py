"""Server-side SVG charts (diagnostic/charts.py)."""

import hashlib
import xml.etree.ElementTree as ET

from django.utils import translation

from diagnostic.charts import progress_chart, scores_chart

SVG = "{http://www.w3.org/2000/svg}"


def _parse(svg: str):
    return ET.fromstring(svg)  # noqa: S314 - our own output


def test_a_scores_chart_draws_one_bar_per_scored_axis_and_states_every_figure():
    with translation.override("fr"):
        svg = scores_chart(
            [("Projet", 77.8), ("Outils <numériques>", 0.0), ("Données", None)],
            title="Vos scores",
        )

    root = _parse(svg)
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Vos scores"
    desc = root.find(f"{SVG}desc").text
    assert "Projet : 78 %" in desc and "Données : non évalué" in desc
    bars = list(root.iter(f"{SVG}rect"))
    # 0 % is a bar of no width; an axis without a score has none at all.
    assert [float(bar.get("width")) for bar in bars] == [round(360 * 0.778, 1), 0.0]
    # Text is escaped, not markup.
    assert "Outils <numériques>" in "".join(root.itertext())


def test_a_progress_chart_pairs_the_two_runs_and_says_the_change():
    with translation.override("fr"):
        svg = progress_chart(
            [("Projet", 40.0, 70.0), ("Données", 50.0, 30.0)],
            title="Progrès",
            before="Mars 2026",
            after="Novembre 2026",
        )

    root = _parse(svg)
    texts = [text.text for text in root.iter(f"{SVG}text")]
    assert "70 % (+30)" in texts and "30 % (-20)" in texts
    assert "Mars 2026" in texts and "Novembre 2026" in texts
    assert "Projet : 40 % → 70 %" in root.find(f"{SVG}desc").text


def test_chart_ids_are_stable_across_processes():
    # From the title's sha256, not hash(), which changes with every process: a page cached
    # by one process keeps ids that match its own aria-labelledby.
    expected = "chart-" + hashlib.sha256(b"T").hexdigest()[:10]
    assert f'id="{expected}-title"' in scores_chart([("A", 1.0)], title="T")
