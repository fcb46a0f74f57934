"""Admin views of the partners app: webhooks (managed by the coordination) and their
delivery log (read only)."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy

from .models import Webhook, WebhookDelivery


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
    items = (WebhookViewSet, WebhookDeliveryViewSet)
