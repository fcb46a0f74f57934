from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from catalogue.viewsets import moderated_page_viewsets

from .models import (
    Competence,
    CompetenceDomain,
    TrainingIndexPage,
    TrainingModulePage,
    TrainingPathPage,
    TrainingSession,
)


class SessionViewSet(SnippetViewSet):
    model = TrainingSession
    icon = "date"
    menu_label = _("Sessions")
    # A boolean column shows a mark, where the bare field would read "True"/"False".
    list_display = ["module", "start", "commune", BooleanColumn("online"), "seats"]
    list_filter = ["online", "module"]
    ordering = ["-start"]
    # Advisors hold only the "view" permission: the inspect view is what they can open.
    inspect_view_enabled = True


class CompetenceViewSet(SnippetViewSet):
    model = Competence
    icon = "tick-inverse"
    menu_label = _("Competences (CRCN)")
    list_display = ["code", "name", "domain"]
    list_filter = ["domain"]


class DomainViewSet(SnippetViewSet):
    model = CompetenceDomain
    icon = "list-ul"
    menu_label = _("Domains (CRCN)")
    list_display = ["code", "name"]


class TrainingViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Training")
    menu_icon = "group"
    menu_order = 310
    items = (SessionViewSet, CompetenceViewSet, DomainViewSet)


register_snippet(TrainingViewSetGroup)


@hooks.register("register_schema_query")
def register_training_queries(query_mixins):
    from .schema import resolvers  # noqa: F401  (registers the nested fields' resolvers)
    from .schema.queries import TrainingQuery

    query_mixins.append(TrainingQuery)


@hooks.register("register_admin_viewset")
def register_moderated_page_viewsets():
    return moderated_page_viewsets(TrainingIndexPage, TrainingPathPage, TrainingModulePage)
