"""A bar chart of monthly costs against the monthly share of the budget, as SVG.

Written by hand (no plotting library): the same markup works inline in a page and in a PDF.
Presentation attributes only (``fill=…``), never ``style=`` — the pages run under a strict
Content-Security-Policy. Every bar carries its value as text, so nothing depends on colour.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from itertools import count

from django.utils.html import escape

WIDTH, HEIGHT = 720, 320
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 24, 48
FONT_SIZE = 12
# A generous width per character of sans-serif text (digits and "€" are about 0.56 em):
# the axis labels must stay inside the picture, whatever the amounts.
CHAR_WIDTH = 0.62
_ids = count(1)


def text_width(text: str, font_size: float = FONT_SIZE) -> float:
    """The room a label needs, estimated on the safe side (the server has no fonts)."""
    return len(text) * font_size * CHAR_WIDTH


def left_margin(axis_labels: Sequence[str]) -> int:
    """Room for the longest axis label right-aligned 6 units left of the axis, 4 to spare."""
    widest = max((text_width(label) for label in axis_labels), default=0.0)
    return max(LEFT, int(widest) + 10 + 1)


def nice_maximum(value: Decimal) -> Decimal:
    """The smallest 1, 2 or 5 × 10ⁿ at or above ``value`` (the top of the axis)."""
    if value <= 0:
        return Decimal("1")
    step = Decimal("1")
    while step * 10 <= value:
        step *= 10
    for factor in (1, 2, 5, 10):
        if step * factor >= value:
            return step * factor
    return step * 10  # pragma: no cover


def _value_label(text: str, centre: float, baseline: float, slot: float) -> str:
    """The amount above a bar: small enough for its slot, never past the picture's edge."""
    size = max(6.0, min(9.0, slot * 0.95 / max(len(text) * CHAR_WIDTH, 1)))
    half = text_width(text, size) / 2
    centre = min(max(centre, half + 1), WIDTH - half - 1)
    return (
        f'<text x="{centre:.1f}" y="{baseline:.1f}" text-anchor="middle" '
        f'font-size="{size:.1f}" fill="#222">{escape(text)}</text>'
    )


def cost_chart_svg(
    *,
    values: Sequence[Decimal],
    labels: Sequence[str],
    budget_per_month: Decimal | None,
    title: str,
    description: str,
    value_format: Callable[[Decimal], str] = str,
) -> str:
    """SVG markup: one bar per value, a dashed line at ``budget_per_month`` if given."""
    fmt = value_format
    number = next(_ids)
    top = nice_maximum(max([*values, budget_per_month or Decimal("0"), Decimal("0")]))
    left = left_margin([fmt(top), "0"])
    plot_w, plot_h = WIDTH - left - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(len(values), 1)

    def y(value: Decimal) -> float:
        return TOP + plot_h - float(value / top) * plot_h

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-labelledby="chart-title-{number} chart-desc-{number}" '
        f'class="chart" font-family="sans-serif" font-size="12">',
        f'<title id="chart-title-{number}">{escape(title)}</title>',
        f'<desc id="chart-desc-{number}">{escape(description)}</desc>',
        f'<line x1="{left}" y1="{TOP + plot_h}" x2="{WIDTH - RIGHT}" y2="{TOP + plot_h}" '
        f'stroke="#444"/>',
        f'<text x="{left - 6}" y="{y(top) + 4:.1f}" text-anchor="end" fill="#222">'
        f"{escape(fmt(top))}</text>",
        f'<text x="{left - 6}" y="{TOP + plot_h + 4}" text-anchor="end" fill="#222">0</text>',
    ]
    for index, (value, label) in enumerate(zip(values, labels, strict=True)):
        x = left + index * slot + slot * 0.15
        bar_top = y(value)
        over = budget_per_month is not None and value > budget_per_month
        parts.append(
            f'<rect x="{x:.1f}" y="{bar_top:.1f}" width="{slot * 0.7:.1f}" '
            f'height="{TOP + plot_h - bar_top:.1f}" fill="{"#b3261e" if over else "#1f5f99"}">'
            f"<title>{escape(label)}: {escape(fmt(value))}</title></rect>"
        )
        parts.append(
            f'<text x="{x + slot * 0.35:.1f}" y="{TOP + plot_h + 16}" text-anchor="middle" '
            f'fill="#222">{escape(label)}</text>'
        )
        if value:
            parts.append(_value_label(fmt(value), x + slot * 0.35, bar_top - 4, slot))
    if budget_per_month is not None:
        line_y = y(budget_per_month)
        parts.append(
            f'<line x1="{left}" y1="{line_y:.1f}" x2="{WIDTH - RIGHT}" y2="{line_y:.1f}" '
            f'stroke="#8a5a00" stroke-width="2" stroke-dasharray="6 4"/>'
        )
        parts.append(
            f'<text x="{WIDTH - RIGHT}" y="{line_y - 6:.1f}" text-anchor="end" fill="#8a5a00">'
            f"{escape(fmt(budget_per_month))}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
