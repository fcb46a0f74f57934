"""Reads of the link checker's results. They are for editors and coordinators (the broken
links report, the data-quality score), not public content: the offers they name are live
but may be private."""

from collections.abc import Iterable

from django.db.models import Count, QuerySet

from .models import LinkCheck


def broken_link_counts(offer_ids: Iterable[int]) -> dict[int, int]:
    """How many broken links each offer has at its last check, 0 for none (or never
    checked); one query for any number of offers."""
    offer_ids = list(offer_ids)
    counts = dict.fromkeys(offer_ids, 0)
    if offer_ids:
        counts.update(
            LinkCheck.objects.filter(offer_id__in=offer_ids, ok=False)
            .values("offer_id")
            .annotate(broken=Count("pk"))
            .values_list("offer_id", "broken")
        )
    return counts


def broken_links() -> QuerySet[LinkCheck]:
    """The links found broken at their last check, with their offer, longest broken first."""
    return (
        LinkCheck.objects.filter(ok=False)
        .select_related("offer")
        .defer("offer__body")
        .order_by("first_broken_at", "offer__title", "url")
    )
