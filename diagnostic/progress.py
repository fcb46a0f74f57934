"""The progress of an association between two runs, axis by axis, on plain values.

Axes are matched by their code (slug): a questionnaire edited between the two runs may
have added, removed or renamed axes. An axis found in one run only is still listed, with
no score on the other side, and `versions_differ` says so, rather than comparing what
cannot be compared."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


def _whole(value: float) -> int:
    # Half away from zero, as the charts round (diagnostic.charts).
    return int(Decimal(str(value)).quantize(Decimal(1), ROUND_HALF_UP))


@dataclass(frozen=True)
class AxisProgress:
    slug: str
    name: str
    before: float | None
    after: float | None

    @property
    def change(self) -> int | None:
        """In percentage points, rounded as the chart rounds it."""
        if self.before is None or self.after is None:
            return None
        return _whole(self.after - self.before)


@dataclass(frozen=True)
class Progress:
    axes: tuple[AxisProgress, ...]
    only_before: tuple[str, ...]  # names of the axes the later run no longer has
    only_after: tuple[str, ...]  # names of the axes new in the later run

    @property
    def versions_differ(self) -> bool:
        return bool(self.only_before or self.only_after)

    def chart_rows(self) -> list[tuple[str, float | None, float | None]]:
        return [(axis.name, axis.before, axis.after) for axis in self.axes]


def axis_progress(before: list[dict], after: list[dict]) -> Progress:
    """`before` and `after` are stored `axis_scores` ({slug, name, score, …} per axis):
    the later run's axes in its order, then those only the earlier run had."""
    earlier = {axis["slug"]: axis for axis in before}
    later_slugs = {axis["slug"] for axis in after}
    rows = [
        AxisProgress(
            slug=axis["slug"],
            name=axis["name"],
            before=earlier[axis["slug"]]["score"] if axis["slug"] in earlier else None,
            after=axis["score"],
        )
        for axis in after
    ]
    rows += [
        AxisProgress(slug=axis["slug"], name=axis["name"], before=axis["score"], after=None)
        for axis in before
        if axis["slug"] not in later_slugs
    ]
    return Progress(
        axes=tuple(rows),
        only_before=tuple(axis["name"] for axis in before if axis["slug"] not in later_slugs),
        only_after=tuple(axis["name"] for axis in after if axis["slug"] not in earlier),
    )
