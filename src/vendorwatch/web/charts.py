"""Charts as SVG documents, drawn with matplotlib.

Only the object-oriented API (``Figure`` + the SVG canvas), never ``pyplot``: pyplot keeps global
figure state that is not safe in a threaded web server. The few settings matplotlib reads from its
global ``rcParams`` at save time (text kept as text, stable ids, no date) are set for the duration
of one drawing under a lock, so two requests never see each other's settings.

The result is a complete SVG document with a ``<title>``. matplotlib writes ``style=`` attributes,
which the pages' Content-Security-Policy forbids in inline markup: pages embed a chart as
``<img src="…">`` served by its own URL (see ``svg_response``), PDFs as a ``data:`` URI
(``svg_data_uri``). Nothing depends on colour alone: every series has its own marker and line
style, the target line is dashed and named in the legend, and bars carry their value as text.
"""

from __future__ import annotations

import base64
import io
import math
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

import matplotlib
from django.http import HttpResponse
from django.utils.html import escape
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FixedLocator, FuncFormatter
from matplotlib.typing import RcKeyType

# Colours readable for the common colour-vision deficiencies (Okabe-Ito), dark enough on white.
COLOURS = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000")
MARKERS = ("o", "s", "^", "D", "v", "P", "X")
LINE_STYLES = ("-", "-", "-", "-.", ":", "-", "-")
TEXT_COLOUR = "#222222"
GRID_COLOUR = "#d0d0d0"
TARGET_COLOUR = "#6b4a00"
BAR_COLOUR = "#1f5f99"
BAR_OVER_COLOUR = "#b3261e"
FONT = "DejaVu Sans"
WIDTH_IN, HEIGHT_IN = 10.0, 4.4  # 720 × 317 pt
# The plot area is what remains of the picture once the axis labels and the legend have their
# room; these are cautious estimates, used to size the amounts written on the bars.
PLOT_WIDTH_PT, PLOT_HEIGHT_PT = 600.0, 220.0
# Width of one character of DejaVu Sans in em, on the safe side (digits are 0.636 em).
CHAR_WIDTH = 0.65

_RC: dict[RcKeyType, Any] = {
    "svg.fonttype": "none",  # text stays <text>: searchable, selectable, found in a PDF's text
    "svg.hashsalt": "vendorwatch",  # stable element ids: the same chart gives the same bytes
    "svg.id": None,
    "font.family": "sans-serif",
    "font.sans-serif": [FONT],
    "font.size": 10,
    "axes.unicode_minus": False,
    "path.simplify": False,
}
_lock = threading.Lock()

# The policy of a chart's own response. matplotlib styles its elements with ``style=`` and one
# ``<style>`` block; when someone opens the chart's address directly, the page-wide policy
# (``style-src 'self'``) would strip those styles. The chart holds no script and loads nothing,
# so everything else stays forbidden. (The CSP middleware keeps a policy a view has set.)
SVG_CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'; base-uri 'none'"
)


@contextmanager
def chart_settings() -> Iterator[None]:
    """Draw in the product's chart style, one chart at a time (matplotlib's settings are
    global)."""
    with _lock, matplotlib.rc_context(_RC):
        yield


def new_figure(height_in: float = HEIGHT_IN, grid_axis: str = "y") -> tuple[Figure, Any]:
    """A figure with one plot area in the product's chart style (grid lines on ``grid_axis``)."""
    figure = Figure(figsize=(WIDTH_IN, height_in), layout="constrained")
    FigureCanvasSVG(figure)
    axes = figure.add_subplot()
    axes.tick_params(colors=TEXT_COLOUR, labelcolor=TEXT_COLOUR)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.set_axisbelow(True)
    axes.grid(axis=grid_axis, color=GRID_COLOUR, linewidth=0.8)  # type: ignore[arg-type]
    return figure, axes


def render_svg(figure: Figure, title: str, description: str | None) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    return _with_title(buffer.getvalue(), title, description)


def _with_title(svg: str, title: str, description: str | None) -> str:
    """Add ``role="img"``, a ``<title>`` (and ``<desc>``) as the first children of the root."""
    start = svg.index("<svg ")
    end = svg.index(">", start)
    accessible = f"<title>{escape(title)}</title>"
    if description:
        accessible += f"\n <desc>{escape(description)}</desc>"
    return f'{svg[:start]}{svg[start:end]} role="img">\n {accessible}{svg[end + 1 :]}'


def _percent(value: float, _position: object = None) -> str:
    return f"{value:.0f} %"


def percent_trend_svg(
    labels: list[str],
    series: list[tuple[str, list[float | None]]],
    *,
    target: float | None = None,
    title: str,
    target_label: str | None = None,
    description: str | None = None,
) -> str:
    """A line chart from 0 to 100 %: one line per series, a gap where a value is ``None``.

    ``labels`` name the points on the x axis (e.g. "Jan 2026"), ``series`` pairs a legend name
    with one value per label. ``target`` draws a dashed horizontal line, named ``target_label``
    in the legend. All texts come from the caller, already translated. Returns the SVG text.
    """
    for name, values in series:
        if len(values) != len(labels):
            raise ValueError(f"series {name!r} has {len(values)} values for {len(labels)} labels")
    with chart_settings():
        figure, axes = new_figure()
        positions = list(range(len(labels)))
        for index, (name, values) in enumerate(series):
            points = [math.nan if value is None else float(value) for value in values]
            axes.plot(
                positions,
                points,
                label=name,
                color=COLOURS[index % len(COLOURS)],
                marker=MARKERS[index % len(MARKERS)],
                linestyle=LINE_STYLES[index % len(LINE_STYLES)],
                linewidth=2,
                markersize=6,
                gid=f"series-{index + 1}",
            )
        if target is not None:
            axes.axhline(
                float(target),
                color=TARGET_COLOUR,
                linestyle="--",
                linewidth=1.5,
                label=target_label if target_label is not None else _percent(target),
                gid="target",
            )
        axes.set_ylim(0, 104)  # room for a marker at 100 %
        axes.yaxis.set_major_locator(FixedLocator([0, 20, 40, 60, 80, 100]))
        axes.yaxis.set_major_formatter(FuncFormatter(_percent))
        axes.set_xlim(-0.5, max(len(labels) - 0.5, 0.5))
        axes.set_xticks(positions, labels)
        if len(labels) > 8:
            axes.tick_params(axis="x", labelrotation=45)
            for tick in axes.get_xticklabels():
                tick.set_horizontalalignment("right")
                tick.set_rotation_mode("anchor")
        if series or target is not None:
            figure.legend(loc="outside lower center", ncols=4, frameon=False)
        return render_svg(figure, title, description)


def cost_bars_svg(
    *,
    values: Sequence[Decimal],
    labels: Sequence[str],
    budget_per_month: Decimal | None,
    title: str,
    description: str | None = None,
    value_format: Callable[[Decimal], str] = str,
    budget_label: str | None = None,
    over_label: str | None = None,
) -> str:
    """One bar per value with its amount written above it; a dashed line at the monthly budget.

    A bar above the budget is drawn in red *and* hatched (named ``over_label`` in the legend),
    so the difference does not rest on colour. ``value_format`` writes the amounts (German:
    1.234,50 €). The amounts shrink to fit their bar's width and stand upright when even the
    smallest size would run into the neighbour's, so no text overlaps or leaves the picture.
    """
    if len(values) != len(labels):
        raise ValueError(f"{len(values)} values for {len(labels)} labels")
    amounts = [float(value) for value in values]
    highest = max([*amounts, float(budget_per_month or 0), 0.0])
    top = float(nice_maximum(Decimal(str(highest)))) if highest > 0 else 1.0
    texts = [value_format(value) if value else "" for value in values]
    size, upright = _value_label_size(texts, len(values))
    longest = max((len(text) for text in texts), default=0)
    # Room above the highest bar for its amount: the text's height, or its length when upright.
    label_room = (longest * size * CHAR_WIDTH if upright else size * 1.3) + 6
    axis_top = max(top, max(amounts, default=0.0) / (1 - min(label_room / PLOT_HEIGHT_PT, 0.6)))
    with chart_settings():
        figure, axes = new_figure()
        positions = list(range(len(labels)))
        any_over = False
        for position, value, amount, text in zip(positions, values, amounts, texts, strict=True):
            over = budget_per_month is not None and value > budget_per_month
            any_over = any_over or over
            bars = axes.bar(
                [position],
                [amount],
                width=0.7,
                color=BAR_OVER_COLOUR if over else BAR_COLOUR,
                hatch="//" if over else None,
                edgecolor="#ffffff" if over else BAR_COLOUR,
                linewidth=0,
                gid=f"bar-{position + 1}",
            )
            if text:
                axes.bar_label(
                    bars,
                    labels=[text],
                    padding=3,
                    fontsize=size,
                    rotation=90 if upright else 0,
                    color=TEXT_COLOUR,
                    # On white, so that the budget line never runs through an amount.
                    bbox={"boxstyle": "square,pad=0.15", "facecolor": "#ffffff", "linewidth": 0},
                    zorder=4,
                )
        handles: list[Any] = []
        if budget_per_month is not None:
            handles.append(
                axes.axhline(
                    float(budget_per_month),
                    color=TARGET_COLOUR,
                    linestyle="--",
                    linewidth=1.5,
                    label=budget_label or value_format(budget_per_month),
                    gid="budget",
                    zorder=3,
                )
            )
        if any_over and over_label:
            handles.append(
                Patch(facecolor=BAR_OVER_COLOUR, edgecolor="#ffffff", hatch="//", label=over_label)
            )
        if handles:
            figure.legend(handles=handles, loc="outside lower center", ncols=2, frameon=False)
        axes.set_ylim(0, axis_top)
        axes.yaxis.set_major_locator(FixedLocator([0, top / 2, top]))
        axes.yaxis.set_major_formatter(
            FuncFormatter(lambda value, _pos: "0" if value == 0 else value_format(_money(value)))
        )
        axes.set_xlim(-0.6, max(len(labels) - 0.4, 0.6))
        axes.set_xticks(positions, list(labels))
        return render_svg(figure, title, description)


def _value_label_size(texts: Sequence[str], count: int) -> tuple[float, bool]:
    """The font size of the amounts on the bars, and whether they must stand upright."""
    longest = max((len(text) for text in texts), default=0)
    if not longest:
        return 9.0, False
    slot = PLOT_WIDTH_PT / max(count, 1)
    size = min(9.0, slot * 0.92 / (longest * CHAR_WIDTH))
    if size >= 6.5:
        return size, False
    return min(9.0, slot * 0.8 / 1.3), True


def _money(value: float) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


def nice_maximum(value: Decimal) -> Decimal:
    """The smallest 1, 2 or 5 × 10ⁿ at or above ``value`` (the top of the axis)."""
    if value <= 0:
        return Decimal("1")
    step = Decimal("1")
    while step * 10 <= value:
        step *= 10
    while step > value:
        step /= 10
    for factor in (1, 2, 5, 10):
        if step * factor >= value:
            return step * factor
    return step * 10  # pragma: no cover


def svg_data_uri(svg: str) -> str:
    """The chart as a ``data:`` URI, for an ``<img>`` in a PDF."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def svg_response(svg: str) -> HttpResponse:
    """The chart as its own response, for ``<img src="…">`` in a page."""
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SVG_CONTENT_SECURITY_POLICY
    return response
