from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Measure


class MeasureViewSet(SnippetViewSet):
    model = Measure
    icon = "tick-inverse"
    menu_label = _("Diagnostic measures")
    menu_order = 320
    add_to_admin_menu = True
    list_display = ["title", "priority"]
    list_filter = ["priority"]
    search_fields = ["title"]


register_snippet(MeasureViewSet)
