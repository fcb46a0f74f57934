"""Template contexts of the catalogue's pages (see `cms.page_context`)."""

from cms.api.pagination import IdPaginator
from cms.page_context import provides_context, results_page

from .filters import OfferFilterSet
from .models import CatalogueIndexPage, ThematicCollectionPage
from .selectors import collection_listing, offer_facets, offers_by_ids


@provides_context(CatalogueIndexPage)
def offer_listing(page, request) -> dict:
    filterset = OfferFilterSet(request.GET or None).load_choices()
    if filterset.is_bound and not filterset.is_valid():
        return {"form": filterset.form, "page_obj": None, "offers": [], "facets": None}
    offers = filterset.qs
    page_obj, querystring = results_page(request, offers, page.per_page, IdPaginator)
    return {
        "form": filterset.form,
        "page_obj": page_obj,
        "offers": offers_by_ids(page_obj.object_list),
        "facets": offer_facets(offers),
        "querystring": querystring,
    }


@provides_context(ThematicCollectionPage)
def collection(page, request) -> dict:
    items, offers = collection_listing(page)
    return {"items": items, "offers": offers}
