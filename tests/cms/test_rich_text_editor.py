"""The admin's rich text editors have a name screen readers can announce: Wagtail labels
the hidden input Draftail replaces, not its text box (wagtail#14205)."""

import json
from html import unescape

from django import forms

from wagtail.admin.rich_text import get_rich_text_editor_widget

from catalogue.blocks import ParagraphBlock
from cms.rich_text_editor import LabelledDraftailRichTextArea


def _draftail_options(html: str) -> dict:
    start = html.index('data-w-init-detail-value="') + len('data-w-init-detail-value="')
    return json.loads(unescape(html[start : html.index('"', start)]))


def test_a_rich_text_field_is_labelled_by_its_label():
    widget = get_rich_text_editor_widget(features=["bold"])
    assert isinstance(widget, LabelledDraftailRichTextArea)

    class Form(forms.Form):
        objectives = forms.CharField(widget=widget)

    options = _draftail_options(str(Form()["objectives"]))
    # wagtailadmin/shared/formatted_field.html gives the label this id.
    assert options["ariaLabelledBy"] == "id_objectives-label"
    assert "inlineStyles" in options


def test_a_paragraph_block_names_its_editor():
    block = ParagraphBlock()
    block.set_name("paragraph")
    assert str(block.field.widget.options["ariaLabel"]) == "Paragraphe"
