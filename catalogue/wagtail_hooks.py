from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin import messages
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .freshness import OffersToReviewMenuItem, OffersToReviewView
from .models import (
    Actor,
    Audience,
    CriterionGroup,
    Evaluation,
    EvaluationCriterion,
    OfferPage,
    OfferReport,
    SearchSynonym,
    Theme,
)
from .permissions import OrganisationPermissionPolicy
from .report_services import CLOSE_ACTION
from .report_viewsets import OfferReportPermissionPolicy, OfferReportViewSet
from .viewsets import EvaluationViewSetGroup


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Themes")
    list_display = ["name", "parent", "slug"]
    list_filter = ["parent"]
    search_fields = ["name"]
    ordering = ["parent__sort_order", "sort_order", "name"]


class AudienceViewSet(SnippetViewSet):
    model = Audience
    icon = "group"
    menu_label = _("Audiences")
    list_display = ["name", "slug"]


class ActorViewSet(SnippetViewSet):
    model = Actor
    icon = "site"
    menu_label = _("Actors")
    list_display = ["name", "kind", "commune", "guidasso_level"]
    list_filter = ["kind", "guidasso_level"]
    search_fields = ["name"]


class SearchSynonymViewSet(SnippetViewSet):
    model = SearchSynonym
    icon = "search"
    menu_label = _("Search synonyms")
    list_display = ["__str__"]


class CatalogueViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Taxonomies")
    menu_icon = "folder-open-inverse"
    menu_order = 300
    items = (ActorViewSet, ThemeViewSet, AudienceViewSet, SearchSynonymViewSet)


register_snippet(CatalogueViewSetGroup)

register_permission_policy(Evaluation, OrganisationPermissionPolicy(Evaluation), exact_class=True)
register_snippet(EvaluationViewSetGroup)


@hooks.register("construct_snippet_action_menu")
def no_direct_publication_of_evaluations(menu_items, request, context):
    """Publishing an evaluation is approving it: that goes through the workflow, where no
    one approves their own (`catalogue.evaluation_views`)."""
    if context.get("model") is Evaluation and not request.user.is_superuser:
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]


@hooks.register("before_delete_snippet")
def refuse_deleting_answered_criteria(request, instances):
    """A criterion that has been answered is retired, never deleted, and a group is
    emptied before it goes: say so instead of the database's refusal, for one item or a
    bulk deletion alike."""
    criteria = [item.pk for item in instances if isinstance(item, EvaluationCriterion)]
    answered = list(
        EvaluationCriterion.objects.filter(pk__in=criteria, answers__isnull=False).distinct()
    )
    if answered:
        messages.error(
            request,
            gettext(
                "These criteria have been answered in evaluations and cannot be deleted: "
                "%(criteria)s. Untick « in use » to retire them; past evaluations keep their "
                "answers."
            )
            % {"criteria": ", ".join(f"“{criterion}”" for criterion in answered)},
        )
        return redirect(reverse(EvaluationCriterion.snippet_viewset.get_url_name("list")))
    groups = [item.pk for item in instances if isinstance(item, CriterionGroup)]
    holding = list(CriterionGroup.objects.filter(pk__in=groups, criteria__isnull=False).distinct())
    if holding:
        messages.error(
            request,
            gettext(
                "These groups still hold criteria and cannot be deleted: %(groups)s. Move or "
                "delete their criteria first."
            )
            % {"groups": ", ".join(f"“{group}”" for group in holding)},
        )
        return redirect(reverse(CriterionGroup.snippet_viewset.get_url_name("list")))
    return None


@hooks.register("register_schema_query")
def register_catalogue_queries(query_mixins):
    from .schema import resolvers  # noqa: F401  (registers the nested fields' resolvers)
    from .schema.queries import CatalogueQuery

    query_mixins.append(CatalogueQuery)


@hooks.register("register_admin_viewset")
def register_moderated_page_viewsets():
    from .models import CatalogueIndexPage, OfferPage, ThematicCollectionPage
    from .viewsets import moderated_page_viewsets

    return moderated_page_viewsets(CatalogueIndexPage, OfferPage, ThematicCollectionPage)


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_of_duplicates(request, page):
    """A submitted or published offer leaves the editor, so the form's duplicate panel is
    not seen again: say it in a message. A saved draft returns to the form, which shows
    it; autosaves must not pile messages up for later."""
    if not isinstance(page, OfferPage) or not (
        request.POST.get("action-submit") or request.POST.get("action-publish")
    ):
        return
    duplicates = OfferPage.possible_duplicates(
        title=page.title, website=page.website, exclude_pk=page.pk
    )
    if duplicates:
        messages.warning(
            request,
            _("“%(title)s” may duplicate an existing offer: %(others)s.")
            % {
                "title": page.title,
                "others": ", ".join(f"“{other.title}”" for other in duplicates),
            },
            buttons=[
                messages.button(
                    other.get_url(request)
                    if other.live
                    else reverse("wagtailadmin_pages:edit", args=[other.pk]),
                    _("Open “%(title)s”") % {"title": other.title},
                    new_window=True,
                )
                for other in duplicates
            ],
        )


@hooks.register("after_bulk_action")
def remember_bulk_publication(request, action_type, objects, action):
    """Editor tabs left open on the pages just published must not autosave a draft over them."""
    from wagtail.models import Page

    from .editing import decision_remember

    if action_type == "publish":
        for page in objects:
            if isinstance(page, Page):
                decision_remember(request, page.pk)


# Offer reports (« signaler une information erronée ») and the offers to review.
register_permission_policy(OfferReport, OfferReportPermissionPolicy(OfferReport))


@hooks.register("register_admin_viewset")
def register_offer_report_viewset():
    return OfferReportViewSet()


@hooks.register("register_log_actions")
def register_offer_report_log_actions(actions):
    actions.register_action(CLOSE_ACTION, _("Close report"), _("Report closed"))


@hooks.register("register_admin_urls")
def register_offers_to_review_urls():
    return [
        path("reports/offers-to-review/", OffersToReviewView.as_view(), name="offers_to_review"),
        path(
            "reports/offers-to-review/results/",
            OffersToReviewView.as_view(results_only=True),
            name="offers_to_review_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_offers_to_review_menu_item():
    return OffersToReviewMenuItem(
        _("Offers to review"),
        reverse("offers_to_review"),
        name="offers-to-review",
        icon_name="time",
        order=650,
    )


@hooks.register("register_admin_urls")
def register_link_report_urls():
    from .link_report import BrokenLinksReportView

    return [
        path("reports/broken-links/", BrokenLinksReportView.as_view(), name="broken_links_report"),
        path(
            "reports/broken-links/results/",
            BrokenLinksReportView.as_view(results_only=True),
            name="broken_links_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_link_report_menu_item():
    from .link_report import BrokenLinksMenuItem

    return BrokenLinksMenuItem(
        _("Broken links"),
        reverse("broken_links_report"),
        name="broken-links",
        icon_name="link",
        order=1200,
    )
