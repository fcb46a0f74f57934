"""The `Offer` interface shared by the four offer kinds. Its fields are those declared
on `OfferPage.graphql_fields`, so the model stays the single place that lists them."""

from grapple.actions import get_field_type

from cms.api.interfaces import PublicPageInterface

from ..models import OfferPage


def _declared_fields(model) -> dict:
    fields = {}
    for item in model.graphql_fields:
        field, field_type = get_field_type(item() if callable(item) else item)
        fields[field.field_name] = field_type
    return fields


class OfferInterfaceMeta:
    name = "Offer"
    description = "Une offre du catalogue : outil, ressource, formation ou accompagnement."


OfferInterface = type(
    "OfferInterface",
    (PublicPageInterface,),
    {"Meta": OfferInterfaceMeta, **_declared_fields(OfferPage)},
)
