"""Invoices against the contract, and spending against the budget."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F, Q, QuerySet, Sum

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


def invoice_checks(invoice: Invoice, contracted: set[int] | None = None) -> list[LineCheck]:
    """Each line of the invoice checked against the contract. ``contracted`` (the ids of the
    contract's services) and lines prefetched with their services spare the queries when
    several invoices of one contract are checked."""
    if contracted is None:
        contracted = set(invoice.contract.services.values_list("pk", flat=True))
    prefetched = "lines" in getattr(invoice, "_prefetched_objects_cache", {})
    lines = invoice.lines.all() if prefetched else invoice.lines.select_related("service")
    return [line_check(line, contracted) for line in lines]


def contract_deviations(contract: Contract, *, start: object, end: object) -> list[LineCheck]:
    """The flagged lines of the contract's invoices dated in [start, end]."""
    contracted = set(contract.services.values_list("pk", flat=True))
    lines = InvoiceLine.objects.filter(
        invoice__contract=contract,
        invoice__invoice_date__gte=start,
        invoice__invoice_date__lte=end,
    ).select_related("service", "invoice")
    return [c for c in (line_check(line, contracted) for line in lines) if c.flagged]


def _lines_of(year: int) -> QuerySet[InvoiceLine]:
    return InvoiceLine.objects.filter(invoice__invoice_date__year=year).order_by()


def euros(cents: int | Decimal | None) -> Decimal:
    """Cents summed by the database as euros with two decimal places (None: nothing)."""
    return Decimal(cents or 0).scaleb(-2)


def monthly_costs(year: int, *, provider_id: int | None = None) -> list[Decimal]:
    """Invoiced amounts per month (January first), by invoice date: one grouped query."""
    months = [ZERO] * 12
    lines = _lines_of(year)
    if provider_id is not None:
        lines = lines.filter(invoice__contract__provider_id=provider_id)
    # Grouped by day, not month: SQLite extracts a month in Python, row by row.
    grouped = lines.values(day=F("invoice__invoice_date")).annotate(total=Sum("cents"))
    for row in grouped:
        months[row["day"].month - 1] += euros(row["total"])
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
    """Invoiced amounts in ``year`` per provider id and per contract id: one grouped query."""
    by_provider: dict[int, Decimal] = defaultdict(lambda: ZERO)
    by_contract: dict[int, Decimal] = defaultdict(lambda: ZERO)
    grouped = (
        _lines_of(year)
        .values(contract=F("invoice__contract_id"), provider=F("invoice__contract__provider_id"))
        .annotate(total=Sum("cents"))
    )
    for row in grouped:
        amount = euros(row["total"])
        by_contract[row["contract"]] = amount
        by_provider[row["provider"]] += amount
    return by_provider, by_contract


def _budgets(year: int) -> QuerySet[Budget]:
    # Only what the pages show: a whole contract row per budget costs more than the sums.
    return (
        Budget.objects.filter(year=year)
        .select_related("provider", "contract")
        .only("year", "amount", "provider__name", "contract__title")
    )


Spent = tuple[dict[int, Decimal], dict[int, Decimal]]


def _spent(spent: Spent, provider_id: int | None, contract_id: int | None) -> Decimal:
    """What a budget (of a contract, or else of a provider) has spent."""
    by_provider, by_contract = spent
    return by_contract[contract_id] if contract_id else by_provider[provider_id or 0]


def budget_statuses(year: int) -> list[BudgetStatus]:
    spent = spent_by(year)
    return [BudgetStatus(b, _spent(spent, b.provider_id, b.contract_id)) for b in _budgets(year)]


def over_budget(year: int, shown: int) -> tuple[list[BudgetStatus], int]:
    """The first ``shown`` budgets of ``year`` already exceeded (the furthest over first),
    and how many are exceeded: only those shown are read as records."""
    spent_of = spent_by(year)
    over = []
    rows = Budget.objects.filter(year=year).values_list(
        "pk", "amount", "provider_id", "contract_id"
    )
    for pk, amount, provider_id, contract_id in rows:
        spent = _spent(spent_of, provider_id, contract_id)
        if spent > amount:
            over.append((amount - spent, pk, spent))
    over.sort()
    first = over[:shown]
    budgets = _budgets(year).in_bulk([pk for _remaining, pk, _spent in first])
    statuses = [BudgetStatus(budgets[pk], spent) for _r, pk, spent in first if pk in budgets]
    return statuses, len(over)


def yearly_budget_total(year: int, *, provider_id: int | None = None) -> Decimal | None:
    """Provider budgets, plus contract budgets of providers without one; ``None``: no budget."""
    budgets = Budget.objects.filter(year=year).values_list(
        "amount", "provider_id", "contract__provider_id"
    )
    if provider_id is not None:
        budgets = budgets.filter(Q(provider_id=provider_id) | Q(contract__provider_id=provider_id))
    rows = list(budgets)
    if not rows:
        return None
    with_own = {own for _amount, own, _of_contract in rows if own}
    return sum(
        (amount for amount, own, of_contract in rows if own or of_contract not in with_own),
        ZERO,
    )
