"""Run the offer listing's filter definition as the catalogue page does."""

from catalogue.filters import OfferFilterSet


def filter_offers(**data):
    """Offers for filter values keyed by HTML parameter (`q`, `themes`…); fails the test
    on a validation error."""
    filterset = OfferFilterSet(data)
    assert filterset.is_valid(), filterset.errors
    return filterset.qs
