"""The page interface exposed to partners: public fields only.

grapple's own interface exposes editorial state (live, locked, draft title) and
returns `parent` without checking it; this one replaces it (GRAPPLE["PAGE_INTERFACE"]).
`parent` and `children` are batched over the list the page belongs to."""

import graphene

from .loaders import load_children, load_parent


class PublicPageInterface(graphene.Interface):
    id = graphene.ID(description="Identifiant de la page.")
    title = graphene.String(required=True, description="Titre.")
    slug = graphene.String(required=True, description="Identifiant dans l'adresse.")
    url = graphene.String(description="Adresse complète de la page HTML.")
    url_path = graphene.String(required=True, description="Chemin de la page dans l'arborescence.")
    page_type = graphene.String(required=True, description="Type de page (nom du type GraphQL).")
    seo_title = graphene.String(required=True, description="Titre pour les moteurs de recherche.")
    search_description = graphene.String(description="Description pour les moteurs de recherche.")
    first_published_at = graphene.DateTime(description="Première publication.")
    last_published_at = graphene.DateTime(description="Dernière publication.")
    parent = graphene.Field(
        lambda: PublicPageInterface, description="Page parente, si elle est publiée et publique."
    )
    children = graphene.List(
        graphene.NonNull(lambda: PublicPageInterface),
        required=True,
        description="Sous-pages publiées et publiques.",
    )

    @classmethod
    def resolve_type(cls, instance, info):
        from grapple.registry import registry

        return registry.pages[type(instance)]

    def resolve_id(self, info):
        return self.pk

    def resolve_url(self, info):
        return self.get_full_url(request=info.context)

    def resolve_page_type(self, info):
        return type(self).__name__

    def resolve_seo_title(self, info):
        return self.seo_title or self.title

    def resolve_parent(self, info):
        return load_parent(self, info)

    def resolve_children(self, info):
        return load_children(self, info)
