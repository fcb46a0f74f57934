"""Charts drawn on the server, as inline SVG: no script, no external service, printable.

Horizontal bars on a 0–100 % scale, one row per axis, with the level boundaries (40 and
75 %) marked; or one row per part of a whole (`shares_chart`), on quarters. Each chart carries a <title> and a <desc> that state every figure, so a
screen reader gets the data without the picture; the pages show the same figures in a
table as well."""

import hashlib
from decimal import ROUND_HALF_UP, Decimal

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from .scoring import LEVEL_BOUNDS

LABEL_WIDTH = 300
BAR_WIDTH = 360
VALUE_WIDTH = 110  # room for "100 % (+100)", the progress chart's longest value
ROW_HEIGHT = 34
TOP = 28
WIDTH = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
# Colours readable on white (contrast of the bars' labels is on the text, not the bars).
CURRENT = "#1d5fa8"
EARLIER = "#9bb8d9"


def _whole(value: float) -> int:
    # Half away from zero, as people round (round() would give 2 for 2.5).
    return int(Decimal(str(value)).quantize(Decimal(1), ROUND_HALF_UP))


def _percent(value: float | None) -> str:
    if value is None:
        return gettext("not assessed")
    return f"{_whole(value)} %"


def _x(value: float) -> float:
    return LABEL_WIDTH + BAR_WIDTH * max(0.0, min(100.0, value)) / 100


LEVEL_TICKS = (0, *(bound for bound, _level in LEVEL_BOUNDS), 100)
QUARTER_TICKS = (0, 25, 50, 75, 100)


def _frame(height: int, ticks: tuple[int, ...] = LEVEL_TICKS) -> list[str]:
    parts = []
    for tick in ticks:
        x = _x(tick)
        parts.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" class="chart-grid" stroke="#8a8a8a" '
                'stroke-dasharray="{}"/>'
                '<text x="{}" y="{}" text-anchor="middle" font-size="11" fill="#3a3a3a">{} %</text>',
                x,
                TOP - 6,
                x,
                height - 4,
                "0" if tick in (0, 100) else "4 3",
                x,
                TOP - 10,
                tick,
            )
        )
    return parts


def _label(y: float, text: str) -> str:
    shown = text if len(text) <= 40 else text[:39] + "…"
    return format_html(
        '<text x="{}" y="{}" text-anchor="end" font-size="13" fill="#1e1e1e">{}</text>',
        LABEL_WIDTH - 10,
        y,
        shown,
    )


def _bar(y: float, height: float, value: float | None, colour: str) -> str:
    if value is None:
        return ""
    return format_html(
        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" rx="2"/>',
        LABEL_WIDTH,
        y,
        round(_x(value) - LABEL_WIDTH, 1),
        height,
        colour,
    )


def _value(y: float, text: str) -> str:
    return format_html(
        '<text x="{}" y="{}" font-size="12" fill="#1e1e1e">{}</text>',
        LABEL_WIDTH + BAR_WIDTH + 8,
        y,
        text,
    )


def _svg(title: str, desc: str, height: int, parts: list[str]) -> SafeString:
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {} {}" '
        'width="100%" role="img" aria-labelledby="{}-title {}-desc">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}</svg>',
        WIDTH,
        height,
        _slug(title),
        _slug(title),
        _slug(title),
        title,
        _slug(title),
        desc,
        mark_safe("".join(parts)),  # noqa: S308 - every part is built by format_html
    )


def _slug(title: str) -> str:
    # Stable across processes (unlike hash()), so cached pages keep their ids.
    return "chart-" + hashlib.sha256(title.encode()).hexdigest()[:10]


def scores_chart(axes: list[tuple[str, float | None]], *, title: str) -> SafeString:
    """One bar per (axis name, score in %, or None when the axis has no scored answer)."""
    height = TOP + ROW_HEIGHT * len(axes) + 8
    parts = _frame(height)
    for row, (name, score) in enumerate(axes):
        y = TOP + row * ROW_HEIGHT
        parts += [
            _label(y + 21, name),
            _bar(y + 8, 18, score, CURRENT),
            _value(y + 21, _percent(score)),
        ]
    desc = "; ".join(f"{name} : {_percent(score)}" for name, score in axes)
    return _svg(title, desc, height, parts)


def shares_chart(rows: list[tuple[str, int, float]], *, title: str) -> SafeString:
    """One bar per (label, count, share in %) of a whole: the share of the results at each
    level, say. The scale is plain quarters, not the level boundaries."""
    height = TOP + ROW_HEIGHT * len(rows) + 8
    parts = _frame(height, QUARTER_TICKS)
    for row, (name, count, share) in enumerate(rows):
        y = TOP + row * ROW_HEIGHT
        parts += [
            _label(y + 21, name),
            _bar(y + 8, 18, share, CURRENT),
            _value(y + 21, f"{count} ({_percent(share)})"),
        ]
    desc = "; ".join(f"{name} : {count} ({_percent(share)})" for name, count, share in rows)
    return _svg(title, desc, height, parts)


def progress_chart(
    axes: list[tuple[str, float | None, float | None]], *, title: str, before: str, after: str
) -> SafeString:
    """Two bars per (axis name, earlier score, later score): `before` and `after` name the
    two runs in the legend (their dates, say)."""
    height = TOP + ROW_HEIGHT * len(axes) + 8 + 26
    parts = _frame(height - 26)
    for row, (name, earlier, later) in enumerate(axes):
        y = TOP + row * ROW_HEIGHT
        change = (
            ""
            if earlier is None or later is None
            else f" ({'+' if later >= earlier else ''}{_whole(later - earlier)})"
        )
        parts += [
            _label(y + 21, name),
            _bar(y + 6, 11, earlier, EARLIER),
            _bar(y + 18, 11, later, CURRENT),
            _value(y + 21, _percent(later) + change),
        ]
    legend_y = height - 12
    parts.append(
        format_html(
            '<rect x="{}" y="{}" width="14" height="10" fill="{}"/>'
            '<text x="{}" y="{}" font-size="12" fill="#1e1e1e">{}</text>'
            '<rect x="{}" y="{}" width="14" height="10" fill="{}"/>'
            '<text x="{}" y="{}" font-size="12" fill="#1e1e1e">{}</text>',
            LABEL_WIDTH,
            legend_y - 9,
            EARLIER,
            LABEL_WIDTH + 20,
            legend_y,
            before,
            LABEL_WIDTH + 180,
            legend_y - 9,
            CURRENT,
            LABEL_WIDTH + 200,
            legend_y,
            after,
        )
    )
    desc = "; ".join(
        f"{name} : {_percent(earlier)} → {_percent(later)}" for name, earlier, later in axes
    )
    return _svg(title, desc, height, parts)


def percent_text(value: float | None) -> str:
    """A score as the charts write it, for the pages' text and tables."""
    return _percent(value)
