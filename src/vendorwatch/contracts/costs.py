"""Invoices against the contract, and spending against the budget."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from vendorwatch.contracts.models import Budget, Contract, Invoice, InvoiceLine

ZERO = Decimal("0")
Check = InvoiceLine.Check


@dataclass(frozen=True)
class LineCheck:
    line: InvoiceLine
    check: str
    contracted_price: Decimal | None

    @property
    def difference(self) -> Decimal | None:
        """What the line costs more (+) or less (−) than at the contracted price."""
        if self.contracted_price is None:
            return None
        return ((self.line.unit_price - self.contracted_price) * self.line.quantity).quantize(
            Decimal("0.01")
        )

    @property
    def flagged(self) -> bool:
        return self.check in (Check.DEVIATION, Check.UNEXPECTED)

    @property
    def label(self) -> str:
        return str(Check(self.check).label)


def line_check(line: InvoiceLine, contracted_ids: set[int]) -> LineCheck:
    """Compare one line with the contract: is the service contracted, at this price?"""
    service = line.service
    if service is None or service.pk not in contracted_ids:
        return LineCheck(line, Check.UNEXPECTED, None)
    if service.price is None:
        return LineCheck(line, Check.NO_PRICE, None)
    check = Check.AS_AGREED if line.unit_price == service.price else Check.DEVIATION
    return LineCheck(line, check, service.price)


def invoice_checks(invoice: Invoice) -> list[LineCheck]:
    contracted = set(invoice.contract.services.values_list("pk", flat=True))
    return [line_check(line, contracted) for line in invoice.lines.select_related("service")]


def contract_deviations(contract: Contract, *, start: object, end: object) -> list[LineCheck]:
    """The flagged lines of the contract's invoices dated in [start, end]."""
    contracted = set(contract.services.values_list("pk", flat=True))
    lines = InvoiceLine.objects.filter(
        invoice__contract=contract,
        invoice__invoice_date__gte=start,
        invoice__invoice_date__lte=end,
    ).select_related("service", "invoice")
    return [c for c in (line_check(line, contracted) for line in lines) if c.flagged]


def monthly_costs(year: int, *, provider_id: int | None = None) -> list[Decimal]:
    """Invoiced amounts per month (January first), by invoice date."""
    months = [ZERO] * 12
    lines = InvoiceLine.objects.filter(invoice__invoice_date__year=year).select_related("invoice")
    if provider_id is not None:
        lines = lines.filter(invoice__contract__provider_id=provider_id)
    for line in lines:
        months[line.invoice.invoice_date.month - 1] += line.amount
    return months


@dataclass(frozen=True)
class BudgetStatus:
    budget: Budget
    spent: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.budget.amount - self.spent

    @property
    def over(self) -> bool:
        return self.spent > self.budget.amount


def spent_by(year: int) -> tuple[dict[int, Decimal], dict[int, Decimal]]:
    """Invoiced amounts in ``year`` per provider id and per contract id."""
    by_provider: dict[int, Decimal] = defaultdict(lambda: ZERO)
    by_contract: dict[int, Decimal] = defaultdict(lambda: ZERO)
    lines = InvoiceLine.objects.filter(invoice__invoice_date__year=year).select_related(
        "invoice__contract"
    )
    for line in lines:
        contract = line.invoice.contract
        by_provider[contract.provider_id] += line.amount
        by_contract[contract.pk] += line.amount
    return by_provider, by_contract


def budget_statuses(year: int) -> list[BudgetStatus]:
    by_provider, by_contract = spent_by(year)
    budgets = Budget.objects.filter(year=year).select_related("provider", "contract")
    return [
        BudgetStatus(
            b,
            by_contract[b.contract_id] if b.contract_id else by_provider[b.provider_id or 0],
        )
        for b in budgets
    ]


def yearly_budget_total(year: int, *, provider_id: int | None = None) -> Decimal | None:
    """Provider budgets, plus contract budgets of providers without one; ``None``: no budget."""
    budgets = list(Budget.objects.filter(year=year).select_related("contract"))
    if provider_id is not None:
        budgets = [
            b
            for b in budgets
            if b.provider_id == provider_id
            or (b.contract is not None and b.contract.provider_id == provider_id)
        ]
    if not budgets:
        return None
    with_own = {b.provider_id for b in budgets if b.provider_id}
    return sum(
        (
            b.amount
            for b in budgets
            if b.provider_id or (b.contract is not None and b.contract.provider_id not in with_own)
        ),
        ZERO,
    )
