"""The cost chart of a year: monthly invoiced costs against the monthly share of the budget.

Drawn by :func:`vendorwatch.web.charts.cost_bars_svg` (matplotlib). The figures, labels and
texts are gathered here once, so the costs page, its chart address and any PDF (which embeds
the SVG as a ``data:`` URI, ``web.charts.svg_data_uri``) say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.dates import MONTHS_3
from django.utils.translation import gettext as _

from vendorwatch.contracts.costs import monthly_costs, yearly_budget_total
from vendorwatch.contracts.templatetags.contracts_tags import eur
from vendorwatch.web.charts import cost_bars_svg


@dataclass(frozen=True)
class CostChart:
    year: int
    labels: list[str]
    values: list[Decimal]
    total: Decimal
    budget: Decimal | None
    per_month: Decimal | None

    @property
    def title(self) -> str:
        return _("Monthly costs %(year)s against the budget") % {"year": self.year}

    @property
    def description(self) -> str:
        """One sentence with the figures: the image's text alternative."""
        return _(
            "Invoiced per month in %(year)s, total %(total)s; budget per month: %(budget)s."
        ) % {
            "year": self.year,
            "total": eur(self.total),
            "budget": eur(self.per_month) if self.per_month is not None else "–",
        }

    @property
    def months(self) -> list[tuple[str, Decimal]]:
        return list(zip(self.labels, self.values, strict=True))

    def svg(self) -> str:
        """The chart as an SVG document (German or English, as the active language)."""
        per_month = self.per_month
        return cost_bars_svg(
            values=self.values,
            labels=self.labels,
            budget_per_month=per_month,
            title=self.title,
            description=self.description,
            value_format=eur,
            budget_label=(
                _("Budget per month: %(amount)s") % {"amount": eur(per_month)}
                if per_month is not None
                else None
            ),
            over_label=_("Month over the budget"),
        )


def cost_chart(year: int, *, provider_id: int | None = None) -> CostChart:
    """The year's figures: invoiced per month, the budget and its monthly share.

    With ``provider_id``: that provider's invoices and budgets only (the provider report).
    """
    values = monthly_costs(year, provider_id=provider_id)
    budget = yearly_budget_total(year, provider_id=provider_id)
    return CostChart(
        year=year,
        labels=[str(MONTHS_3[month]).capitalize() for month in range(1, 13)],
        values=values,
        total=sum(values, Decimal("0")),
        budget=budget,
        per_month=(budget / 12).quantize(Decimal("0.01")) if budget is not None else None,
    )
