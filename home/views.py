from django.core.paginator import Paginator
from django.template.response import TemplateResponse

from .selectors import search_results, site_search

PER_PAGE = 20
MAX_QUERY_LENGTH = 200


def search(request):
    """Offers and training modules together, best match first."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    page_obj = None
    results = []
    if query:
        page_obj = Paginator(site_search(query), PER_PAGE).get_page(request.GET.get("page"))
        results = search_results(page_obj.object_list)
    return TemplateResponse(
        request, "home/search.html", {"query": query, "page_obj": page_obj, "results": results}
    )
