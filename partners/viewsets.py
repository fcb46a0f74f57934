from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from .models import ApiKey
from .views import ApiKeyCreateView, ApiKeyEditView, ApiKeyInspectView, ApiKeyRenewView


class ApiKeyIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .annotate(
                requests_today=Coalesce(
                    Sum("usage__count", filter=Q(usage__day=timezone.localdate())), 0
                )
            )
        )


class ApiKeyViewSet(ModelViewSet):
    """API keys, managed by the coordination: it issues them to partner websites."""

    model = ApiKey
    name = "partners_apikey"
    url_prefix = "api-keys"
    icon = "key"
    menu_label = _("API keys")
    menu_order = 900
    add_to_admin_menu = True
    index_view_class = ApiKeyIndexView
    add_view_class = ApiKeyCreateView
    edit_view_class = ApiKeyEditView
    inspect_view_class = ApiKeyInspectView
    inspect_view_enabled = True
    inspect_view_fields = [
        "name",
        "prefix",
        "contact_email",
        "allowed_origins",
        "rate_limit",
        "enabled",
        "created_at",
    ]
    copy_view_enabled = False
    list_display = [
        "name",
        "prefix",
        "enabled",
        "rate_limit",
        Column("requests_today", label=_("Requests today")),
    ]
    list_filter = ["enabled"]
    search_fields = ["name", "prefix"]
    form_fields = ["name", "contact_email", "allowed_origins", "rate_limit", "enabled"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("renew/<int:pk>/", ApiKeyRenewView.as_view(), name="renew"),
        ]
