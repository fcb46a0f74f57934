"""Admin views of API keys: a key's secret is shown on the page that answers its creation
or its renewal, and never again. It is rendered there rather than put in a flash message,
which the session or a cookie would hold."""

import datetime

from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import View

from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import BaseObjectMixin, WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import log

from .key_services import api_key_issue
from .models import ApiKey

KEY_PAGE_TEMPLATE = "partners/api_key_token.html"
USAGE_DAYS = 30


def _token_response(request, key: ApiKey, token: str, title: str, index_url: str):
    # The admin's views are never cached (Wagtail marks them no-store), this page included.
    return TemplateResponse(
        request,
        KEY_PAGE_TEMPLATE,
        {
            "key": key,
            "token": token,
            "header": f"Authorization: Bearer {token}",
            "page_title": title,
            "index_url": index_url,
        },
    )


class ApiKeyCreateView(generic.CreateView):
    def save_instance(self):
        self.token = api_key_issue(key=self.form.instance)
        return super().save_instance()

    def get_success_json(self):
        return {**super().get_success_json(), "token": self.token}

    def save_action(self):
        if self.expects_json_response:
            return super().save_action()
        return _token_response(
            self.request,
            self.object,
            self.token,
            _("API key created"),
            reverse(self.index_url_name),
        )


class ApiKeyEditView(generic.EditView):
    @property
    def header_more_buttons(self):
        return [
            *super().header_more_buttons,
            Button(
                _("Renew the key"),
                url=reverse("partners_apikey:renew", args=[self.object.pk]),
                icon_name="key",
                priority=15,
            ),
        ]


class ApiKeyInspectView(generic.InspectView):
    template_name = "partners/api_key_inspect.html"

    def get_context_data(self, **kwargs):
        since = timezone.localdate() - datetime.timedelta(days=USAGE_DAYS - 1)
        return super().get_context_data(
            usage=self.object.usage.filter(day__gte=since).order_by("-day"),
            usage_days=USAGE_DAYS,
            **kwargs,
        )


class ApiKeyRenewView(PermissionCheckedMixin, BaseObjectMixin, WagtailAdminTemplateMixin, View):
    """Replaces a key's secret, for a partner who lost it or leaked it: the old one stops
    working at once."""

    model = ApiKey
    permission_required = "change"
    template_name = "partners/api_key_renew.html"
    page_title = _("Renew the API key")

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(object=self.object))

    def post(self, request, *args, **kwargs):
        token = api_key_issue(key=self.object)
        self.object.save(update_fields=["key_hash", "prefix"])
        # In the key's history, like any edit: who renewed it, and when.
        log(instance=self.object, action="wagtail.edit", user=request.user)
        return _token_response(
            request,
            self.object,
            token,
            _("API key renewed"),
            reverse("partners_apikey:index"),
        )
