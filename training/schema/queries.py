"""Root fields of the training offer, registered through grapple's `register_schema_query`."""

import graphene

from django.utils.translation import gettext

from cms.api.arguments import lookup_arguments, model_type, single_page
from cms.api.errors import BadUserInput
from cms.api.filters import filter_arguments, filter_queryset
from cms.api.pagination import page_arguments, paginate, paginated_type

from .. import selectors
from ..filters import ModuleFilterSet
from ..models import TrainingModulePage, TrainingPathPage, TrainingSession

TrainingModuleList = paginated_type(
    "TrainingModuleList", model_type(TrainingModulePage), "Une page de modules de formation."
)
TrainingSessionList = paginated_type(
    "TrainingSessionList", model_type(TrainingSession), "Une page de sessions de formation."
)


class TrainingQuery:
    training_paths = graphene.List(
        graphene.NonNull(model_type(TrainingPathPage)),
        required=True,
        description="Parcours de formation publiés (Niveau 1, Niveau 2…).",
    )
    training_path = graphene.Field(
        model_type(TrainingPathPage),
        description="Un parcours publié.",
        **lookup_arguments("du parcours"),
    )
    training_modules = graphene.Field(
        TrainingModuleList,
        required=True,
        description="Modules de formation publiés, filtrés et paginés.",
        **filter_arguments(ModuleFilterSet),
        **page_arguments(),
    )
    training_module = graphene.Field(
        model_type(TrainingModulePage),
        description="Un module publié.",
        **lookup_arguments("du module"),
    )
    upcoming_sessions = graphene.Field(
        TrainingSessionList,
        required=True,
        description="Sessions à venir des modules publiés, les plus proches d'abord.",
        from_=graphene.DateTime(
            name="from",
            description="Sessions qui finissent après cette date (défaut : maintenant).",
        ),
        to=graphene.DateTime(description="Sessions qui commencent avant cette date."),
        territory=graphene.String(
            description="Code postal, numéro de département (ex. 37) ou « en-ligne »."
        ),
        **page_arguments(),
    )

    def resolve_training_paths(self, info):
        return selectors.visible_paths()

    def resolve_training_path(self, info, id=None, slug=None, url_path=None):
        return single_page(
            TrainingPathPage.objects,
            id=id,
            slug=slug,
            url_path=url_path,
            not_found=gettext("No published training path matches."),
        )

    def resolve_training_modules(self, info, page, per_page, **filters):
        modules = filter_queryset(ModuleFilterSet, filters)
        return paginate(modules, page=page, per_page=per_page, load=selectors.load_modules)

    def resolve_training_module(self, info, id=None, slug=None, url_path=None):
        return single_page(
            TrainingModulePage.objects,
            id=id,
            slug=slug,
            url_path=url_path,
            not_found=gettext("No published training module matches."),
        )

    def resolve_upcoming_sessions(self, info, page, per_page, from_=None, to=None, territory=None):
        if from_ and to and to < from_:
            raise BadUserInput(gettext("`to` must come after `from`."), field="to")
        qs = selectors.upcoming_sessions(start=from_, end=to)
        if territory:
            try:
                qs = selectors.filter_sessions_by_territory(qs, territory)
            except ValueError as exc:
                raise BadUserInput(str(exc), field="territory") from exc
        return paginate(qs, page=page, per_page=per_page)
