from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_guide import ContributorsGuideView, without_english_guides
from .dashboard import AdvisorPanel, ModerationQueuePanel, MyWorkPanel, ProposePanel
from .roles import ACTORS, ADVISORS, COORDINATION


@hooks.register("construct_homepage_panels")
def add_editorial_panels(request, panels):
    groups = set(request.user.groups.values_list("name", flat=True))
    panels.append(ProposePanel())
    if ADVISORS in groups:
        panels.append(AdvisorPanel())
    if ACTORS in groups or request.user.is_superuser:
        panels.append(MyWorkPanel())
    if COORDINATION in groups or request.user.is_superuser:
        panels.append(ModerationQueuePanel())


@hooks.register("register_schema_query")
def register_home_queries(query_mixins):
    # The site-wide search, and the resolvers of the home pages' nested fields.
    from .schema import resolvers  # noqa: F401
    from .schema.queries import build_search_query

    query_mixins.append(build_search_query())


@hooks.register("register_admin_urls")
def register_guide_url():
    return [path("guide/", ContributorsGuideView.as_view(), name="contributors_guide")]


@hooks.register("register_help_menu_item")
def register_guide_menu_item():
    return MenuItem(
        _("Contributors' guide"), reverse("contributors_guide"), icon_name="help", order=900
    )


@hooks.register("construct_help_menu")
def remove_english_guides(request, items):
    items[:] = without_english_guides(items)
