"""The « Mes associations » admin views: an advisor's associations, each with its runs,
the form that attaches a result to it, and the progress between its two latest runs.

Every view reads its association through `selectors.associations_for`, so another
advisor's association is a 404, whatever the URL says. Nothing here writes a log entry:
Wagtail's would copy the association's name into the site history, which other roles
read."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View

from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage

from .association_forms import AttachResultForm
from .association_selectors import (
    association_runs,
    associations_for,
    diagnostic_path,
    result_public_path,
)
from .charts import progress_chart
from .choices import MaturityLevel
from .models import AdvisedAssociation
from .progress import axis_progress
from .services import (
    advisor_run_detach,
    association_attach_result,
    association_create,
    association_update,
)


def _level_label(level: str) -> str:
    return MaturityLevel(level).label if level in MaturityLevel.values else ""


def _advisor_name(association) -> str:
    advisor = association.advisor
    return advisor.get_full_name() or advisor.get_username()


class AssociationIndexView(generic.IndexView):
    add_item_label = _("New association")

    def get_base_queryset(self):
        return associations_for(self.request.user, "view").order_by("name", "pk")

    @cached_property
    def sees_others(self) -> bool:
        # The coordination (and superusers) read every advisor's associations.
        return self.request.user.has_perm("diagnostic.view_advisedassociation")

    def get_page_title(self):
        return _("Advised associations") if self.sees_others else _("My associations")

    @cached_property
    def columns(self):
        title = self._get_title_column_class(TitleColumn)(
            "name",
            label=_("Association"),
            sort_key="name",
            get_url=self.get_inspect_url,
        )
        columns = [
            title,
            Column("run_count", label=_("Runs"), sort_key="run_count"),
            DateColumn("last_run_at", label=_("Last run"), sort_key="last_run_at"),
            Column(
                "last_level",
                label=_("Last level"),
                accessor=lambda a: _level_label(a.last_level or ""),
            ),
        ]
        if self.sees_others:
            columns.insert(1, Column("advisor", label=_("Advisor"), accessor=_advisor_name))
        return columns

    def get_edit_url(self, instance):
        # The coordination reads other advisors' associations: no edit or delete there.
        if self.user_has_permission_for_instance("change", instance):
            return super().get_edit_url(instance)
        return None

    def get_delete_url(self, instance):
        if self.user_has_permission_for_instance("delete", instance):
            return super().get_delete_url(instance)
        return None


class AssociationCreateView(generic.CreateView):
    inspect_url_name = None
    page_title = _("New association")
    success_message = _("Association « %(object)s » created: attach its first result below.")

    def save_instance(self):
        return association_create(
            advisor=self.request.user,
            name=self.form.cleaned_data["name"],
            notes=self.form.cleaned_data["notes"],
        )

    def get_success_url(self):
        # To the association's page, where its first result is attached.
        return reverse(self.inspect_url_name, args=(self.object.pk,))

    def get_success_buttons(self):
        return []


class AssociationEditView(generic.EditView):
    success_message = _("Association « %(object)s » saved.")

    def get_queryset(self):
        return associations_for(self.request.user, "change")

    def get_success_url(self):
        return reverse(self.inspect_url_name, args=(self.object.pk,))

    def get_success_buttons(self):
        return []

    def save_instance(self):
        return association_update(
            association=self.object,
            name=self.form.cleaned_data["name"],
            notes=self.form.cleaned_data["notes"],
        )


class AssociationDeleteView(generic.DeleteView):
    success_message = _(
        "Association « %(object)s » deleted. Its results stay, anonymous, until the "
        "retention period ends."
    )

    def get_object(self, queryset=None):
        try:
            return associations_for(self.request.user, "delete").get(
                pk=self.kwargs[self.pk_url_kwarg]
            )
        except (AdvisedAssociation.DoesNotExist, ValueError) as error:
            raise Http404 from error

    def delete_action(self):
        # Its runs go with it; the results stay, anonymous, under the retention rule.
        self.object.delete()


class AssociationDetailView(generic.InspectView):
    """The association's page: its notes, its runs, the progress between the two latest,
    and the form that attaches a result (for its advisor only)."""

    template_name = "diagnostic/admin/association_detail.html"
    detach_url_name = None

    def get_object(self, queryset=None):
        try:
            return associations_for(self.request.user, "view").get(pk=self.pk)
        except (AdvisedAssociation.DoesNotExist, ValueError, ValidationError) as error:
            raise Http404 from error

    def get_page_title(self):
        return self.object.name

    def get_page_subtitle(self):
        return None

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse(self.index_url_name),
                "label": _("Advised associations")
                if self.request.user.has_perm("diagnostic.view_advisedassociation")
                else _("My associations"),
            },
            {"url": "", "label": self.object.name},
        ]

    @cached_property
    def may_edit(self) -> bool:
        return self.user_has_permission_for_instance("change", self.object)

    def get_edit_url(self):
        return super().get_edit_url() if self.may_edit else None

    def get_delete_url(self):
        if self.user_has_permission_for_instance("delete", self.object):
            return super().get_delete_url()
        return None

    def post(self, request, *args, **kwargs):
        if not self.may_edit:
            raise PermissionDenied
        form = AttachResultForm(request.POST)
        if form.is_valid():
            try:
                run = association_attach_result(
                    association=self.object,
                    result_id=form.cleaned_data["result"],
                    notes=form.cleaned_data["notes"],
                )
            except ValidationError as error:
                form.add_error("result", error)
            else:
                messages.success(
                    request,
                    gettext("Run of %(date)s attached to « %(association)s ».")
                    % {
                        "date": date_format(localtime(run.result.created_at), "j F Y"),
                        "association": self.object.name,
                    },
                )
                return redirect(request.path)
        return self.render_to_response(self.get_context_data(attach_form=form))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        runs = association_runs(self.object)
        rows = [
            {
                "run": run,
                "result": run.result,
                "level": _level_label(run.result.level),
                "url": result_public_path(run.result, self.request),
                "detach_url": reverse(self.detach_url_name, args=(self.object.pk, run.pk))
                if self.may_edit and self.detach_url_name
                else None,
            }
            for run in runs
        ]
        context.update(
            association=self.object,
            advisor_name=_advisor_name(self.object),
            is_own=self.object.advisor_id == self.request.user.pk,
            rows=rows,
            may_edit=self.may_edit,
        )
        if self.may_edit:
            context.setdefault("attach_form", AttachResultForm())
            context["diagnostic_url"] = diagnostic_path(self.request)
        if len(runs) >= 2:
            later, earlier = runs[0].result, runs[1].result
            progress = axis_progress(earlier.axis_scores, later.axis_scores)
            before = date_format(localtime(earlier.created_at), "j F Y")
            after = date_format(localtime(later.created_at), "j F Y")
            context.update(
                progress=progress,
                before_label=before,
                after_label=after,
                progress_chart=progress_chart(
                    progress.chart_rows(),
                    title=gettext("Progress per axis between %(before)s and %(after)s")
                    % {"before": before, "after": after},
                    before=before,
                    after=after,
                ),
            )
        return context


class _OwnAssociationMixin:
    """An association's history and usage pages exist for every model in Wagtail's admin;
    they name the association, so they read it as the rest of the area does: the
    advisor's own, or any for the coordination, else a 404."""

    def get_base_object_queryset(self):
        return associations_for(self.request.user, "view")

    def get_object(self):
        try:
            return super().get_object()
        except (ValueError, TypeError) as error:  # an identifier that is no number
            raise Http404 from error


class AssociationHistoryView(_OwnAssociationMixin, history.HistoryView):
    pass


class AssociationUsageView(_OwnAssociationMixin, usage.UsageView):
    pass


class AssociationRunDetachView(View):
    """Take a run off the association (a result attached by mistake). The message gives
    the result's address back, so that it can be attached again, here or elsewhere."""

    inspect_url_name = None

    def post(self, request, pk, run_pk):
        association = associations_for(request.user, "change").filter(pk=pk).first()
        if association is None:
            raise Http404
        run = association.runs.select_related("result", "result__page").filter(pk=run_pk).first()
        if run is None:
            raise Http404
        result = advisor_run_detach(run=run)
        messages.success(
            request,
            gettext(
                "Run of %(date)s detached. Its result stays, anonymous; to attach it again, "
                "paste its identifier: %(id)s"
            )
            % {"date": date_format(localtime(result.created_at), "j F Y"), "id": result.pk},
        )
        return redirect(reverse(self.inspect_url_name, args=(association.pk,)))
