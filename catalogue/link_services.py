"""The link checker's writes: check the external links of the live offers and record what
it found, one `LinkCheck` per offer and address."""

from collections.abc import Iterable
from dataclasses import asdict, dataclass

from django.db import transaction
from django.utils import timezone

from cms import content_version

from .link_checker import LinkChecker, LinkResult
from .link_sources import offer_links
from .models import LinkCheck, OfferPage

ERROR_MAX_LENGTH = LinkCheck._meta.get_field("error").max_length


@dataclass(frozen=True)
class LinkCheckSummary:
    offers: int
    links: int
    addresses: int
    broken: int
    removed: int

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def link_checks_run(
    *, offer_ids: Iterable[int] | None = None, checker: LinkChecker | None = None
) -> LinkCheckSummary:
    """Check every external link of the live offers (or of those of `offer_ids` that are
    live), and record the results. An address linked from several offers is checked once.
    Rows of links that are no longer there, or of offers no longer live, are deleted
    (those of the given offers only, when `offer_ids` narrows the run)."""
    offers = OfferPage.objects.live().specific()
    if offer_ids is not None:
        offers = offers.filter(pk__in=list(offer_ids))
    # The specific pages, one query per kind: a kind's own address fields are read too.
    links = {offer.pk: offer_links(offer) for offer in offers}
    # No database transaction stays open while the network is waited for.
    results = (checker or LinkChecker.from_settings()).check_all(
        url for found in links.values() for url in found
    )
    return _record(links, results, scope=None if offer_ids is None else set(offer_ids))


@transaction.atomic
def _record(
    links: dict[int, dict[str, str]], results: dict[str, LinkResult], *, scope: set[int] | None
) -> LinkCheckSummary:
    now = timezone.now()
    # An offer deleted while its links were being checked has nothing left to record.
    live_ids = set(OfferPage.objects.filter(pk__in=links).values_list("pk", flat=True))
    previous = {
        (row.offer_id, row.url): row for row in LinkCheck.objects.filter(offer_id__in=live_ids)
    }
    broken_before = {key for key, row in previous.items() if not row.ok}
    rows = []
    for offer_id in live_ids:
        for url, source in links[offer_id].items():
            result = results[url]
            before = previous.pop((offer_id, url), None)
            rows.append(
                LinkCheck(
                    offer_id=offer_id,
                    url=url,
                    source=source,
                    status_code=result.status_code,
                    error=result.error[:ERROR_MAX_LENGTH],
                    ok=result.ok,
                    checked_at=now,
                    first_broken_at=None if result.ok else _broken_since(before, now),
                )
            )
    LinkCheck.objects.bulk_create(
        rows,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["offer", "url"],
        update_fields=["source", "status_code", "error", "ok", "checked_at", "first_broken_at"],
    )
    stale = LinkCheck.objects.filter(pk__in=[row.pk for row in previous.values()])
    removed = stale.delete()[0]
    # And the rows of the offers this run did not see live: unpublished, or gone since.
    if scope is None:
        unseen = LinkCheck.objects.filter(offer__live=False)
    else:
        unseen = LinkCheck.objects.filter(offer_id__in=scope - live_ids)
    removed += unseen.delete()[0]
    # The broken links feed what editors and the API see of an offer's quality: cached
    # answers go when, and only when, which links are broken has changed.
    if broken_before != {(row.offer_id, row.url) for row in rows if not row.ok}:
        content_version.changed()
    return LinkCheckSummary(
        offers=len(live_ids),
        links=len(rows),
        addresses=len(results),
        broken=sum(not row.ok for row in rows),
        removed=removed,
    )


def _broken_since(before: LinkCheck | None, now):
    if before is not None and not before.ok and before.first_broken_at is not None:
        return before.first_broken_at
    return now
