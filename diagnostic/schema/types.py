"""GraphQL types of the diagnostic that no model generates: the questionnaire as it is
answered (read from the page's StreamField through `scoring`), and a stored result with
its scores and recommendations. A result carries no identity: nothing here reaches an
advisor, an advised association or a user."""

from enum import Enum as PyEnum

import graphene

from catalogue.models import Actor
from catalogue.schema.interfaces import OfferInterface
from cms.api.arguments import model_type
from training.models import TrainingModulePage, TrainingSession

from ..choices import MaturityLevel
from ..models import Measure
from . import resolvers


def level_code(level: str | None) -> str | None:
    # Stored rows hold the code; a row just created and outcomes hold the member.
    return MaturityLevel(level).value if level else None


def level_label(level: str | None) -> str | None:
    return str(MaturityLevel(level).label) if level else None


_LEVELS = {
    MaturityLevel.BEGINNER: "Peu initiée : moins de 40 %.",
    MaturityLevel.PROGRESSING: "En progrès : de 40 % à moins de 75 %.",
    MaturityLevel.EXPERIENCED: "Expérimentée : 75 % et plus.",
}

# The codes hold hyphens, which GraphQL names may not: PEU_INITIEE stands for
# « peu-initiee ».
MaturityLevelEnum = graphene.Enum.from_enum(
    PyEnum(
        "MaturityLevel",
        [(level.value.replace("-", "_").upper(), level.value) for level in MaturityLevel],
    ),
    description=lambda member: (
        "Niveau de maturité numérique." if member is None else _LEVELS[member.value]
    ),
)


class DiagnosticOption(graphene.ObjectType):
    value = graphene.String(
        required=True, description="Code de la réponse, à envoyer dans `runDiagnostic`."
    )
    label = graphene.String(required=True, description="Libellé de la réponse.")
    score = graphene.Int(
        description="Points de la réponse, de 0 à 3 ; nul pour « Je ne sais pas » et "
        "« Non applicable », jamais notées."
    )

    class Meta:
        description = "Une réponse possible à une question."


class DiagnosticQuestion(graphene.ObjectType):
    slug = graphene.String(
        required=True, description="Code de la question, à envoyer dans `runDiagnostic`."
    )
    text = graphene.String(required=True, description="La question.")
    help_text = graphene.String(
        required=True, description="Aide à la réponse ; vide s'il n'y en a pas."
    )
    weight = graphene.Int(required=True, description="Poids de la question dans son axe, de 1 à 3.")
    options = graphene.List(
        graphene.NonNull(DiagnosticOption),
        required=True,
        description="Les réponses notées, dans l'ordre ; « Je ne sais pas » et « Non "
        "applicable » sont listées une fois pour toutes dans `unscoredAnswers`.",
    )

    class Meta:
        description = "Une question du diagnostic."


class DiagnosticAxis(graphene.ObjectType):
    slug = graphene.String(required=True, description="Code de l'axe.")
    name = graphene.String(required=True, description="Nom de l'axe.")
    description = graphene.String(
        required=True, description="Présentation de l'axe ; vide s'il n'y en a pas."
    )
    questions = graphene.List(
        graphene.NonNull(DiagnosticQuestion),
        required=True,
        description="Les questions de l'axe, dans l'ordre.",
    )

    class Meta:
        description = "Un axe du diagnostic : une étape du questionnaire."


class DiagnosticAnswerInput(graphene.InputObjectType):
    question = graphene.String(required=True, description="Code de la question (`slug`).")
    answer = graphene.String(
        required=True,
        description="Code de la réponse choisie (`value`), ou « ne-sait-pas », ou "
        "« non-applicable ».",
    )

    class Meta:
        description = "La réponse à une question du diagnostic."


class AxisResult(graphene.ObjectType):
    slug = graphene.String(required=True, description="Code de l'axe.")
    name = graphene.String(required=True, description="Nom de l'axe au moment du diagnostic.")
    score = graphene.Float(
        description="Score de l'axe en pourcentage (0 à 100, au dixième) ; nul quand "
        "aucune réponse de l'axe n'est notée."
    )
    level = graphene.Field(
        MaturityLevelEnum, description="Niveau de l'axe ; nul quand l'axe n'a pas de score."
    )
    level_label = graphene.String(description="Libellé du niveau, en toutes lettres.")

    class Meta:
        description = "Le score d'un axe dans un résultat."

    def resolve_level(axis, info):
        return level_code(axis.level)

    def resolve_level_label(axis, info):
        return level_label(axis.level)


class RecommendationReason(graphene.ObjectType):
    axis = graphene.String(required=True, description="Nom de l'axe de la question.")
    question = graphene.String(required=True, description="La question.")
    answer = graphene.String(required=True, description="La réponse donnée, qui appelle la mesure.")

    class Meta:
        description = "Une réponse qui a appelé une mesure."


class RecommendedModule(graphene.ObjectType):
    module = graphene.Field(
        graphene.NonNull(model_type(TrainingModulePage)), description="Le module de formation."
    )
    sessions = graphene.List(
        graphene.NonNull(model_type(TrainingSession)),
        required=True,
        description="Ses prochaines sessions, les plus proches d'abord.",
    )

    class Meta:
        description = "Un module de formation recommandé, avec ses prochaines sessions."

    def resolve_sessions(item, info):
        return item.sessions


class Recommendation(graphene.ObjectType):
    measure = graphene.Field(
        graphene.NonNull(model_type(Measure)), description="La mesure recommandée."
    )
    axis = graphene.Field(
        graphene.NonNull(AxisResult),
        description="L'axe le plus faible parmi ceux dont une réponse l'appelle.",
    )
    reasons = graphene.List(
        graphene.NonNull(RecommendationReason),
        required=True,
        description="Les réponses qui l'ont appelée.",
    )
    offers = graphene.List(
        graphene.NonNull(OfferInterface),
        required=True,
        description="Offres publiées du catalogue qui aident à la mettre en œuvre.",
    )
    actors = graphene.List(
        graphene.NonNull(model_type(Actor)),
        required=True,
        description="Acteurs locaux qui peuvent accompagner l'association.",
    )
    modules = graphene.List(
        graphene.NonNull(RecommendedModule),
        required=True,
        description="Modules de formation publiés sur ses thématiques.",
    )

    class Meta:
        description = "Une mesure prioritaire d'un résultat, avec ce qui aide à la mettre en œuvre."

    def resolve_modules(recommendation, info):
        return resolvers.recommended_modules(recommendation)


class DiagnosticResultType(graphene.ObjectType):
    id = graphene.ID(required=True, description="Identifiant aléatoire du résultat (UUID).")
    created_at = graphene.DateTime(required=True, description="Date du diagnostic.")
    score = graphene.Float(
        description="Score global en pourcentage (0 à 100, au dixième) ; nul quand aucune "
        "réponse n'est notée."
    )
    level = graphene.Field(
        MaturityLevelEnum, description="Niveau global ; nul quand le résultat n'a pas de score."
    )
    level_label = graphene.String(description="Libellé du niveau global, en toutes lettres.")
    axes = graphene.List(
        graphene.NonNull(AxisResult), required=True, description="Le score de chaque axe."
    )
    recommendations = graphene.List(
        graphene.NonNull(Recommendation),
        required=True,
        description="Les mesures prioritaires, la plus urgente d'abord.",
    )

    class Meta:
        name = "DiagnosticResult"
        description = "Le résultat d'un diagnostic, anonyme : scores et recommandations."

    def resolve_level(result, info):
        return level_code(result.level)

    def resolve_level_label(result, info):
        return level_label(result.level)

    def resolve_axes(result, info):
        return resolvers.result_outcome_cached(result).axes

    def resolve_recommendations(result, info):
        return resolvers.result_recommendations_loaded(result)
