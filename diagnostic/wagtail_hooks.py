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


# Advisors' associations: seen by their advisor and the coordination only.
register_permission_policy(
    AdvisedAssociation, AdvisedAssociationPermissionPolicy(AdvisedAssociation)
)


@hooks.register("register_admin_viewset")
def register_advised_association_viewset():
    return AdvisedAssociationViewSet()
