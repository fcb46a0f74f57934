"""Root fields of the diagnostic, registered through grapple's `register_schema_query`."""

import graphene

from django.utils.translation import gettext

from cms.api import caching
from cms.api.arguments import model_type
from cms.api.errors import NotFound

from .. import selectors
from ..models import DiagnosticPage
from .types import DiagnosticResultType


class DiagnosticQuery:
    diagnostic = graphene.Field(
        model_type(DiagnosticPage),
        description="Le questionnaire d'un diagnostic des besoins publié : ses axes, ses "
        "questions et leurs réponses possibles.",
        slug=graphene.String(
            required=True, description="Identifiant d'adresse (slug) du diagnostic."
        ),
    )
    diagnostic_result = graphene.Field(
        DiagnosticResultType,
        description="Un résultat enregistré, par son identifiant : scores par axe, niveau "
        "et mesures recommandées. Anonyme : aucun résultat ne dit qui l'a obtenu.",
        id=graphene.ID(
            required=True, description="Identifiant du résultat (UUID), rendu par `runDiagnostic`."
        ),
    )

    def resolve_diagnostic(self, info, slug):
        return selectors.visible_diagnostic(slug) or _not_found(
            gettext("No published diagnostic matches.")
        )

    def resolve_diagnostic_result(self, info, id):
        # Its address is the only key to a result: kept by no shared cache (ours, a CDN),
        # so that it can never be served after the result is deleted.
        caching.mark_private(info.context)
        return selectors.result_by_id(id) or _not_found(
            gettext("No diagnostic result has this identifier.")
        )


def _not_found(message: str):
    raise NotFound(message)
