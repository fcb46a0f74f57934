"""Admin view sets of the diagnostic: the advisors' associations (« Mes associations »)."""

from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.viewsets.model import ModelViewSet

from .advisor_views import (
    AssociationCreateView,
    AssociationDeleteView,
    AssociationDetailView,
    AssociationEditView,
    AssociationHistoryView,
    AssociationIndexView,
    AssociationRunDetachView,
    AssociationUsageView,
)
from .models import AdvisedAssociation


class AdvisedAssociationViewSet(ModelViewSet):
    """Advisors keep their associations here: only they and the coordination see them
    (`permissions.AdvisedAssociationPermissionPolicy`)."""

    model = AdvisedAssociation
    name = "advised_associations"
    url_prefix = "associations"
    icon = "group"
    menu_label = _("My associations")
    menu_order = 310
    add_to_admin_menu = True
    form_fields = ["name", "notes"]
    index_view_class = AssociationIndexView
    add_view_class = AssociationCreateView
    edit_view_class = AssociationEditView
    delete_view_class = AssociationDeleteView
    inspect_view_class = AssociationDetailView
    history_view_class = AssociationHistoryView
    usage_view_class = AssociationUsageView
    inspect_view_enabled = True
    copy_view_enabled = False
    search_fields = ["name"]
    list_per_page = 50

    @cached_property
    def menu_item_class(self):
        base = super().menu_item_class
        view_all = f"{self.model_opts.app_label}.view_{self.model_opts.model_name}"

        def render_component(item, request):
            component = base.render_component(item, request)
            # The coordination reads every advisor's associations, not only its own.
            if request.user.has_perm(view_all):
                component.label = gettext("Advised associations")
            return component

        return type(base.__name__, (base,), {"render_component": render_component})

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            detach_url_name=self.get_url_name("detach_run"), **kwargs
        )

    def get_urlpatterns(self):
        detach = AssociationRunDetachView.as_view(inspect_url_name=self.get_url_name("inspect"))
        return [
            *super().get_urlpatterns(),
            path("inspect/<int:pk>/runs/<int:run_pk>/detach/", detach, name="detach_run"),
        ]
