"""Admin panels of offers beyond Wagtail's own."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import Panel


class DuplicateWarningPanel(Panel):
    """Names the existing offers with the same title or website as the one being edited,
    with a link to each. A warning, not an error: two offers may share a website (a
    publisher's tools), and only a person can tell."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Possible duplicate"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "catalogue/panels/duplicate_warning.html"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            # On a form sent back with errors, the instance already carries the typed
            # title and website (the form copies valid fields onto it).
            self.duplicates = type(self.instance).possible_duplicates(
                title=self.instance.title or "",
                website=self.instance.website or "",
                exclude_pk=self.instance.pk,
            )

        def is_shown(self):
            return bool(self.duplicates) and super().is_shown()

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["duplicates"] = [
                {"page": page, "url": _duplicate_url(page, self.request)}
                for page in self.duplicates
            ]
            return context


def _duplicate_url(page, request):
    """Where the editor can read the other offer: its public page, or the editor when
    they may open it."""
    if page.live:
        return page.get_url(request)
    if request is not None and page.permissions_for_user(request.user).can_edit():
        return reverse("wagtailadmin_pages:edit", args=[page.pk])
    return ""


class ReportedOfferPanel(Panel):
    """On a visitor's report: the offer it is about, with the way to its editor and to
    its public page, where the coordinator checks and corrects it."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Offer"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "catalogue/panels/reported_offer.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            offer = self.instance.offer
            context["offer"] = offer
            context["edit_url"] = reverse("wagtailadmin_pages:edit", args=[offer.pk])
            context["public_url"] = offer.get_url(self.request) if offer.live else ""
            return context
