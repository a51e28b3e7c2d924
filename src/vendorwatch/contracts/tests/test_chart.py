from decimal import Decimal
from xml.etree import ElementTree

from vendorwatch.contracts.chart import cost_chart_svg, nice_maximum
from vendorwatch.contracts.templatetags.contracts_tags import eur

NS = "{http://www.w3.org/2000/svg}"


def chart(**overrides: object) -> str:
    arguments: dict[str, object] = {
        "values": [Decimal("100"), Decimal("250.50"), Decimal("0")],
        "labels": ["Jan", "Feb", "Mär"],
        "budget_per_month": Decimal("200"),
        "title": "Kosten <2026>",
        "description": "Monatliche Kosten",
    }
    arguments.update(overrides)
    return cost_chart_svg(**arguments)  # type: ignore[arg-type]


def test_the_chart_is_well_formed_svg_with_title_and_description() -> None:
    root = ElementTree.fromstring(chart())
    assert root.tag == f"{NS}svg"
    assert root.get("role") == "img"
    assert root.find(f"{NS}title").text == "Kosten <2026>"  # type: ignore[union-attr]
    assert root.find(f"{NS}desc").text == "Monatliche Kosten"  # type: ignore[union-attr]


def test_one_bar_per_month_and_a_label_for_each() -> None:
    root = ElementTree.fromstring(chart())
    assert len(root.findall(f"{NS}rect")) == 3
    texts = [t.text for t in root.iter(f"{NS}text")]
    assert {"Jan", "Feb", "Mär"} <= set(texts)


def test_a_month_over_budget_is_drawn_differently_and_the_budget_line_is_dashed() -> None:
    root = ElementTree.fromstring(chart())
    fills = [rect.get("fill") for rect in root.findall(f"{NS}rect")]
    assert fills[0] != fills[1]
    assert any(line.get("stroke-dasharray") for line in root.findall(f"{NS}line"))


def test_without_budget_there_is_no_budget_line() -> None:
    root = ElementTree.fromstring(chart(budget_per_month=None))
    assert not any(line.get("stroke-dasharray") for line in root.findall(f"{NS}line"))


def test_no_style_attributes() -> None:
    assert "style=" not in chart()


def test_the_axis_top_is_a_round_number() -> None:
    assert nice_maximum(Decimal("250.50")) == Decimal("500")
    assert nice_maximum(Decimal("1800")) == Decimal("2000")
    assert nice_maximum(Decimal("0")) == Decimal("1")


def test_all_zero_values_still_draw() -> None:
    root = ElementTree.fromstring(chart(values=[Decimal("0")] * 3, budget_per_month=None))
    assert len(root.findall(f"{NS}rect")) == 3


def text_extent(element: ElementTree.Element) -> tuple[float, float]:
    """Left and right edge of a label, at 0.6 em per character (digits are about 0.56 em)."""
    size = float(element.get("font-size") or 12)
    width = len(element.text or "") * size * 0.6
    x = float(element.get("x") or 0)
    anchor = element.get("text-anchor") or "start"
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return left, left + width


def test_axis_and_value_labels_of_large_amounts_stay_inside_the_chart() -> None:
    svg = cost_chart_svg(
        values=[Decimal("43210987.65")] * 12,
        labels=[f"M{n}" for n in range(1, 13)],
        budget_per_month=Decimal("38000000"),
        title="Kosten",
        description="Kosten",
        value_format=eur,
    )
    root = ElementTree.fromstring(svg)
    width = float(root.get("viewBox", "").split()[2])
    labels = list(root.iter(f"{NS}text"))
    assert "50.000.000,00\xa0€" in [t.text for t in labels]  # the top of the axis
    for label in labels:
        left, right = text_extent(label)
        assert left >= 0 and right <= width, label.text


def test_the_plot_moves_right_only_as_far_as_the_axis_label_needs() -> None:
    # "500,00 €": 8 characters at 12 × 0.62 = 59.5 units, right-aligned 6 units left of the
    # axis with 4 to spare: the axis at 70 (the old fixed 64 cut the label's first pixels).
    small = ElementTree.fromstring(chart(value_format=eur))
    assert small.find(f"{NS}line").get("x1") == "70"  # type: ignore[union-attr]
    without_money = ElementTree.fromstring(chart())
    assert without_money.find(f"{NS}line").get("x1") == "64"  # type: ignore[union-attr]
