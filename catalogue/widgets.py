"""Admin widgets for the taxonomies, made for volunteers: boxes to tick, never a
Ctrl+click list."""

import copy

from django import forms
from django.utils.translation import gettext_lazy as _


class ThemeCheckboxes(forms.CheckboxSelectMultiple):
    """Themes as checkboxes, one group per top-level theme: the top-level theme itself
    (« En général ») first, then its sub-themes, in the taxonomy's sort order.

    Grouping reads the themes the field already lists (each choice value carries its
    instance), so it costs no query and works for any form holding a `Theme` field."""

    template_name = "catalogue/widgets/grouped_checkboxes.html"

    class Media:
        css = {"all": ["css/admin/checkboxes.css"]}

    def optgroups(self, name, value, attrs=None):
        grouped = copy.copy(self)
        grouped.choices = self._grouped_choices()
        return super(ThemeCheckboxes, grouped).optgroups(name, value, attrs)

    def _grouped_choices(self):
        themes = [
            option_value.instance
            for option_value, _label in self.choices
            if hasattr(option_value, "instance")
        ]
        children = {}
        for theme in themes:
            if theme.parent_id:
                children.setdefault(theme.parent_id, []).append(theme)
        choices = []
        for theme in themes:
            if theme.parent_id:
                continue
            kids = children.get(theme.pk, [])
            if kids:
                general = (theme.pk, _("%(theme)s in general") % {"theme": theme.name})
                choices.append((theme.name, [general, *((kid.pk, kid.name) for kid in kids)]))
            else:
                choices.append((theme.pk, theme.name))
        # A sub-theme whose parent is not listed (filtered out) still gets a box.
        listed = {theme.pk for theme in themes if not theme.parent_id}
        for parent_id, kids in children.items():
            if parent_id not in listed:
                choices.extend((kid.pk, str(kid)) for kid in kids)
        return choices


class ColumnCheckboxes(forms.CheckboxSelectMultiple):
    """A short flat list (audiences) as checkboxes in columns."""

    def __init__(self, attrs=None, choices=()):
        super().__init__({"class": "checkbox-columns", **(attrs or {})}, choices)

    class Media:
        css = {"all": ["css/admin/checkboxes.css"]}
