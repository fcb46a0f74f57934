"""GraphQL enums built from the model choices, so both always agree."""

from enum import Enum as PyEnum

import graphene

from ..choices import OfferOrdering, PricingModel, Territory
from ..models import OfferKind


def enum_from_choices(name: str, choices, description: str) -> type[graphene.Enum]:
    """Members are the upper-cased codes (OUTIL, PRIX_LIBRE…); values the codes."""
    labels = {choice.value: str(choice.label) for choice in choices}
    py_enum = PyEnum(name, [(choice.value.upper(), choice.value) for choice in choices])

    def describe(member):
        return description if member is None else labels[member.value]

    return graphene.Enum.from_enum(py_enum, description=describe)


OfferKindEnum = enum_from_choices("OfferKind", OfferKind, "Type d'offre.")
PricingEnum = enum_from_choices("Pricing", PricingModel, "Modèle tarifaire.")
TerritoryEnum = enum_from_choices("Territory", Territory, "Territoire couvert.")
OfferOrderEnum = enum_from_choices("OfferOrder", OfferOrdering, "Ordre de tri des offres.")
