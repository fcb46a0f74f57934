from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import AdvisedAssociation, Measure
from .permissions import AdvisedAssociationPermissionPolicy
from .viewsets import AdvisedAssociationViewSet


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


@hooks.register("register_admin_urls")
def register_observatory_urls():
    from .observatory_views import ObservatoryView

    return [
        path("reports/observatory/", ObservatoryView.as_view(), name="diagnostic_observatory"),
        path(
            "reports/observatory/results/",
            ObservatoryView.as_view(results_only=True),
            name="diagnostic_observatory_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_observatory_menu_item():
    from .observatory_views import ObservatoryMenuItem

    return ObservatoryMenuItem(
        _("Diagnostic observatory"),
        reverse("diagnostic_observatory"),
        name="diagnostic-observatory",
        icon_name="view",
        order=1300,
    )


@hooks.register("register_schema_query")
def register_diagnostic_queries(query_mixins):
    from .schema import resolvers  # noqa: F401  (registers the nested fields' resolvers)
    from .schema.queries import DiagnosticQuery

    query_mixins.append(DiagnosticQuery)


@hooks.register("register_schema_mutation")
def register_diagnostic_mutations(mutation_mixins):
    from .schema.mutations import DiagnosticMutation

    mutation_mixins.append(DiagnosticMutation)


# Advisors' associations: seen by their advisor and the coordination only.
register_permission_policy(
    AdvisedAssociation, AdvisedAssociationPermissionPolicy(AdvisedAssociation)
)


@hooks.register("register_admin_viewset")
def register_advised_association_viewset():
    return AdvisedAssociationViewSet()
