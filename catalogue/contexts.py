"""Template contexts of the catalogue's pages (see `cms.page_context`)."""

from cms.api.pagination import IdPaginator
from cms.page_context import provides_context, results_page

from .filters import OfferFilterSet
from .models import CatalogueIndexPage, ThematicCollectionPage
from .selectors import (
    attach_themes,
    collection_listing,
    offer_facets,
    offer_theme_ids,
    offers_by_ids,
)


@provides_context(CatalogueIndexPage)
def offer_listing(page, request) -> dict:
    filterset = OfferFilterSet(request.GET or None).load_choices()
    if filterset.is_bound and not filterset.is_valid():
        return {"form": filterset.form, "page_obj": None, "offers": [], "facets": None}
    offers = filterset.qs
    page_obj, querystring = results_page(request, offers, page.per_page, IdPaginator)
    # The themes of every matching offer give the facet, and the cards of this page theirs.
    theme_ids = offer_theme_ids(offers)
    cards = offers_by_ids(page_obj.object_list, preloads=("logo_renditions",))
    attach_themes(cards, theme_ids)
    return {
        "form": filterset.form,
        "page_obj": page_obj,
        "offers": cards,
        "facets": offer_facets(offers, theme_ids=theme_ids),
        "querystring": querystring,
    }


@provides_context(ThematicCollectionPage)
def collection(page, request) -> dict:
    items, offers = collection_listing(page)
    return {"items": items, "offers": offers}
