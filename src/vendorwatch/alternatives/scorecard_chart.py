"""The scorecard's 12-month trend as an SVG document (matplotlib, in the way of ``web.charts``).

One line of the total score (0–100 points) per month, a gap where a month has no data, and
the borders of the traffic light as dashed lines named in the legend, so that nothing rests on
colour. The same SVG is served to the page (``<img src>``) and fits a PDF (``svg_data_uri``);
the page shows the same figures as a table.
"""

from __future__ import annotations

import math
from decimal import Decimal

from django.utils.translation import gettext
from matplotlib.ticker import FixedLocator

from vendorwatch.alternatives.scorecard import TrendPoint, number_text
from vendorwatch.web.charts import (
    COLOURS,
    TARGET_COLOUR,
    chart_settings,
    new_figure,
    render_svg,
)


def points_text(value: Decimal | None) -> str:
    if value is None:
        return gettext("no data")
    return number_text(value)


def trend_title(provider_name: str) -> str:
    return gettext("Overall score per month: %(provider)s") % {"provider": provider_name}


def trend_description(points: list[TrendPoint]) -> str:
    """The figures in one sentence: the image's text alternative inside the SVG."""
    months = "; ".join(f"{point.label}: {points_text(point.total)}" for point in points)
    return gettext("Overall score out of 100 at the end of each month: %(months)s.") % {
        "months": months
    }


def trend_svg(
    provider_name: str,
    points: list[TrendPoint],
    *,
    green_from: Decimal | None = None,
    red_below: Decimal | None = None,
) -> str:
    """The chart; ``green_from`` and ``red_below`` draw the borders of the traffic light."""
    labels = [point.label for point in points]
    values = [math.nan if p.total is None else float(p.total) for p in points]
    with chart_settings():
        figure, axes = new_figure()
        positions = list(range(len(labels)))
        axes.plot(
            positions,
            values,
            label=gettext("Overall score"),
            color=COLOURS[0],
            marker="o",
            linestyle="-",
            linewidth=2,
            markersize=6,
            gid="series-1",
        )
        borders = (
            (green_from, "--", gettext("Green from %(points)s points")),
            (red_below, ":", gettext("Red below %(points)s points")),
        )
        for border, style, text in borders:
            if border is not None:
                axes.axhline(
                    float(border),
                    color=TARGET_COLOUR,
                    linestyle=style,
                    linewidth=1.5,
                    label=text % {"points": points_text(border)},
                )
        axes.set_ylim(0, 104)  # room for a marker at 100
        axes.yaxis.set_major_locator(FixedLocator([0, 20, 40, 60, 80, 100]))
        axes.set_ylabel(gettext("Points"))
        axes.set_xlim(-0.5, max(len(labels) - 0.5, 0.5))
        axes.set_xticks(positions, labels)
        if len(labels) > 8:
            axes.tick_params(axis="x", labelrotation=45)
            for tick in axes.get_xticklabels():
                tick.set_horizontalalignment("right")
                tick.set_rotation_mode("anchor")
        figure.legend(loc="outside lower center", ncols=3, frameon=False)
        return render_svg(figure, trend_title(provider_name), trend_description(points))
