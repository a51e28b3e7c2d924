"""The comparison's chart: one horizontal bar per option with its points (0–100).

The winner is drawn dark and hatched and named "recommendation" beside its bar; an excluded
offer is drawn as a light grey outline with "excluded" beside it (it has no points); every bar
carries its points as text, so nothing rests on colour. The same SVG goes into the page (its
own address, ``<img>``) and into the PDF (a ``data:`` URI).
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _
from matplotlib.patches import Patch
from matplotlib.ticker import FixedLocator

from vendorwatch.alternatives.comparison import Result, points_text
from vendorwatch.web.charts import BAR_COLOUR, TEXT_COLOUR, chart_settings, new_figure, render_svg

WINNER_COLOUR = "#0b3d2e"
EXCLUDED_COLOUR = "#9e9e9e"
LABEL_CHARS = 38


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def chart_title(result: Result) -> str:
    return _("Points of each option (of 100)")


def chart_description(result: Result) -> str:
    """The image's text alternative: the ranking in one sentence."""
    parts = []
    for standing in result.standings:
        if standing.excluded:
            parts.append(_("%(option)s: excluded") % {"option": standing.option.label})
        else:
            parts.append(
                _("%(option)s: %(points)s points")
                % {"option": standing.option.label, "points": points_text(standing.total)}
            )
    if not parts:
        return _("No option can be ranked yet.")
    return "; ".join(parts) + "."


def comparison_svg(result: Result) -> str:
    standings = result.standings
    count = max(len(standings), 1)
    height = 1.1 + 0.55 * count
    winner_key = result.winner.option.key if result.winner else None
    with chart_settings():
        figure, axes = new_figure(height, grid_axis="x")
        positions = list(range(len(standings)))
        labels = []
        for position, standing in zip(positions, standings, strict=True):
            labels.append(_short(standing.option.label))
            y = len(standings) - 1 - position  # the first rank at the top
            if standing.excluded:
                axes.barh(
                    [y],
                    [100],
                    height=0.6,
                    color="#ffffff",
                    edgecolor=EXCLUDED_COLOUR,
                    hatch="..",
                    linewidth=1,
                    gid=f"bar-{position + 1}",
                )
                text = _("excluded")
                axes.text(2, y, text, va="center", ha="left", color="#555555", fontsize=9)
                continue
            total = float(standing.total or Decimal(0))
            winner = standing.option.key == winner_key
            axes.barh(
                [y],
                [total],
                height=0.6,
                color=WINNER_COLOUR if winner else BAR_COLOUR,
                hatch="//" if winner else None,
                edgecolor="#ffffff" if winner else BAR_COLOUR,
                linewidth=0,
                gid=f"bar-{position + 1}",
            )
            text = points_text(standing.total)
            if winner:
                text = _("%(points)s – recommendation") % {"points": text}
            axes.text(
                total + 1,
                y,
                text,
                va="center",
                ha="left",
                color=TEXT_COLOUR,
                fontsize=9,
                fontweight="bold" if winner else "normal",
            )
        axes.set_yticks([len(standings) - 1 - p for p in positions], labels)
        axes.set_xlim(0, 125)
        axes.xaxis.set_major_locator(FixedLocator([0, 25, 50, 75, 100]))
        axes.set_ylim(-0.6, max(len(standings) - 0.4, 0.6))
        handles = []
        if winner_key:
            handles.append(
                Patch(
                    facecolor=WINNER_COLOUR,
                    edgecolor="#ffffff",
                    hatch="//",
                    label=_("Recommendation"),
                )
            )
        if any(s.excluded for s in standings):
            handles.append(
                Patch(
                    facecolor="#ffffff",
                    edgecolor=EXCLUDED_COLOUR,
                    hatch="..",
                    label=_("Excluded (a must requirement not fulfilled)"),
                )
            )
        if handles:
            figure.legend(handles=handles, loc="outside lower center", ncols=2, frameon=False)
        return render_svg(figure, chart_title(result), chart_description(result))


def chart_height_px(result: Result) -> int:
    """The picture's height in CSS pixels (72 pt per inch, as the SVG's own size)."""
    return round((1.1 + 0.55 * max(len(result.standings), 1)) * 72)
