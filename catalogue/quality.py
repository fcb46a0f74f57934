"""The data-quality score of an offer, computed from the page itself, after the service
quality score of data·inclusion: how fresh, how well described, how completely classified
an offer is, and whether its contact matches its format.

`assess()` is the whole computation and a pure function: it reads `QualityFacts` and a
date, and returns the score with the list of what is missing. `offer_facts()` reads those
facts off a page, whatever its source (a row, a revision in the editor). The score is
stored per offer (`OfferQuality`, written by `services.offer_quality_refresh`) so that
listings can sort and filter on it in SQL.

Six criteria weigh the same, each between 0 and 1, as data·inclusion averages its own:

- freshness: 1 up to 6 months after the last update, then falling linearly to 0 at two
  years. The last update is the latest of the last publication and the last check
  (`last_qualified_on`);
- description: 0 under 200 characters, 1 from 400, linear between;
- themes, audiences, pricing model: 1 when filled in;
- contact consistent with the format: an online offer has a website, an on-site one a
  commune; a hybrid offer needs both, each worth half.

The score is their mean, from 0 to 100 (rounded half up), less 10 points per broken link
(never below 0)."""

import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext, ngettext

from .choices import OfferFormat

# Six months and two years, in days: a month here is 30.4 days, and a day either way does
# not matter for a check that is due twice a year.
FRESH_DAYS = 182
STALE_DAYS = 730
DESCRIPTION_MIN = 200
DESCRIPTION_TARGET = 400
BROKEN_LINK_PENALTY = 10
CRITERIA = 6

_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class QualityFacts:
    """What the score reads from an offer."""

    last_update: date | None
    description_length: int
    has_themes: bool
    has_audiences: bool
    has_pricing: bool
    format: str
    has_website: bool
    has_commune: bool


@dataclass(frozen=True)
class Hint:
    """One thing missing, as a stable code and its values: stored like this, and worded
    in the reader's language when shown."""

    code: str
    params: Mapping[str, int] = field(default_factory=dict)

    @property
    def message(self) -> str:
        return _MESSAGES[self.code](**self.params)

    def as_json(self) -> dict:
        return {"code": self.code, "params": dict(self.params)}

    @classmethod
    def from_json(cls, data: Mapping) -> "Hint":
        return cls(data["code"], dict(data.get("params") or {}))


@dataclass(frozen=True)
class Quality:
    score: int
    missing: tuple[Hint, ...]

    @property
    def messages(self) -> list[str]:
        return [hint.message for hint in self.missing]


def freshness(last_update: date | None, today: date) -> float:
    if last_update is None:
        return 0.0
    age = (today - last_update).days
    if age <= FRESH_DAYS:
        return 1.0
    if age >= STALE_DAYS:
        return 0.0
    return (STALE_DAYS - age) / (STALE_DAYS - FRESH_DAYS)


def description_completeness(length: int) -> float:
    if length <= DESCRIPTION_MIN:
        return 0.0
    if length >= DESCRIPTION_TARGET:
        return 1.0
    return (length - DESCRIPTION_MIN) / (DESCRIPTION_TARGET - DESCRIPTION_MIN)


def assess(facts: QualityFacts, *, today: date, broken_links: int = 0) -> Quality:
    """The score (0 to 100) of an offer with these facts on `today`, and what is missing,
    in the order an editor would fix it: the content, then the classification, then the
    contact, then what only time or a check mends (freshness, broken links)."""
    missing: list[Hint] = []
    points = 0.0

    description = description_completeness(facts.description_length)
    points += description
    if description < 1:
        missing.append(
            Hint(
                "description_short",
                {"length": facts.description_length, "target": DESCRIPTION_TARGET},
            )
        )
    for present, code in (
        (facts.has_themes, "no_themes"),
        (facts.has_audiences, "no_audiences"),
        (facts.has_pricing, "no_pricing"),
    ):
        points += present
        if not present:
            missing.append(Hint(code))

    # The format decides which contact counts; a hybrid offer needs both, half each.
    needs = []
    if facts.format != OfferFormat.ONSITE:
        needs.append((facts.has_website, "no_website"))
    if facts.format in (OfferFormat.ONSITE, OfferFormat.HYBRID):
        needs.append((facts.has_commune, "no_commune"))
    for present, code in needs:
        points += present / len(needs)
        if not present:
            missing.append(Hint(code))

    fresh = freshness(facts.last_update, today)
    points += fresh
    if facts.last_update is None:
        missing.append(Hint("never_updated"))
    elif fresh < 1:
        missing.append(Hint("stale", {"months": (today - facts.last_update).days * 12 // 365}))

    broken_links = max(broken_links, 0)
    if broken_links:
        missing.append(Hint("broken_links", {"count": broken_links}))

    # Rounded from a decimal, so that a mean of exactly x.5 goes up, not to the even.
    mean = Decimal(str(round(points * 100 / CRITERIA, 6)))
    score = int(mean.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return Quality(max(score - BROKEN_LINK_PENALTY * broken_links, 0), tuple(missing))


def description_text(summary: str, body_blocks: Iterable[Mapping]) -> str:
    """The text that describes the offer: its summary and the paragraphs of its body, as a
    reader sees them (tags dropped, entities decoded, spaces collapsed).

    The summary alone is capped at 300 characters for the listings, so the long
    description data·inclusion asks for is the body's prose. Quotes (a user's word),
    captions, buttons, lists of links, videos and documents are left out: they say little
    about what the offer is, and a page of links would otherwise pass for described."""
    parts = [summary or ""]
    for block in body_blocks:
        if block.get("type") == "paragraph" and isinstance(block.get("value"), str):
            parts.append(html.unescape(strip_tags(block["value"])))
    return _SPACES.sub(" ", " ".join(parts)).strip()


def _raw_blocks(body) -> list:
    # The stored JSON of the stream: reading it needs no query, where the blocks' values
    # would fetch the pages and images they choose.
    if body is None:
        return []
    raw = getattr(body, "raw_data", body)
    return list(raw) if raw else []


def offer_facts(offer, *, record=None) -> QualityFacts:
    """The facts of `offer`, a page row or an editor's revision alike (its themes and
    audiences may be held in memory). For a revision, `record` is the page's row: its last
    publication counts, where the revision keeps the date it was saved with. The commune
    is the provider's: an offer has no address of its own, and the organisation providing
    an on-site offer is where associations are received."""
    published_at = (record or offer).last_published_at
    dates = [offer.last_qualified_on]
    if published_at is not None:
        dates.append(timezone.localdate(published_at))
    provider = offer.provider if offer.provider_id else None
    return QualityFacts(
        last_update=max((day for day in dates if day is not None), default=None),
        description_length=len(description_text(offer.summary, _raw_blocks(offer.body))),
        has_themes=bool(list(offer.themes.all())),
        has_audiences=bool(list(offer.audiences.all())),
        has_pricing=bool(offer.pricing_model),
        format=offer.format,
        has_website=bool((offer.website or "").strip()),
        has_commune=bool(provider and provider.commune.strip()),
    )


def _stale(months):
    return ngettext(
        "Not updated for %(months)d month: check it again",
        "Not updated for %(months)d months: check it again",
        months,
    ) % {"months": months}


_MESSAGES = {
    "description_short": lambda length, target: (
        ngettext(
            "Description too short: %(length)d character out of %(target)d recommended",
            "Description too short: %(length)d characters out of %(target)d recommended",
            length,
        )
        % {"length": length, "target": target}
    ),
    "no_themes": lambda: gettext("No theme"),
    "no_audiences": lambda: gettext("No audience"),
    "no_pricing": lambda: gettext("No pricing model"),
    "no_website": lambda: gettext("Online offer without a website"),
    "no_commune": lambda: gettext(
        "On-site offer without a commune: give the providing organisation's"
    ),
    "never_updated": lambda: gettext("Never published nor checked"),
    "stale": _stale,
    "broken_links": lambda count: (
        ngettext("%(count)d broken link", "%(count)d broken links", count) % {"count": count}
    ),
}
