"""The SVG charts drawn with matplotlib: a real SVG, text kept as text, gaps, target, stable."""

from __future__ import annotations

import base64
import re
import xml.etree.ElementTree as ET
from decimal import Decimal

from vendorwatch.web.charts import (
    cost_bars_svg,
    nice_maximum,
    percent_trend_svg,
    svg_data_uri,
    svg_response,
)

SVG = "{http://www.w3.org/2000/svg}"
LABELS = ["Jan 2026", "Feb 2026", "Mär 2026", "Apr 2026"]


def _trend(**kwargs: object) -> str:
    arguments: dict[str, object] = {
        "labels": LABELS,
        "series": [("Reaktion", [95.0, None, 88.5, 100.0]), ("Lösung", [80.0, 70.0, 75.0, 90.0])],
        "target": 90.0,
        "target_label": "Ziel: 90 %",
        "title": "SLA-Einhaltung 2026",
    }
    arguments.update(kwargs)
    return percent_trend_svg(**arguments)  # type: ignore[arg-type]


def _texts(svg: str) -> list[str]:
    root = ET.fromstring(svg.encode("utf-8"))
    return ["".join(node.itertext()) for node in root.iter(f"{SVG}text")]


def _group(svg: str, gid: str) -> ET.Element:
    root = ET.fromstring(svg.encode("utf-8"))
    for node in root.iter(f"{SVG}g"):
        if node.get("id") == gid:
            return node
    raise AssertionError(f"no group {gid!r}")


def _moves(group: ET.Element) -> int:
    path = group.find(f"{SVG}path")
    assert path is not None
    return len(re.findall(r"\bM ", path.get("d", "")))


def test_trend_chart_is_an_svg_document_with_its_title_first() -> None:
    svg = _trend()
    root = ET.fromstring(svg.encode("utf-8"))
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root[0].tag == f"{SVG}title"
    assert root[0].text == "SLA-Einhaltung 2026"


def test_trend_chart_keeps_every_label_as_text() -> None:
    texts = _texts(_trend())
    for label in [*LABELS, "Reaktion", "Lösung", "Ziel: 90 %", "0 %", "100 %"]:
        assert label in texts


def test_trend_chart_leaves_a_gap_where_a_value_is_missing() -> None:
    svg = _trend()
    assert _moves(_group(svg, "series-1")) == 2  # 95 | gap | 88.5 → 100
    assert _moves(_group(svg, "series-2")) == 1  # no gap


def test_trend_chart_draws_the_target_as_a_dashed_line() -> None:
    target = _group(_trend(), "target")
    path = target.find(f"{SVG}path")
    assert path is not None
    assert "stroke-dasharray" in path.get("style", "")


def test_trend_chart_without_target_has_no_target_line() -> None:
    svg = _trend(target=None)
    assert 'id="target"' not in svg
    assert "Ziel" not in svg


def test_trend_chart_is_the_same_text_when_drawn_twice() -> None:
    assert _trend() == _trend()


def test_trend_chart_carries_no_date_and_no_font_outlines() -> None:
    svg = _trend()
    assert "<dc:date>" not in svg
    assert "font-family: 'DejaVu Sans'" in svg or "DejaVu Sans" in svg
    assert '<use xlink:href="#DejaVuSans' not in svg


def test_trend_chart_escapes_texts() -> None:
    svg = _trend(title="A & B <C>", series=[("x < y", [1.0, 2.0, 3.0, 4.0])])
    root = ET.fromstring(svg.encode("utf-8"))
    assert root[0].text == "A & B <C>"
    assert "x < y" in _texts(svg)


def test_trend_chart_refuses_a_series_of_the_wrong_length() -> None:
    try:
        _trend(series=[("Reaktion", [1.0])])
    except ValueError as error:
        assert "Reaktion" in str(error)
    else:
        raise AssertionError("no error")


def test_trend_chart_with_only_gaps_still_draws() -> None:
    svg = _trend(series=[("Reaktion", [None, None, None, None])], target=None)
    assert "Reaktion" in _texts(svg)


def _bars(**kwargs: object) -> str:
    arguments: dict[str, object] = {
        "values": [Decimal("1234.50"), Decimal("0"), Decimal("99.99")],
        "labels": ["Jan", "Feb", "Mär"],
        "budget_per_month": Decimal("1000"),
        "title": "Kosten",
        "value_format": lambda value: f"{value} €",
        "budget_label": "Budget pro Monat",
    }
    arguments.update(kwargs)
    return cost_bars_svg(**arguments)  # type: ignore[arg-type]


def test_cost_bars_write_every_non_zero_amount_on_its_bar() -> None:
    texts = _texts(_bars())
    assert "1234.50 €" in texts
    assert "99.99 €" in texts
    assert "0 €" not in texts


def test_cost_bars_name_the_budget_line_in_the_legend() -> None:
    svg = _bars()
    assert "Budget pro Monat" in _texts(svg)
    assert 'id="budget"' in svg


def test_cost_bars_hatch_a_bar_over_the_budget_so_colour_is_not_the_only_sign() -> None:
    over = ET.tostring(_group(_bars(), "bar-1"), encoding="unicode")
    under = ET.tostring(_group(_bars(), "bar-3"), encoding="unicode")
    assert "url(#h" in over
    assert "url(#h" not in under


def test_cost_bars_without_budget_have_no_budget_line() -> None:
    svg = _bars(budget_per_month=None)
    assert 'id="budget"' not in svg


def test_cost_bars_axis_top_is_a_round_amount() -> None:
    assert "2000.00 €" in _texts(_bars())


def test_nice_maximum_rounds_up_to_one_two_or_five() -> None:
    assert nice_maximum(Decimal("1234.5")) == 2000
    assert nice_maximum(Decimal("0.3")) == Decimal("0.5")
    assert nice_maximum(Decimal("5000")) == 5000
    assert nice_maximum(Decimal("0")) == 1


def test_data_uri_holds_the_svg() -> None:
    uri = svg_data_uri("<svg/>")
    assert uri.startswith("data:image/svg+xml;base64,")
    assert base64.b64decode(uri.split(",", 1)[1]) == b"<svg/>"


def test_svg_response_allows_the_charts_own_styles_and_nothing_else() -> None:
    response = svg_response("<svg/>")
    assert response["Content-Type"].startswith("image/svg+xml")
    policy = response["Content-Security-Policy"]
    assert "style-src 'unsafe-inline'" in policy
    assert "default-src 'none'" in policy
    assert "script-src" not in policy
