"""Admin view sets of the catalogue's page types, and of the evaluations and their grid."""

import django_filters

from django.db.models import Count, Q
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column, UpdatedAtColumn
from wagtail.admin.views.pages.listing import GenericPageFilterSet
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page
from wagtail.permissions import policy_registry
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .editing import ModerationEditView, ModerationRevisionsRevertView, ModerationWorkflowActionView
from .evaluation_views import (
    EvaluationCreateView,
    EvaluationEditView,
    EvaluationHistoryView,
    EvaluationRevisionsCompareView,
    EvaluationUsageView,
    EvaluationWorkflowHistoryDetailView,
    EvaluationWorkflowHistoryView,
)
from .models import CatalogueIndexPage, CriterionGroup, Evaluation, EvaluationCriterion, OfferKind
from .quality_admin import (
    CatalogueExplorerView,
    OfferTypeUseView,
    QualitySidePanelMixin,
    explorer_columns,
)


class ModeratedPageViewSet(PageViewSet):
    """The views of a page type under the moderation workflow: Wagtail's, with the editor
    and the workflow decisions of `catalogue.editing`."""

    edit_view_class = ModerationEditView
    revisions_revert_view_class = ModerationRevisionsRevertView
    workflow_action_view_class = ModerationWorkflowActionView


class OfferEditView(QualitySidePanelMixin, ModerationEditView):
    pass


class OfferRevisionsRevertView(QualitySidePanelMixin, ModerationRevisionsRevertView):
    pass


class OfferViewSet(ModeratedPageViewSet):
    """Offers: the moderated editor with the data-quality side panel, and the explorer's
    listing of the catalogue with the score column."""

    edit_view_class = OfferEditView
    revisions_revert_view_class = OfferRevisionsRevertView
    index_view_class = CatalogueExplorerView
    content_type_use_view_class = OfferTypeUseView
    columns = explorer_columns()
    # The explorer's own filters (by page type among them).
    filterset_class = GenericPageFilterSet

    @cached_property
    def parent_models(self):
        # Wagtail gives a view set the listing of a parent's children only when the parent
        # holds nothing else; the catalogue also holds collections, so it is named here.
        return [CatalogueIndexPage]

    def get_index_view_kwargs(self, **kwargs):
        # Every child of the catalogue is listed, collections included, as in the explorer.
        return super().get_index_view_kwargs(**{"model": Page, **kwargs})


def moderated_page_viewsets(*models) -> list[ModeratedPageViewSet]:
    """One view set per model: Wagtail picks a page's view set by its class (and its
    ancestors'), and our page types derive from `Page` directly, not from a common base.
    A model with a view set of its own in `VIEWSETS` gets it."""
    return [
        VIEWSETS.get(model._meta.label_lower, ModeratedPageViewSet)(
            name=f"moderated_{model._meta.model_name}", model=model
        )
        for model in models
    ]


VIEWSETS = {"catalogue.offerpage": OfferViewSet}


class CriterionFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Offer kind"), choices=OfferKind.choices, method="filter_kind"
    )

    class Meta:
        model = EvaluationCriterion
        fields = ["group", "active"]

    def filter_kind(self, queryset, name, value):
        # `applies_to` is a JSON list: an empty list means every kind. The quoted code is
        # matched as text, the same on SQLite and PostgreSQL.
        return queryset.filter(Q(applies_to=[]) | Q(applies_to__icontains=f'"{value}"'))


class EvaluationFilterSet(WagtailFilterSet):
    STANDINGS = {
        "current": Q(live=True, superseded_by__isnull=True),
        "superseded": Q(superseded_by__isnull=False),
        "not_approved": Q(live=False),
    }

    standing = django_filters.ChoiceFilter(
        label=capfirst(_("standing")),
        choices=[
            ("current", _("Current")),
            ("superseded", _("Superseded")),
            ("not_approved", _("Not approved")),
        ],
        method="filter_standing",
    )

    class Meta:
        model = Evaluation
        fields = ["actor"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        # An actor's list holds their organisations' evaluations: no other to filter on.
        user = getattr(request, "user", None)
        if user is not None and not user.has_perm("catalogue.change_evaluation"):
            field = self.filters["actor"].field
            field.queryset = field.queryset.filter(users=user)

    def filter_standing(self, queryset, name, value):
        return queryset.filter(self.STANDINGS[value])


class CriterionGroupViewSet(SnippetViewSet):
    model = CriterionGroup
    icon = "list-ul"
    menu_label = _("Criterion groups")
    list_display = ["name", "slug", "sort_order"]
    ordering = ["sort_order", "name"]


class EvaluationCriterionViewSet(SnippetViewSet):
    """The common grid, maintained by coordination. A criterion that has been answered is
    retired (« in use » unticked), never deleted (`refuse_deleting_answered_criteria`)."""

    model = EvaluationCriterion
    icon = "list-ol"
    menu_label = _("Evaluation criteria")
    list_display = [
        "name",
        "group",
        "kinds_label",
        BooleanColumn("active", label=capfirst(_("in use"))),
        Column("answer_count", label=capfirst(_("answers")), sort_key="answer_count"),
    ]
    filterset_class = CriterionFilterSet
    search_fields = ["name", "slug"]
    search_backend_name = None
    ordering = ["group__sort_order", "sort_order", "name"]

    def get_queryset(self, request):
        return (
            EvaluationCriterion.objects.select_related("group")
            .annotate(answer_count=Count("answers"))
            .order_by(*self.ordering)
        )


class EvaluationViewSet(SnippetViewSet):
    """Evaluations in the admin: an actor sees and writes their organisations' ones,
    coordination every one (`OrganisationPermissionPolicy`); the views are those of
    `catalogue.evaluation_views`."""

    model = Evaluation
    icon = "tasks"
    menu_label = _("Evaluations")
    list_display = ["offer", "actor", "standing_label", UpdatedAtColumn()]
    filterset_class = EvaluationFilterSet
    search_fields = ["offer__title", "actor__name"]
    search_backend_name = None
    copy_view_enabled = False
    add_view_class = EvaluationCreateView
    edit_view_class = EvaluationEditView
    history_view_class = EvaluationHistoryView
    revisions_compare_view_class = EvaluationRevisionsCompareView
    usage_view_class = EvaluationUsageView
    workflow_history_view_class = EvaluationWorkflowHistoryView
    workflow_history_detail_view_class = EvaluationWorkflowHistoryDetailView

    def get_queryset(self, request):
        policy = policy_registry.get_by_type(Evaluation)
        return (
            policy.instances_user_has_any_permission_for(request.user, ["change"])
            .select_related("offer", "actor")
            .order_by("-pk")
        )


class EvaluationViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Evaluations")
    menu_icon = "tasks"
    menu_order = 250
    items = (EvaluationViewSet, EvaluationCriterionViewSet, CriterionGroupViewSet)
