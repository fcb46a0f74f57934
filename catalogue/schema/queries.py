"""Root fields of the catalogue, registered through grapple's `register_schema_query`."""

import graphene

from django.db.models import Q

from cms.api.arguments import model_type, parse_id
from cms.api.errors import BadUserInput, NotFound
from cms.api.filters import filter_arguments, filter_queryset
from cms.api.pagination import page_arguments, paginate, paginated_type
from cms.visibility import visible

from .. import selectors
from ..filters import OfferFilterSet
from ..models import Actor, Audience, OfferPage, ThematicCollectionPage, Theme
from .interfaces import OfferInterface


class FacetCount(graphene.ObjectType):
    value = graphene.String(required=True, description="Valeur (code ou identifiant).")
    count = graphene.Int(required=True, description="Nombre d'offres.")

    class Meta:
        description = "Nombre d'offres pour une valeur de filtre."


class OfferFacets(graphene.ObjectType):
    kind = graphene.List(
        graphene.NonNull(FacetCount), required=True, description="Par type d'offre."
    )
    themes = graphene.List(
        graphene.NonNull(FacetCount), required=True, description="Par thématique."
    )
    pricing = graphene.List(
        graphene.NonNull(FacetCount), required=True, description="Par modèle tarifaire."
    )

    class Meta:
        description = "Comptes par valeur de filtre, sur l'ensemble des résultats filtrés."


def _facets(parent, info):
    facets = selectors.offer_facets(parent.queryset)
    return OfferFacets(
        **{
            key: [FacetCount(value=value, count=count) for value, count in rows]
            for key, rows in facets.items()
        }
    )


OfferList = paginated_type(
    "OfferList",
    OfferInterface,
    "Une page d'offres.",
    {
        "facets": graphene.Field(
            OfferFacets, required=True, description="Comptes par filtre.", resolver=_facets
        )
    },
)
CollectionList = paginated_type(
    "CollectionList", model_type(ThematicCollectionPage), "Une page de collections thématiques."
)
ActorList = paginated_type("ActorList", model_type(Actor), "Une page d'acteurs.")


def single_page(queryset, *, id=None, slug=None, url_path=None, label="page"):
    given = [arg for arg in (id, slug, url_path) if arg not in (None, "")]
    if len(given) != 1:
        raise BadUserInput("Indiquez exactement un argument parmi id, slug et urlPath.")
    qs = visible(queryset.all())
    if id not in (None, ""):
        qs = qs.filter(pk=parse_id(id, "id"))
    elif slug:
        qs = qs.filter(slug=slug)
    else:
        path = url_path if url_path.endswith("/") else f"{url_path}/"
        qs = qs.filter(Q(url_path=path) | Q(url_path__endswith=f"/{path.lstrip('/')}"))
    page = qs.order_by("pk").first()
    if page is None:
        raise NotFound(f"Aucune {label} publiée ne correspond.")
    return page.specific


def lookup_arguments(description):
    return {
        "id": graphene.ID(description=f"Identifiant {description}."),
        "slug": graphene.String(description=f"Identifiant d'adresse (slug) {description}."),
        "url_path": graphene.String(
            description=f"Chemin {description}, ex. /catalogue/framadate/."
        ),
    }


class CatalogueQuery:
    offers = graphene.Field(
        OfferList,
        required=True,
        description="Offres publiées, filtrées et paginées.",
        **filter_arguments(OfferFilterSet),
        **page_arguments(),
    )
    offer = graphene.Field(
        OfferInterface, description="Une offre publiée.", **lookup_arguments("de l'offre")
    )
    collections = graphene.Field(
        CollectionList,
        required=True,
        description="Collections thématiques publiées.",
        **page_arguments(),
    )
    collection = graphene.Field(
        model_type(ThematicCollectionPage),
        description="Une collection thématique publiée.",
        **lookup_arguments("de la collection"),
    )
    themes = graphene.List(
        graphene.NonNull(model_type(Theme)),
        required=True,
        description="Toutes les thématiques, chaque thématique de premier niveau suivie des siennes.",
    )
    audiences = graphene.List(
        graphene.NonNull(model_type(Audience)), required=True, description="Tous les publics."
    )
    actors = graphene.Field(
        ActorList,
        required=True,
        description="Acteurs (structures qui proposent des offres).",
        search=graphene.String(description="Filtre sur le nom."),
        **page_arguments(),
    )

    def resolve_offers(self, info, page, per_page, **filters):
        offers = filter_queryset(OfferFilterSet, filters)
        return paginate(
            offers, page=page, per_page=per_page, load=selectors.offers_by_ids, by_id=True
        )

    def resolve_offer(self, info, id=None, slug=None, url_path=None):
        return single_page(OfferPage.objects, id=id, slug=slug, url_path=url_path, label="offre")

    def resolve_collections(self, info, page, per_page):
        queryset = ThematicCollectionPage.objects.visible().order_by("title", "pk")
        return paginate(queryset, page=page, per_page=per_page)

    def resolve_collection(self, info, id=None, slug=None, url_path=None):
        return single_page(
            ThematicCollectionPage.objects, id=id, slug=slug, url_path=url_path, label="collection"
        )

    def resolve_themes(self, info):
        return selectors.themes_in_tree_order()

    def resolve_audiences(self, info):
        return list(Audience.objects.all())

    def resolve_actors(self, info, page, per_page, search=None):
        queryset = Actor.objects.select_related("logo").order_by("name")
        if search:
            queryset = queryset.filter(name__icontains=search)
        return paginate(queryset, page=page, per_page=per_page)
