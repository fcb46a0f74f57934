"""Template contexts of the catalogue's pages (see `cms.page_context`)."""

from django.urls import NoReverseMatch, reverse

from cms.api.pagination import IdPaginator
from cms.page_context import provides_context, results_page

from .filters import OfferFilterSet
from .models import CatalogueIndexPage, OfferPage, ThematicCollectionPage
from .selectors import (
    attach_themes,
    collection_listing,
    offer_evaluation_context,
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
    cards = offers_by_ids(page_obj.object_list, preloads=("logo_renditions",), scorecards=True)
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


def evaluate_url(offer) -> str:
    """The admin's form to evaluate `offer`; the admin's home while evaluations have no
    form yet. The same link for every visitor: offer pages are cached for the public."""
    try:
        url = reverse("wagtailsnippets_catalogue_evaluation:add")
    except NoReverseMatch:
        url = reverse("wagtailadmin_home")
    return f"{url}?offer={offer.pk}"


def _percent(count: int, total: int) -> int:
    return round(100 * count / total) if total else 0


@provides_context(OfferPage)
def offer_evaluations(page, request) -> dict:
    """The scorecard by group, each criterion with the answers behind it, for the offer
    page; the stored scorecard's numbers, the current evaluations' answers."""
    context = offer_evaluation_context(page)
    scorecard = context["scorecard"]
    groups = []
    if scorecard is not None:
        criteria = {criterion["slug"]: criterion for criterion in scorecard.criteria}
        answers = context["answers_by_criterion"]
        for group in scorecard.groups:
            answered = group["answered"]
            groups.append(
                {
                    **group,
                    # The bar's widths, in whole percents of the scored answers.
                    "bar": {
                        "yes": _percent(group["yes"], answered),
                        "partial": _percent(group["partial"], answered),
                    },
                    "rows": [
                        {**criteria[slug], "answers": answers.get(slug, [])}
                        for slug in group["criteria"]
                        if slug in criteria
                    ],
                }
            )
    return {
        "scorecard": scorecard,
        "scorecard_groups": groups,
        "evaluations": context["evaluations"],
        "evaluate_url": evaluate_url(page),
    }
