"""Template contexts of the catalogue's pages (see `cms.page_context`)."""

from django.core.paginator import EmptyPage, PageNotAnInteger
from django.http import Http404
from django.utils.translation import gettext as _

from cms.api.pagination import IdPaginator
from cms.page_context import provides_context

from .filters import OfferFilterSet
from .models import CatalogueIndexPage, ThematicCollectionPage
from .selectors import collection_items, collection_offers, offer_facets, offers_by_ids


@provides_context(CatalogueIndexPage)
def offer_listing(page, request) -> dict:
    filterset = OfferFilterSet(request.GET or None).load_choices()
    if filterset.is_bound and not filterset.is_valid():
        return {"form": filterset.form, "page_obj": None, "offers": [], "facets": None}
    offers = filterset.qs
    try:
        page_obj = IdPaginator(offers, page.per_page).page(request.GET.get("page", 1))
    except (PageNotAnInteger, EmptyPage) as exc:
        raise Http404(_("This page of results does not exist.")) from exc
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "form": filterset.form,
        "page_obj": page_obj,
        "offers": offers_by_ids(page_obj.object_list),
        "facets": offer_facets(offers),
        "querystring": query.urlencode(),
    }


@provides_context(ThematicCollectionPage)
def collection(page, request) -> dict:
    return {"items": collection_items(page), "offers": collection_offers(page)}
