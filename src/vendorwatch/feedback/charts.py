"""The charts of a survey's results, as SVG documents (matplotlib, in the way of ``web.charts``).

- :func:`question_svg`: how often each value (1–5, 0–10) or option was chosen, the count
  written on every bar. On the 0–10 scale the three groups of the Net Promoter Score differ by
  hatching as well as by colour, and the legend names them with their values.
- :func:`trend_svg`: the mean (1–5) or the NPS (0–10) of one question per round, the value
  written at each point; a round with too few answers is a gap and says so under its label.

The same bars (:func:`bars`) are the page's table, the PDF's table and the CSV's rows, so the
chart and its text alternative always agree.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils import formats
from django.utils.text import Truncator
from django.utils.translation import gettext, pgettext
from matplotlib.patches import Patch
from matplotlib.ticker import FixedLocator, MaxNLocator

from vendorwatch.core import feedback as fb
from vendorwatch.feedback.models import QuestionKind
from vendorwatch.feedback.results import SCALES, QuestionResult, TrendPoint
from vendorwatch.web.charts import (
    BAR_COLOUR,
    COLOURS,
    GRID_COLOUR,
    TEXT_COLOUR,
    chart_settings,
    new_figure,
    render_svg,
)

DETRACTOR, PASSIVE, PROMOTER = "detractor", "passive", "promoter"
# Colour, hatching: the groups differ without colour too.
GROUP_STYLE = {
    DETRACTOR: (COLOURS[1], "//"),
    PASSIVE: (COLOURS[4], ".."),
    PROMOTER: (COLOURS[2], None),
}
# Characters of an option's name beside its bar, and of a question in a chart's title.
OPTION_CHARS = 40
TITLE_CHARS = 200
HEIGHT_IN = 3.6


@dataclass(frozen=True)
class Bar:
    label: str  # the value ("4") or the option's name
    count: int
    percent: int  # of the question's answers, rounded half up
    group: str = ""  # on the 0–10 scale: detractor, passive or promoter

    @property
    def group_label(self) -> str:
        return group_label(self.group) if self.group else ""


def group_label(group: str) -> str:
    return {
        DETRACTOR: gettext("Critics (0–6)"),
        PASSIVE: gettext("Undecided (7–8)"),
        PROMOTER: gettext("Enthusiasts (9–10)"),
    }[group]


def share(count: int, total: int) -> int:
    """``count`` in per cent of ``total``, rounded half up (0 of nothing is 0)."""
    if total <= 0:
        return 0
    exact = Decimal(100 * count) / Decimal(total)
    return int(exact.quantize(Decimal(1), ROUND_HALF_UP))


def nps_group(value: int) -> str:
    if value >= fb.PROMOTER_FROM:
        return PROMOTER
    return DETRACTOR if value <= fb.DETRACTOR_UP_TO else PASSIVE


def bars(item: QuestionResult) -> list[Bar]:
    """One bar per value of the scale or per option, in order; none for free text."""
    total = sum(count for _value, count in item.distribution)
    recommend = item.kind == QuestionKind.RECOMMEND
    return [
        Bar(
            label=str(value),
            count=count,
            percent=share(count, total),
            group=nps_group(int(value)) if recommend else "",
        )
        for value, count in item.distribution
    ]


def mean_text(value: Decimal | None) -> str:
    """4,2 in German, 4.2 in English; "–" for none."""
    return "–" if value is None else formats.number_format(value, 1)


def score_text(value: int | None) -> str:
    """An NPS with its sign: +33, -13, 0; "–" for none."""
    if value is None:
        return "–"
    return f"+{value}" if value > 0 else str(value)


def value_text(item: QuestionResult, value: Decimal | int | None) -> str:
    """A trend value: the NPS of a recommendation, else a mean."""
    if item.kind == QuestionKind.RECOMMEND:
        return score_text(value if isinstance(value, int) else None)
    return mean_text(value if isinstance(value, Decimal) else None)


def question_title(item: QuestionResult) -> str:
    text = Truncator(item.question.text).chars(TITLE_CHARS)
    return gettext("Answers to “%(question)s”") % {"question": text}


def question_description(item: QuestionResult) -> str:
    counts = "; ".join(f"{bar.label}: {bar.count}" for bar in bars(item))
    return gettext("Number of answers per value or option: %(counts)s.") % {"counts": counts}


def question_svg(item: QuestionResult) -> str:
    """The distribution of one question's answers (a rating, recommendation or choice)."""
    shown = bars(item)
    with chart_settings():
        if item.kind == QuestionKind.CHOICE:
            figure = _choice_bars(item, shown)
        else:
            figure = _scale_bars(item, shown)
        return render_svg(figure, question_title(item), question_description(item))


def _top(shown: list[Bar]) -> float:
    """The end of the count axis: room for the count written beyond the longest bar."""
    highest = max((bar.count for bar in shown), default=0)
    return max(1.0, highest * 1.18 + 0.5)


def _scale_bars(item: QuestionResult, shown: list[Bar]) -> Any:
    figure, axes = new_figure(height_in=HEIGHT_IN)
    positions = list(range(len(shown)))
    for position, bar in zip(positions, shown, strict=True):
        colour, hatch = GROUP_STYLE[bar.group] if bar.group else (BAR_COLOUR, None)
        drawn = axes.bar(
            [position],
            [bar.count],
            width=0.7,
            color=colour,
            hatch=hatch,
            edgecolor="#ffffff" if hatch else colour,
            linewidth=0,
            gid=f"bar-{position + 1}",
        )
        axes.bar_label(drawn, labels=[str(bar.count)], padding=3, color=TEXT_COLOUR, fontsize=10)
    axes.set_xticks(positions, [bar.label for bar in shown])
    axes.set_xlim(-0.6, len(shown) - 0.4)
    axes.set_ylim(0, _top(shown))
    axes.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=5))
    axes.set_ylabel(gettext("Answers"))
    low, high = SCALES[QuestionKind(item.kind)]
    axes.set_xlabel(gettext("Value from %(low)s to %(high)s") % {"low": low, "high": high})
    if item.kind == QuestionKind.RECOMMEND:
        _mark_groups(axes)
        handles = [
            Patch(facecolor=colour, edgecolor="#ffffff", hatch=hatch, label=group_label(group))
            for group, (colour, hatch) in GROUP_STYLE.items()
        ]
        figure.legend(handles=handles, loc="outside lower center", ncols=3, frameon=False)
    return figure


def _mark_groups(axes: Any) -> None:
    """The three groups of the NPS named above their values, split by dotted lines: a group
    is recognisable even where its bars are empty."""
    edges = (-0.5, fb.DETRACTOR_UP_TO + 0.5, fb.PROMOTER_FROM - 0.5, 10.5)
    for edge in edges[1:-1]:
        axes.axvline(edge, color=TEXT_COLOUR, linestyle=":", linewidth=1)
    groups = (DETRACTOR, PASSIVE, PROMOTER)
    for group, start, end in zip(groups, edges, edges[1:], strict=False):
        axes.annotate(
            group_label(group),
            ((start + end) / 2, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(0, 4),
            textcoords="offset points",
            ha="center",
            va="bottom",
            color=TEXT_COLOUR,
            fontsize=9,
        )


def height_in(item: QuestionResult) -> float:
    """The height of a question's chart in inches: a choice grows with its options."""
    if item.kind == QuestionKind.CHOICE:
        return min(20.0, max(2.4, 0.42 * len(item.distribution) + 1.2))
    return HEIGHT_IN


def _choice_bars(item: QuestionResult, shown: list[Bar]) -> Any:
    """Options side by side would cut their names: one row per option instead."""
    figure, axes = new_figure(height_in=height_in(item), grid_axis="x")
    positions = list(range(len(shown)))
    for position, bar in zip(positions, shown, strict=True):
        drawn = axes.barh(
            [position], [bar.count], height=0.6, color=BAR_COLOUR, gid=f"bar-{position + 1}"
        )
        text = f"{bar.count} ({bar.percent} %)"
        axes.bar_label(drawn, labels=[text], padding=4, color=TEXT_COLOUR, fontsize=10)
    names = [Truncator(bar.label).chars(OPTION_CHARS) for bar in shown]
    axes.set_yticks(positions, names)
    axes.set_ylim(len(shown) - 0.4, -0.6)  # the first option at the top
    axes.set_xlim(0, _top(shown) * 1.15)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=5))
    axes.set_xlabel(gettext("Answers"))
    return figure


def round_label(point: TrendPoint) -> str:
    return pgettext("survey", "Round %(number)s") % {"number": point.number}


def trend_title(item: QuestionResult) -> str:
    text = Truncator(item.question.text).chars(TITLE_CHARS)
    if item.kind == QuestionKind.RECOMMEND:
        return gettext("Net Promoter Score per round: “%(question)s”") % {"question": text}
    return gettext("Mean per round: “%(question)s”") % {"question": text}


def trend_description(item: QuestionResult, points: list[TrendPoint]) -> str:
    values = "; ".join(f"{round_label(point)}: {point_text(item, point)}" for point in points)
    return gettext("Value of each round: %(values)s.") % {"values": values}


def point_text(item: QuestionResult, point: TrendPoint) -> str:
    if not point.shown:
        return gettext("too few answers")
    if point.value is None:
        return gettext("no answers")
    return value_text(item, point.value)


def trend_svg(item: QuestionResult, points: list[TrendPoint]) -> str:
    """One line through the rounds' values; a gap where a round is not shown."""
    recommend = item.kind == QuestionKind.RECOMMEND
    values = [math.nan if p.value is None else float(p.value) for p in points]
    labels = [
        f"{round_label(p)}\n{formats.date_format(p.opened_on, 'SHORT_DATE_FORMAT')}"
        + ("" if p.value is not None else "\n" + point_text(item, p))
        for p in points
    ]
    with chart_settings():
        figure, axes = new_figure(height_in=HEIGHT_IN)
        positions = list(range(len(points)))
        axes.plot(
            positions,
            values,
            color=COLOURS[0],
            marker="o",
            linewidth=2,
            markersize=6,
            gid="series-1",
        )
        for position, point in zip(positions, points, strict=True):
            if point.value is not None:
                axes.annotate(
                    value_text(item, point.value),
                    (position, float(point.value)),
                    textcoords="offset points",
                    xytext=(0, 8),
                    ha="center",
                    color=TEXT_COLOUR,
                    fontsize=10,
                )
        if recommend:
            axes.set_ylim(-110, 118)
            axes.yaxis.set_major_locator(FixedLocator([-100, -50, 0, 50, 100]))
            axes.axhline(0, color=GRID_COLOUR, linewidth=1.2)
            axes.set_ylabel(gettext("Net Promoter Score"))
        else:
            axes.set_ylim(0.8, 5.6)
            axes.yaxis.set_major_locator(FixedLocator([1, 2, 3, 4, 5]))
            axes.set_ylabel(gettext("Mean (1 to 5)"))
        axes.set_xlim(-0.5, max(len(points) - 0.5, 0.5))
        axes.set_xticks(positions, labels)
        if len(points) > 8:
            axes.tick_params(axis="x", labelrotation=45)
            for tick in axes.get_xticklabels():
                tick.set_horizontalalignment("right")
                tick.set_rotation_mode("anchor")
        return render_svg(figure, trend_title(item), trend_description(item, points))
