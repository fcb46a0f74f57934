"""The « Broken links » admin report: the links the last check found broken, for the
coordination (and superusers), sortable and exported as CSV or XLSX by Wagtail's report
views."""

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from wagtail.admin.menu import MenuItem
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from .link_selectors import broken_links
from .roles import COORDINATION, in_group

# The model's field is « code HTTP », lower case as field names are; a heading takes a capital.
STATUS_LABEL = pgettext_lazy("report column", "HTTP status")


def can_see_link_report(user) -> bool:
    return user.is_active and (user.is_superuser or in_group(user, COORDINATION))


def short_url(url: str, length: int = 60) -> str:
    """The address as the report shows it: without its scheme, cut to a readable length
    (the link itself keeps the whole address)."""
    text = url.split("://", 1)[-1]
    return text if len(text) <= length else f"{text[: length - 1]}…"


class BrokenLinksPaginator(WagtailPaginator):
    # « 4 liens cassés » under the table, rather than the model's « vérifications de liens ».
    verbose_name = _("broken link")
    verbose_name_plural = _("broken links")


def _local_time(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


class BrokenLinksReportView(ReportView):
    page_title = _("Broken links")
    header_icon = "link"
    index_url_name = "broken_links_report"
    index_results_url_name = "broken_links_report_results"
    default_ordering = "first_broken_at"
    paginator_class = BrokenLinksPaginator
    no_results_message = _(
        "No broken link: every link worked at the last check, or no check has run yet "
        "(manage.py check_links)."
    )
    columns = [
        TitleColumn(
            "offer",
            label=_("Offer"),
            accessor="offer.title",
            width="22%",
            url_name="wagtailadmin_pages:edit",
            id_accessor="offer_id",
            sort_key="offer__title",
        ),
        TitleColumn(
            "url",
            label=_("Link"),
            accessor=lambda row: short_url(row.url),
            get_url=lambda row: row.url,
            width="22%",
            link_attrs={"target": "_blank", "rel": "noopener noreferrer"},
            sort_key="url",
        ),
        Column("source", label=_("Found in"), accessor="get_source_display", sort_key="source"),
        Column("status_code", label=STATUS_LABEL, sort_key="status_code"),
        Column("error", label=_("Error"), width="20%"),
        DateColumn("first_broken_at", label=_("Broken since"), sort_key="first_broken_at"),
        DateColumn("checked_at", label=_("Last checked"), sort_key="checked_at"),
    ]
    list_export = [
        "offer.title",
        "url",
        "get_source_display",
        "status_code",
        "error",
        "first_broken_at",
        "checked_at",
    ]
    export_headings = {
        "offer.title": _("Offer"),
        "url": _("Link"),
        "get_source_display": _("Found in"),
        "status_code": STATUS_LABEL,
        "error": _("Error"),
        "first_broken_at": _("Broken since"),
        "checked_at": _("Last checked"),
    }
    # Local time rather than the stored UTC, as the report shows it.
    custom_field_preprocess = {
        field: {ReportView.FORMAT_CSV: _local_time} for field in ("first_broken_at", "checked_at")
    }

    def dispatch(self, request, *args, **kwargs):
        if not can_see_link_report(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return broken_links()

    def order_queryset(self, queryset):
        # The id last, so that rows sorted on equal values keep their place from page to page.
        return queryset.order_by(self.ordering, "pk")

    def get_filename(self):
        name = gettext("broken-links")
        return f"{name}-{timezone.localdate():%Y-%m-%d}"


class BrokenLinksMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_link_report(request.user)
