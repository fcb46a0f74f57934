"""The coordinators' queue of offer reports: open ones first, filtered by status, reason
and offer; each read and closed with a note on one screen.

Who sees it: the coordination, through the model's own permissions (`view` and `change`
on `OfferReport`, given by `setup_roles`), and superusers. Digital actors do not: a report
may name its author's e-mail address, and the offer's correction goes through the
coordination, which may then ask the organisation. Nobody adds a report in the admin
(they come from the public form) and nobody edits one: "editing" a report is closing it
with a note, once."""

import django_filters

from django import forms
from django.http import QueryDict
from django.shortcuts import redirect
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from .choices import ReportReason, ReportStatus
from .models import OfferPage, OfferReport
from .report_services import ReportAlreadyClosed, offer_report_close

ALL = "tous"
MESSAGE_EXCERPT = 90


class OfferReportPermissionPolicy(ModelPermissionPolicy):
    """Reports come from the public form only: nobody, superusers included, adds one in
    the admin."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


def _offers_with_reports(request):
    return OfferPage.objects.filter(reports__isnull=False).distinct().order_by("title")


class OfferReportFilterSet(WagtailFilterSet):
    """Open reports unless another status is asked for: the queue is what is left to do."""

    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[*ReportStatus.choices, (ALL, _("All"))],
        empty_label=None,
        method="filter_status",
        widget=forms.RadioSelect,
    )
    reason = django_filters.ChoiceFilter(
        label=_("Reason"),
        choices=ReportReason.choices,
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )
    offer = django_filters.ModelChoiceFilter(
        label=_("Offer"), queryset=_offers_with_reports, empty_label=_("All")
    )

    class Meta:
        model = OfferReport
        fields = ["status", "reason", "offer"]

    def __init__(self, data=None, *args, **kwargs):
        data = data.copy() if data is not None else QueryDict(mutable=True)
        data.setdefault("status", ReportStatus.OPEN)
        super().__init__(data, *args, **kwargs)
        # The default is not a filter the editor set: no "Status: Open" chip to remove.
        self.form.fields["status"].initial = ReportStatus.OPEN

    def filter_status(self, queryset, name, value):
        return queryset if value == ALL else queryset.filter(status=value)


class OfferReportIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("offer")

    def get_edit_url(self, instance):
        # A closed report is read, not closed again: its row leads to the inspect view.
        return super().get_edit_url(instance) if instance.is_open else None


class OfferReportCloseView(generic.EditView):
    """The report, read only, and the note that closes it (the model's panels)."""

    submit_button_label = _("Close the report")
    submit_button_active_label = _("Closing…")
    success_message = _("Report closed. It stays in the queue’s closed reports.")

    def get_queryset(self):
        return super().get_queryset().select_related("offer", "closed_by")

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not self.object.is_open:
            return self._already_closed()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not self.object.is_open:
            return self._already_closed()
        return super().post(request, *args, **kwargs)

    def _already_closed(self):
        messages.warning(self.request, _("This report is already closed."))
        return redirect(self.get_inspect_url())

    def save_instance(self):
        return offer_report_close(
            report=self.object,
            user=self.request.user,
            note=self.form.cleaned_data["closing_note"],
        )

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ReportAlreadyClosed:  # another coordinator closed it in the meantime
            return self._already_closed()

    def get_success_buttons(self):
        return [messages.button(self.get_inspect_url(), _("View"))]


def _excerpt(report: OfferReport) -> str:
    return Truncator(report.message).chars(MESSAGE_EXCERPT)


class OfferReportViewSet(ModelViewSet):
    model = OfferReport
    name = "offer_reports"
    url_prefix = "offer-reports"
    icon = "warning"
    menu_label = _("Offer reports")
    menu_order = 290
    add_to_admin_menu = True
    index_view_class = OfferReportIndexView
    edit_view_class = OfferReportCloseView
    inspect_view_enabled = True
    inspect_view_fields = [
        "offer",
        "reason",
        "message",
        "email",
        "created_at",
        "status",
        "closed_by",
        "closed_at",
        "closing_note",
    ]
    copy_view_enabled = False
    filterset_class = OfferReportFilterSet
    list_display = [
        "__str__",
        "reason",
        Column("excerpt", label=_("Message"), accessor=_excerpt),
        StatusTagColumn(
            "get_status_display",
            label=_("Status"),
            sort_key="status",
            primary=lambda report: report.is_open,
        ),
        DateColumn("created_at", label=_("Reported on"), sort_key="created_at"),
    ]
    ordering = ["-created_at", "-pk"]
    search_fields = ["message", "offer__title"]
    list_per_page = 50
