"""The questionnaire's blocks render their preview (the editor's block preview)."""

from django.utils import translation

from diagnostic.blocks import AxisBlock, OptionBlock, QuestionBlock


def test_each_block_renders_its_preview_in_french():
    with translation.override("fr"):
        for block in (AxisBlock(), QuestionBlock(), OptionBlock()):
            html = block.render(block.normalize(block.meta.preview_value))
            assert "Une feuille de route suivie" in html
            assert "(3 points)" in html
        axis = AxisBlock()
        html = axis.render(axis.normalize(axis.meta.preview_value))
        assert "<h2>Projet et stratégie numérique</h2>" in html
        assert "poids 2" in html and "(0 point)" in html
