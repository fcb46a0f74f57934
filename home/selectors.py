"""Reads for the site-wide search, which spans the catalogue and the training offer."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from catalogue.models import OfferPage
from catalogue.search import apply_search
from catalogue.selectors import load_offers, offers_by_ids, visible_offers
from cms.visibility import visible
from training.selectors import load_modules, visible_modules


def site_search(text: str) -> QuerySet[Page]:
    """Visible offers and training modules matching `text`, best first. Only the models
    that take part in the site search are indexed, so no content-type filter is needed.
    `search_results` or `load_search_pages` load one page of them as specific pages."""
    return apply_search(visible(Page.objects.all()), text).order_by("-search_rank", "pk")


@dataclass(frozen=True)
class SearchResult:
    page: Page
    kind_label: str


def search_results(pages) -> list[SearchResult]:
    """The specific pages of one page of results, in order, with what kind of content
    each is (an offer says its own kind; a training module has none of its own). A result
    shows a title, a summary and a link: the offers, whatever their kind, are read in one
    query of the columns they share, any other type in one query of its own."""
    pages = list(pages)
    ids_by_model = defaultdict(list)
    for page in pages:
        ids_by_model[page.specific_class].append(page.pk)
    offer_ids = [
        pk
        for model, ids in ids_by_model.items()
        if model is not None and issubclass(model, OfferPage)
        for pk in ids
    ]
    loaded = {offer.pk: offer for offer in offers_by_ids(offer_ids, preloads=())}
    for model, ids in ids_by_model.items():
        if model is not None and not issubclass(model, OfferPage):
            loaded.update(model.objects.in_bulk(ids))
    return [
        SearchResult(page, getattr(page, "kind_label", "") or _("Training module"))
        for page in (loaded.get(page.pk) for page in pages)
        if page is not None
    ]


def load_search_pages(pages) -> list[Page]:
    """One page of results as fully loaded offers and modules, in order: each app's own
    loader, so that their nested fields cost a constant number of queries."""
    ids = [page.pk for page in pages]
    offers = load_offers(visible_offers().filter(pk__in=ids))
    modules = load_modules(visible_modules().filter(pk__in=ids))
    by_pk = {page.pk: page for page in [*offers, *modules]}
    return [by_pk[pk] for pk in ids if pk in by_pk]
