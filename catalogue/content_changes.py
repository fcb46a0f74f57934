"""Whether an edit form really changes a page's content, ignoring what the editor itself
rewrites. Draftail turns `<p>` into `<p data-block-key="…">` (and `<strong>` into `<b>`…)
as soon as it loads rich text, so Django's `has_changed()` reports a change on every form
that holds rich text not stored exactly as Draftail writes it."""

import re

from wagtail import blocks

BLOCK_KEY = re.compile(r'\sdata-block-key="[^"]*"')

# Form fields that are not page content: the author's comment notification setting.
NOT_CONTENT = {"comment_notifications"}
# The page form's name for its comments formset (whatever the relation is called).
COMMENTS = "comments"


def editor_html(html: str, widget) -> str:
    """The HTML as the editor would save it, without its random block keys."""
    converter = getattr(widget, "converter", None)
    if converter is not None and html:
        html = converter.to_database_format(converter.from_database_format(html))
    return BLOCK_KEY.sub("", html or "")


def _comparable(block, value):
    if isinstance(block, blocks.RichTextBlock):
        source = getattr(value, "source", value) or ""
        return editor_html(source, block.field.widget)
    if isinstance(block, blocks.StructBlock):
        value = value or {}
        return {
            name: _comparable(child, value.get(name)) for name, child in block.child_blocks.items()
        }
    if isinstance(block, blocks.ListBlock):
        return [_comparable(block.child_block, item) for item in value or []]
    if isinstance(block, blocks.StreamBlock):
        # Block ids are the editor's bookkeeping, not content.
        return [(child.block_type, _comparable(child.block, child.value)) for child in value or []]
    return block.get_prep_value(value)


def _field_changed(form, name: str) -> bool:
    field = form.fields[name]
    initial = form.get_initial_for_field(field, name)
    new = form.cleaned_data.get(name)
    block = getattr(field, "block", None)
    if block is not None:
        return _comparable(block, initial) != _comparable(block, new)
    if hasattr(field.widget, "converter"):
        return editor_html(initial, field.widget) != editor_html(new, field.widget)
    return True


def content_changed(form) -> bool:
    """True when the form changes the page itself; comments are not content."""
    for name, formset in form.formsets.items():
        if name != COMMENTS and any(f.has_changed() for f in formset.forms):
            return True
    return any(_field_changed(form, name) for name in form.changed_data if name not in NOT_CONTENT)


def comments_changed(form) -> bool:
    comments = form.formsets.get(COMMENTS)
    return comments is not None and any(f.has_changed() for f in comments.forms)
