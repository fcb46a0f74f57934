"""Root fields for partners: the changes feed and the preview of drafts, registered
through grapple's `register_schema_query`."""

import graphene

from django.utils import timezone

from cms.api import caching
from cms.api.interfaces import PublicPageInterface
from cms.api.pagination import page_arguments, paginate, paginated_type

from .. import selectors
from ..choices import RemovalReason
from ..preview import preview_page

RemovalReasonEnum = graphene.Enum(
    "RemovalReason",
    [(reason.name, reason.value) for reason in RemovalReason],
    description="Pourquoi une page n'est plus visible.",
)


class RemovedPage(graphene.ObjectType):
    # No path: a page put under a restriction would tell its slug to whoever never saw it.
    id = graphene.ID(required=True, description="Identifiant de la page retirée.")
    page_type = graphene.String(
        required=True, description="Type de la page (nom du type GraphQL, ex. ToolPage)."
    )
    reason = graphene.Field(RemovalReasonEnum, required=True, description="Motif du retrait.")
    removed_at = graphene.DateTime(required=True, description="Date du retrait.")

    class Meta:
        description = (
            "Une page retirée de la vue publique : dépubliée, supprimée, protégée ou "
            "déplacée dans une section protégée."
        )

    def resolve_id(self, info):
        return self.page_id


RemovedPageList = paginated_type(
    "RemovedPageList", RemovedPage, "Une page de retraits, du plus ancien au plus récent."
)


class PartnersQuery:
    removed_since = graphene.Field(
        RemovedPageList,
        required=True,
        description=(
            "Pages retirées de la vue publique depuis une date (flux des suppressions). "
            "Une page republiée depuis n'y figure plus : elle revient dans les listes."
        ),
        since=graphene.DateTime(
            required=True,
            description="Retraits à partir de cette date (incluse) ; sans fuseau : heure de Paris.",
        ),
        **page_arguments(),
    )
    preview = graphene.Field(
        PublicPageInterface,
        description=(
            "Brouillon d'une page, pour l'aperçu sur un site partenaire. Le jeton vient de "
            "l'aperçu « Site partenaire » de l'administration et vaut 24 heures ; un jeton "
            "invalide ou expiré donne null."
        ),
        token=graphene.String(required=True, description="Jeton d'aperçu (paramètre token)."),
    )

    def resolve_removed_since(self, info, since, page, per_page):
        if timezone.is_naive(since):
            since = timezone.make_aware(since)
        return paginate(selectors.removals_since(since), page=page, per_page=per_page)

    def resolve_preview(self, info, token):
        # A draft for one partner's preview: never stored by us, a CDN or a browser.
        caching.mark_private(info.context)
        return preview_page(token)
