"""Root fields of the catalogue, registered through grapple's `register_schema_query`."""

from functools import partial

import graphene

from django.utils.translation import gettext

from grapple.registry import registry

from cms.api.arguments import lookup_arguments, model_type, single_page
from cms.api.filters import enum_from_choices, filter_arguments, filter_queryset
from cms.api.pagination import page_arguments, paginate, paginated_type
from cms.api.selection import selected_field_names, selected_type_names

from .. import selectors
from ..filters import OfferFilterSet
from ..models import (
    OFFER_MODELS,
    Actor,
    Audience,
    EvaluationCriterion,
    OfferKind,
    OfferPage,
    ThematicCollectionPage,
    Theme,
)
from ..models.evaluations import OFFER_KIND_ENUM
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


def _offer_loader(info):
    """Loads a page of offers with what the query selects on `items`: the tables of the
    kinds whose own fields it asks for, and the relations it shows (read in bulk here,
    which costs less than through the per-item loaders)."""
    types = selected_type_names(info, "items")
    fields = selected_field_names(info, "items")
    kinds = [model for model in OFFER_MODELS if registry.models[model]._meta.name in types]
    preloads = [name for name in ("themes", "audiences") if name in fields]
    if "logo" in fields:
        preloads.append("logo_renditions")
    joins = ["quality"] if fields & {"qualityScore", "qualityMissing"} else []
    return partial(selectors.offers_by_ids, kinds=kinds, preloads=preloads, joins=joins)


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
    criteria = graphene.List(
        graphene.NonNull(model_type(EvaluationCriterion)),
        required=True,
        description="Critères en vigueur de la grille d'évaluation commune, dans l'ordre de "
        "la grille (groupe, puis critère).",
        kind=graphene.Argument(
            lambda: enum_from_choices(OFFER_KIND_ENUM[0], OfferKind.choices, OFFER_KIND_ENUM[1]),
            description="Seulement les critères qui s'appliquent à ce type d'offre.",
        ),
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
        return paginate(offers, page=page, per_page=per_page, load=_offer_loader(info), by_id=True)

    def resolve_offer(self, info, id=None, slug=None, url_path=None):
        return single_page(
            OfferPage.objects,
            id=id,
            slug=slug,
            url_path=url_path,
            not_found=gettext("No published offer matches."),
        )

    def resolve_collections(self, info, page, per_page):
        queryset = ThematicCollectionPage.objects.visible().order_by("title", "pk")
        return paginate(queryset, page=page, per_page=per_page)

    def resolve_collection(self, info, id=None, slug=None, url_path=None):
        return single_page(
            ThematicCollectionPage.objects,
            id=id,
            slug=slug,
            url_path=url_path,
            not_found=gettext("No published collection matches."),
        )

    def resolve_themes(self, info):
        return selectors.themes_in_tree_order()

    def resolve_audiences(self, info):
        return list(Audience.objects.all())

    def resolve_criteria(self, info, kind=None):
        return selectors.active_criteria(getattr(kind, "value", kind))

    def resolve_actors(self, info, page, per_page, search=None):
        # Logos are read through their loader, which leaves out private collections.
        queryset = Actor.objects.order_by("name")
        if search:
            queryset = queryset.filter(name__icontains=search)
        return paginate(queryset, page=page, per_page=per_page)
