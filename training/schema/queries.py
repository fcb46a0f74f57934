"""Root fields of the training offer, registered through grapple's `register_schema_query`."""

import graphene

from catalogue.models import Audience, Theme
from catalogue.schema.enums import enum_from_choices
from catalogue.schema.queries import lookup_arguments, single_page
from catalogue.selectors import unknown_slugs
from cms.api.arguments import model_type, parse_id
from cms.api.errors import BadUserInput
from cms.api.pagination import page_arguments, paginate, paginated_type

from .. import selectors
from ..choices import PathLevel
from ..models import TrainingModulePage, TrainingPathPage, TrainingSession

PathLevelEnum = enum_from_choices("TrainingLevel", PathLevel, "Niveau de formation.")


TrainingModuleList = paginated_type(
    "TrainingModuleList", model_type(TrainingModulePage), "Une page de modules de formation."
)
TrainingSessionList = paginated_type(
    "TrainingSessionList", model_type(TrainingSession), "Une page de sessions de formation."
)


def _check_slugs(model, slugs, field):
    if unknown := unknown_slugs(model, slugs):
        raise BadUserInput(f"{field} : valeur inconnue : {', '.join(unknown)}.", field=field)
    return list(slugs or [])


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
        level=graphene.List(graphene.NonNull(PathLevelEnum), description="Niveaux (OU)."),
        themes=graphene.List(
            graphene.NonNull(graphene.String),
            description="Identifiants de thématiques (OU) ; une thématique parente inclut ses sous-thématiques.",
        ),
        audiences=graphene.List(
            graphene.NonNull(graphene.String), description="Identifiants de publics (OU)."
        ),
        offer=graphene.ID(
            description="Seulement les modules qui utilisent cette offre (identifiant)."
        ),
        search=graphene.String(description="Recherche plein texte."),
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
        return selectors.live_paths()

    def resolve_training_path(self, info, id=None, slug=None, url_path=None):
        return single_page(
            TrainingPathPage.objects, id=id, slug=slug, url_path=url_path, label="parcours"
        )

    def resolve_training_modules(
        self, info, page, per_page, level=None, themes=None, audiences=None, offer=None, search=None
    ):
        qs = selectors.filter_modules(
            levels=[getattr(value, "value", value) for value in level or []],
            themes=_check_slugs(Theme, themes, "themes"),
            audiences=_check_slugs(Audience, audiences, "audiences"),
            offer=parse_id(offer, "offer"),
            search=search or "",
        )
        return paginate(qs, page=page, per_page=per_page, load=selectors.load_modules)

    def resolve_training_module(self, info, id=None, slug=None, url_path=None):
        return single_page(
            TrainingModulePage.objects, id=id, slug=slug, url_path=url_path, label="module"
        )

    def resolve_upcoming_sessions(self, info, page, per_page, from_=None, to=None, territory=None):
        if from_ and to and to < from_:
            raise BadUserInput("`to` doit suivre `from`.", field="to")
        qs = selectors.upcoming_sessions(start=from_, end=to)
        if territory:
            try:
                qs = selectors.filter_sessions_by_territory(qs, territory)
            except ValueError as exc:
                raise BadUserInput(str(exc), field="territory") from exc
        return paginate(qs, page=page, per_page=per_page)
