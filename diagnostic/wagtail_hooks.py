from django.utils.translation import gettext_lazy as _

from wagtail import hooks
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


@hooks.register("register_schema_query")
def register_diagnostic_queries(query_mixins):
    from .schema import resolvers  # noqa: F401  (registers the nested fields' resolvers)
    from .schema.queries import DiagnosticQuery

    query_mixins.append(DiagnosticQuery)


@hooks.register("register_schema_mutation")
def register_diagnostic_mutations(mutation_mixins):
    from .schema.mutations import DiagnosticMutation

    mutation_mixins.append(DiagnosticMutation)
