"""GraphQL types of the catalogue that no model generates: the scorecard of an offer,
read from its stored row (`OfferScorecard`) and the groups and criteria kept in it as
JSON. The arithmetic behind each number is in `catalogue.scorecards`."""

import graphene

from ..filters import answer_enum


class AnswerCounts:
    """The counts every level of the scorecard has."""

    yes = graphene.Int(required=True, description="Nombre de réponses « oui ».")
    partial = graphene.Int(required=True, description="Nombre de réponses « partiel ».")
    no = graphene.Int(required=True, description="Nombre de réponses « non ».")
    not_applicable = graphene.Int(
        required=True, description="Nombre de réponses « non applicable » (jamais notées)."
    )
    answered = graphene.Int(
        required=True, description="Réponses notées : oui, partiel et non (hors non applicable)."
    )
    yes_or_partial_share = graphene.Float(
        description="Part des réponses « oui » ou « partiel » parmi les réponses notées, "
        "entre 0 et 1 ; nulle quand aucune réponse n'est notée."
    )
    score = graphene.Float(
        description="Score pondéré entre 0 et 1 : oui vaut 2 points, partiel 1, non 0, "
        "rapportés au maximum ; nul quand aucune réponse n'est notée."
    )


class ScorecardCriterion(AnswerCounts, graphene.ObjectType):
    slug = graphene.String(required=True, description="Identifiant stable du critère.")
    name = graphene.String(required=True, description="Libellé actuel du critère.")
    group = graphene.String(required=True, description="Identifiant du groupe du critère.")
    majority = graphene.Field(
        answer_enum,
        description="Réponse donnée par plus d'évaluations que toute autre ; nulle en cas "
        "d'égalité. C'est elle que le filtre `criteria` des offres compare.",
    )

    class Meta:
        description = "Les réponses à un critère de la grille, comptées."


class ScorecardGroup(AnswerCounts, graphene.ObjectType):
    slug = graphene.String(required=True, description="Identifiant stable du groupe.")
    name = graphene.String(required=True, description="Nom du groupe (Usage, Coût…).")
    criteria = graphene.List(
        graphene.NonNull(graphene.String),
        required=True,
        description="Identifiants des critères du groupe comptés ici, dans l'ordre de la grille.",
    )

    class Meta:
        description = "Les réponses aux critères d'un groupe de la grille, additionnées."


class Scorecard(graphene.ObjectType):
    evaluation_count = graphene.Int(
        required=True,
        description="Nombre d'évaluations approuvées prises en compte (la dernière de "
        "chaque structure).",
    )
    organisation_count = graphene.Int(
        required=True, description="Nombre de structures dont les évaluations sont comptées."
    )
    last_approved_at = graphene.DateTime(
        required=True, description="Date d'approbation de la plus récente de ces évaluations."
    )
    score = graphene.Float(
        description="Score pondéré de toutes les réponses notées, entre 0 et 1 (oui 2 points, "
        "partiel 1, non 0) : celui du tri `SCORE` ; nul quand aucune réponse n'est notée."
    )
    yes_or_partial_share = graphene.Float(
        description="Part des réponses « oui » ou « partiel » parmi toutes les réponses "
        "notées, entre 0 et 1 ; nulle quand aucune réponse n'est notée."
    )
    groups = graphene.List(
        graphene.NonNull(ScorecardGroup),
        required=True,
        description="Par groupe de la grille, dans son ordre ; seuls les groupes dont un "
        "critère a reçu une réponse.",
    )
    criteria = graphene.List(
        graphene.NonNull(ScorecardCriterion),
        required=True,
        description="Par critère, dans l'ordre de la grille : les critères en vigueur qui "
        "s'appliquent au type de l'offre et ont reçu au moins une réponse.",
    )

    class Meta:
        description = (
            "Ce que disent les évaluations approuvées d'une offre, sur la grille commune. "
            "Les critères retirés de la grille et ceux qui ne s'appliquent pas au type de "
            "l'offre ne sont pas comptés ; « non applicable » est compté mais jamais noté."
        )
