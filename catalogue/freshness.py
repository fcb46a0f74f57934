"""The admin report « Offres à revoir »: the offers whose review date is past or near,
and those that have none, through Wagtail's report views (sortable columns, filters, and
the CSV and XLSX downloads of `SpreadsheetExportMixin`).

Who sees it: whoever may publish pages, that is the coordination (and superusers), each
for the offers they may publish. Publishing is the right to vouch for what an offer page
says, so it is the right to decide that an offer needs checking again. Digital actors
never publish: they see neither the report nor its menu item; the offers of their
organisation reach them through the coordination, which asks them to update."""

import datetime

import django_filters

from django import forms
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, StatusTagColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permissions import page_permission_policy

from .choices import ReportStatus, ReviewDue
from .models import MODEL_BY_KIND, Actor, OfferKind, OfferPage, OfferReport
from .opendata import CSV_FORMULA_TRIGGERS, CSV_TEXT_PREFIX

PERMISSION = "publish"


def may_see_offers_to_review(user) -> bool:
    return page_permission_policy.user_has_permission(user, PERMISSION)


def _soon() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=settings.OFFER_REVIEW_SOON_DAYS)


def offers_to_review(user) -> QuerySet[OfferPage]:
    """The offers `user` may publish whose review date is past or within
    `OFFER_REVIEW_SOON_DAYS`, or unset, with their count of open reports; drafts
    included, since a draft may be published as it stands."""
    publishable = page_permission_policy.instances_user_has_permission_for(user, PERMISSION)
    open_reports = (
        OfferReport.objects.filter(offer=OuterRef("pk"), status=ReportStatus.OPEN)
        .order_by()
        .values("offer")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        OfferPage.objects.filter(pk__in=publishable.values("pk"))
        .filter(Q(review_by__isnull=True) | Q(review_by__lte=_soon()))
        .select_related("provider", "content_type")
        # What each row's status reads ("scheduled", "in moderation"), for the whole page.
        .annotate_approved_schedule()
        .prefetch_workflow_states()
        .annotate(
            open_reports=Coalesce(Subquery(open_reports, output_field=IntegerField()), Value(0))
        )
    )


class OffersToReviewFilterSet(WagtailFilterSet):
    due = django_filters.ChoiceFilter(
        label=_("Review"),
        choices=ReviewDue.choices,
        empty_label=_("All to review"),
        method="filter_due",
        widget=forms.RadioSelect,
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind of offer"),
        choices=OfferKind.choices,
        empty_label=_("All"),
        method="filter_kind",
        widget=forms.RadioSelect,
    )
    provider = django_filters.ModelChoiceFilter(
        label=_("Organisation"),
        queryset=Actor.objects.order_by("name"),
        empty_label=_("All"),
    )
    live = django_filters.BooleanFilter(
        label=_("Published"),
        widget=forms.RadioSelect(choices=[("", _("All")), ("true", _("Yes")), ("false", _("No"))]),
    )

    class Meta:
        model = OfferPage
        fields = ["due", "kind", "provider", "live"]

    def filter_due(self, queryset, name, value):
        today = timezone.localdate()
        if value == ReviewDue.OVERDUE:
            return queryset.filter(review_by__lt=today)
        if value == ReviewDue.SOON:
            return queryset.filter(review_by__gte=today, review_by__lte=_soon())
        if value == ReviewDue.UNDATED:
            return queryset.filter(review_by__isnull=True)
        return queryset

    def filter_kind(self, queryset, name, value):
        content_type = ContentType.objects.get_for_model(MODEL_BY_KIND[value])
        return queryset.filter(content_type=content_type)


def review_state(review_by: datetime.date | None, today: datetime.date) -> str:
    """The review date in words, as the report and its export say it."""
    if review_by is None:
        return gettext("No review date")
    days = (review_by - today).days
    if days < 0:
        return ngettext("%(days)d day late", "%(days)d days late", -days) % {"days": -days}
    if days == 0:
        return gettext("Due today")
    return ngettext("Due in %(days)d day", "Due in %(days)d days", days) % {"days": days}


def _day(value: datetime.date | None) -> str:
    return date_format(value, "j F Y") if value else ""


def _csv_text(value: str) -> str:
    # Offer titles and organisation names are typed by editors: a spreadsheet must read
    # them as text, never run them as formulas (see `catalogue.opendata`).
    return CSV_TEXT_PREFIX + value if value.startswith(CSV_FORMULA_TRIGGERS) else value


class OpenReportsColumn(Column):
    """The count of open reports, linked to the queue filtered on the offer."""

    cell_template_name = "catalogue/admin/open_reports_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        count = instance.open_reports
        context["url"] = reverse("offer_reports:index") + f"?offer={instance.pk}" if count else None
        return context


class OffersToReviewView(ReportView):
    page_title = _("Offers to review")
    header_icon = "time"
    index_url_name = "offers_to_review"
    index_results_url_name = "offers_to_review_results"
    filterset_class = OffersToReviewFilterSet
    permission_required = PERMISSION
    default_ordering = "review_by"
    export_headings = {
        "title": _("Offer"),
        "kind_name": _("Kind of offer"),
        "provider_name": _("Organisation"),
        "status_string": _("Status"),
        "last_qualified_on": _("Last qualified on"),
        "review_by": _("Review by"),
        "review_state": _("Review"),
        "open_reports": _("Open reports"),
        "edit_url": _("Edit in the admin"),
    }
    list_export = list(export_headings)
    custom_value_preprocess = {
        **ReportView.custom_value_preprocess,
        str: {ReportView.FORMAT_CSV: _csv_text},
    }

    @cached_property
    def permission_policy(self):
        return page_permission_policy

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "title",
                label=_("Offer"),
                sort_key="title",
                get_url=lambda offer: reverse("wagtailadmin_pages:edit", args=[offer.pk]),
            ),
            Column("kind_name", label=_("Kind of offer")),
            Column("provider_name", label=_("Organisation"), sort_key="provider__name"),
            StatusTagColumn(
                "status_string",
                label=_("Status"),
                sort_key="live",
                primary=lambda offer: offer.live,
            ),
            # Days, not moments: Wagtail's DateColumn says "just now" of a date to come.
            Column(
                "last_qualified_on",
                label=_("Last qualified on"),
                sort_key="last_qualified_on",
                accessor=lambda offer: _day(offer.last_qualified_on),
            ),
            Column(
                "review_by",
                label=_("Review by"),
                sort_key="review_by",
                accessor=lambda offer: _day(offer.review_by),
            ),
            Column("review_state", label=_("Review")),
            OpenReportsColumn("open_reports", label=_("Open reports"), sort_key="open_reports"),
        ]

    def get_filename(self):
        return "offres-a-revoir-" + timezone.localdate().isoformat()

    def get_queryset(self):
        self.queryset = offers_to_review(self.request.user)
        return super().get_queryset()

    def order_queryset(self, queryset):
        # Dates and names that are missing come first: an offer never reviewed is the
        # most urgent, and the same order holds on SQLite and PostgreSQL.
        ordering = self.ordering or self.default_ordering
        descending = ordering.startswith("-")
        field = F(ordering.lstrip("-"))
        key = field.desc(nulls_last=True) if descending else field.asc(nulls_first=True)
        return queryset.order_by(key, "title", "pk")

    def decorate_paginated_queryset(self, object_list):
        today = timezone.localdate()
        base_url = settings.WAGTAILADMIN_BASE_URL
        for offer in object_list:
            offer.kind_name = offer.content_type.model_class().kind_label
            offer.provider_name = offer.provider.name if offer.provider else ""
            offer.review_state = review_state(offer.review_by, today)
            offer.edit_url = base_url + reverse("wagtailadmin_pages:edit", args=[offer.pk])
        return object_list


class OffersToReviewMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_offers_to_review(request.user)
