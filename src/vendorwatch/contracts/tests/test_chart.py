"""The cost chart: the year's figures in German, every amount written on its bar."""

from datetime import date
from decimal import Decimal
from xml.etree import ElementTree

import pytest
from django.utils import translation

from vendorwatch.contracts.chart import cost_chart
from vendorwatch.contracts.models import Budget
from vendorwatch.contracts.tests.factory import add_line, make_contract, make_invoice
from vendorwatch.testing.factory import make_provider

pytestmark = pytest.mark.django_db

NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture(autouse=True)
def german() -> object:
    with translation.override("de"):
        yield


def texts(svg: str) -> list[str]:
    return ["".join(t.itertext()) for t in ElementTree.fromstring(svg).iter(f"{NS}text")]


def invoiced(amount: str, day: date, **contract: object) -> None:
    add_line(make_invoice(make_contract(**contract), invoice_date=day), None, amount)


def test_the_chart_has_twelve_german_months_and_the_years_figures() -> None:
    invoiced("1234.50", date(2026, 3, 3))
    Budget.objects.create(year=2026, contract=make_contract(), amount=Decimal("6000"))
    chart = cost_chart(2026)
    assert chart.labels[:3] == ["Jan", "Feb", "Mär"]
    assert chart.values[2] == Decimal("1234.50")
    assert chart.total == Decimal("1234.50")
    assert chart.per_month == Decimal("500.00")


def test_the_chart_is_an_svg_with_title_and_description() -> None:
    invoiced("80", date(2026, 5, 5))
    root = ElementTree.fromstring(cost_chart(2026).svg())
    assert root.tag == f"{NS}svg"
    assert root.get("role") == "img"
    assert root.find(f"{NS}title").text == "Monatliche Kosten 2026 im Vergleich zum Budget"  # type: ignore[union-attr]
    assert "80,00\xa0€" in root.find(f"{NS}desc").text  # type: ignore[union-attr,operator]


def test_every_month_is_labelled_and_every_amount_is_written_in_german() -> None:
    invoiced("1234.50", date(2026, 3, 3))
    invoiced("99.99", date(2026, 11, 30))
    labels = texts(cost_chart(2026).svg())
    assert {"Jan", "Feb", "Mär", "Nov", "Dez"} <= set(labels)
    assert "1.234,50\xa0€" in labels
    assert "99,99\xa0€" in labels


def test_the_budget_line_is_named_with_its_amount() -> None:
    Budget.objects.create(year=2026, contract=make_contract(), amount=Decimal("12000"))
    svg = cost_chart(2026).svg()
    assert "Budget pro Monat: 1.000,00\xa0€" in texts(svg)
    assert 'id="budget"' in svg


def test_a_month_over_the_budget_is_hatched_and_named_not_only_coloured() -> None:
    Budget.objects.create(year=2026, contract=make_contract(), amount=Decimal("1200"))
    invoiced("150", date(2026, 1, 10))  # over 100 a month
    invoiced("50", date(2026, 2, 10))
    svg = cost_chart(2026).svg()
    assert "Monat über dem Budget" in texts(svg)
    root = ElementTree.fromstring(svg)
    groups = {g.get("id"): ElementTree.tostring(g, encoding="unicode") for g in root.iter(f"{NS}g")}
    assert "url(#h" in groups["bar-1"]
    assert "url(#h" not in groups["bar-2"]


def test_without_budget_there_is_no_budget_line() -> None:
    invoiced("80", date(2026, 5, 5))
    svg = cost_chart(2026).svg()
    assert 'id="budget"' not in svg
    assert "Monat über dem Budget" not in texts(svg)


def test_a_year_without_invoices_still_draws() -> None:
    labels = texts(cost_chart(2026).svg())
    assert "Jan" in labels and "0" in labels


def test_large_amounts_keep_a_round_axis_top_in_german() -> None:
    invoiced("43210987.65", date(2026, 6, 1))
    assert "50.000.000,00\xa0€" in texts(cost_chart(2026).svg())


def test_a_providers_chart_counts_only_its_own_invoices() -> None:
    ours = make_provider(name="Brandl IT")
    invoiced("100", date(2026, 4, 1), provider=ours)
    invoiced("900", date(2026, 4, 1))
    assert cost_chart(2026, provider_id=ours.pk).total == Decimal("100")


def test_english_labels_when_english_is_active() -> None:
    invoiced("80", date(2026, 5, 5))
    with translation.override("en"):
        labels = texts(cost_chart(2026).svg())
    assert "May" in labels
