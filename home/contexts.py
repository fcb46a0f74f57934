"""Template contexts of the home app's pages (see `cms.page_context`)."""

from catalogue.selectors import CARD_PRELOADS, load_offers, visible_offers
from cms.page_context import provides_context

from .models import HomePage

LATEST_OFFERS = 6


@provides_context(HomePage)
def latest_offers(page, request) -> dict:
    # Loaded as the catalogue's listing loads them: a constant number of queries for the
    # cards, where `.specific()` then each card's provider, logo and themes made three a card.
    newest = visible_offers().order_by("-first_published_at", "pk")[:LATEST_OFFERS]
    return {"latest_offers": load_offers(newest, preloads=CARD_PRELOADS)}
