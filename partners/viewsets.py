"""Admin views of the partners app, in one menu for the coordination: API keys, webhooks,
and the webhooks' delivery log (read only)."""

from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy

from .models import ApiKey, Webhook, WebhookDelivery
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


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Viewing only, superusers included: the log records what was sent, so nobody
    edits or adds to it."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and self.user_has_permission(user, "view")


class WebhookViewSet(ModelViewSet):
    model = Webhook
    icon = "link-external"
    menu_label = _("Webhooks")
    form_fields = ["name", "url", "events", "enabled", "secret"]
    list_display = ["name", "url", "enabled"]
    list_filter = ["enabled"]
    search_fields = ["name", "url"]
    copy_view_enabled = False


class WebhookDeliveryViewSet(ModelViewSet):
    model = WebhookDelivery
    icon = "history"
    menu_label = _("Webhook deliveries")
    list_display = ["created_at", "webhook", "event", "status", "status_code", "attempts"]
    list_filter = ["status", "event", "webhook"]
    list_per_page = 50
    inspect_view_enabled = True
    inspect_view_fields = [
        "webhook",
        "event",
        "status",
        "status_code",
        "attempts",
        "next_attempt_at",
        "last_error",
        "created_at",
        "updated_at",
        "delivered_at",
        "body",
    ]
    copy_view_enabled = False
    form_fields = ["webhook"]  # required by the viewset; the policy forbids every form


class PartnersViewSetGroup(ModelViewSetGroup):
    menu_label = _("API partners")
    menu_icon = "link-external"
    menu_order = 310
    items = (ApiKeyViewSet, WebhookViewSet, WebhookDeliveryViewSet)
