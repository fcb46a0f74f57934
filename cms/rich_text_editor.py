"""The admin's rich text editor: Wagtail's Draftail, its text box named by the field's label.

Wagtail 8 ties a rich text field's `<label>` to the hidden input that Draftail replaces,
not to the editable text box that screen readers reach, which so has no accessible name
(wagtail#14205). Wagtail renders that label with the id `<input id>-label`
(wagtailadmin/shared/formatted_field.html), and Draftail takes an `ariaLabelledBy` option
that Wagtail hands over to the editor: the text box then reads the label itself.

StreamField blocks are drawn in the browser without `get_context()`, and a bare rich text
block has no label: `catalogue.blocks.ParagraphBlock` names its own editor."""

import json

from django.core.serializers.json import DjangoJSONEncoder

from wagtail.admin.rich_text import DraftailRichTextArea


class LabelledDraftailRichTextArea(DraftailRichTextArea):
    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        if widget_attrs.get("id"):
            options = {**self.options, "ariaLabelledBy": f"{widget_attrs['id']}-label"}
            widget_attrs["data-w-init-detail-value"] = json.dumps(options, cls=DjangoJSONEncoder)
        return context
