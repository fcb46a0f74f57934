"""The contributors' guide in the admin, in French, in place of Wagtail's editor guide and
release notes (English pages on guide.wagtail.org) in the help menu and on the dashboard."""

from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .roles import WORKFLOW_NAME

# Wagtail's help menu items that lead to its English guide.
ENGLISH_HELP_ITEMS = ("editor-guide", "whats-new-in-wagtail-")


class ContributorsGuideView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "home/admin/guide.html"
    page_title = _("Contributors' guide")
    header_icon = "help"

    def get_context_data(self, **kwargs):
        return super().get_context_data(workflow_name=WORKFLOW_NAME, **kwargs)


def without_english_guides(items: list) -> list:
    return [item for item in items if not item.name.startswith(ENGLISH_HELP_ITEMS)]
