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
_ids = count(1)


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
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(len(values), 1)

    def y(value: Decimal) -> float:
        return TOP + plot_h - float(value / top) * plot_h

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-labelledby="chart-title-{number} chart-desc-{number}" '
        f'class="chart" font-family="sans-serif" font-size="12">',
        f'<title id="chart-title-{number}">{escape(title)}</title>',
        f'<desc id="chart-desc-{number}">{escape(description)}</desc>',
        f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - RIGHT}" y2="{TOP + plot_h}" '
        f'stroke="#444"/>',
        f'<text x="{LEFT - 6}" y="{y(top) + 4:.1f}" text-anchor="end" fill="#222">'
        f"{escape(fmt(top))}</text>",
        f'<text x="{LEFT - 6}" y="{TOP + plot_h + 4}" text-anchor="end" fill="#222">0</text>',
    ]
    for index, (value, label) in enumerate(zip(values, labels, strict=True)):
        x = LEFT + index * slot + slot * 0.15
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
            parts.append(
                f'<text x="{x + slot * 0.35:.1f}" y="{bar_top - 4:.1f}" text-anchor="middle" '
                f'font-size="9" fill="#222">{escape(fmt(value))}</text>'
            )
    if budget_per_month is not None:
        line_y = y(budget_per_month)
        parts.append(
            f'<line x1="{LEFT}" y1="{line_y:.1f}" x2="{WIDTH - RIGHT}" y2="{line_y:.1f}" '
            f'stroke="#8a5a00" stroke-width="2" stroke-dasharray="6 4"/>'
        )
        parts.append(
            f'<text x="{WIDTH - RIGHT}" y="{line_y - 6:.1f}" text-anchor="end" fill="#8a5a00">'
            f"{escape(fmt(budget_per_month))}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
