"""What the report adds to the ticket figures: availability promised per service, costs
against the budget, and the service credits owed under the SLA's credit rule."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Prefetch, Q
from django.utils.translation import gettext, ngettext

from vendorwatch.contracts.costs import monthly_costs, yearly_budget_total
from vendorwatch.contracts.models import Contract, InvoiceLine
from vendorwatch.core import deadlines as dl
from vendorwatch.monitoring.models import ImportJob
from vendorwatch.monitoring.report_periods import (
    CENT,
    HUNDRED,
    money_text,
    month_end,
    month_label,
    rate_text,
)
from vendorwatch.sla.models import ServiceTarget, SlaPolicy, SlaVersion


@dataclass(frozen=True)
class AvailabilityRow:
    service: str
    target: Decimal
    policy: str


def availability_targets(provider: Any, end: date) -> list[AvailabilityRow]:
    """The availability each SLA used for the provider's tickets promised at the period's end.

    Vendorwatch records no outages, so what was achieved cannot be measured here.
    """
    targets = ServiceTarget.objects.select_related("service")
    versions = SlaVersion.objects.prefetch_related(Prefetch("service_targets", queryset=targets))
    policies = (
        SlaPolicy.objects.filter(
            Q(ticket_imports__provider=provider, ticket_imports__state=ImportJob.State.DONE)
            | Q(provider=provider)
        )
        .distinct()
        .prefetch_related(Prefetch("versions", queryset=versions))
    )
    rows = []
    for policy in policies:
        version = policy.version_at(end) or policy.latest_version
        if version is None:
            continue
        for target in version.service_targets.all():
            rows.append(
                AvailabilityRow(target.service.name, target.availability_percent, str(policy))
            )
    return rows


@dataclass(frozen=True)
class Costs:
    invoiced: Decimal  # invoice dates in the period
    year: int
    budget: Decimal | None  # the provider's budget of the period's last year
    invoiced_year: Decimal  # January up to the period's last month of that year

    @property
    def budget_used_percent(self) -> Decimal | None:
        if not self.budget:
            return None
        return (self.invoiced_year * HUNDRED / self.budget).quantize(CENT, ROUND_HALF_UP)

    @property
    def over_budget(self) -> bool:
        return self.budget is not None and self.invoiced_year > self.budget


def costs(provider: Any, start: date, end: date) -> Costs:
    lines = InvoiceLine.objects.filter(
        invoice__contract__provider=provider,
        invoice__invoice_date__gte=start,
        invoice__invoice_date__lte=end,
    ).only("quantity", "unit_price")
    invoiced = sum((line.amount for line in lines), Decimal("0"))
    months = monthly_costs(end.year, provider_id=provider.pk)
    return Costs(
        invoiced=invoiced,
        year=end.year,
        budget=yearly_budget_total(end.year, provider_id=provider.pk),
        invoiced_year=sum(months[: end.month], Decimal("0")),
    )


# --- service credits ---------------------------------------------------------------------


@dataclass(frozen=True)
class CreditLine:
    month: date
    version: SlaVersion
    breaches: int
    per_breach: Decimal
    cap: Decimal
    fee: Decimal | None
    all_contracts: bool  # no contract names this SLA: the fee of all the provider's contracts
    first: date  # the days of the month the period covers
    last: date

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def month_days(self) -> int:
        return month_end(self.month).day

    @property
    def partial(self) -> bool:
        """The period covers only some days of the month: the fee counts for those days."""
        return self.days < self.month_days

    @property
    def raw_percent(self) -> Decimal:
        return self.per_breach * self.breaches

    @property
    def capped(self) -> bool:
        return self.raw_percent > self.cap

    @property
    def percent(self) -> Decimal:
        return min(self.raw_percent, self.cap)

    @property
    def amount(self) -> Decimal | None:
        if self.fee is None:
            return None
        share = self.fee * self.percent * self.days / (HUNDRED * self.month_days)
        return share.quantize(CENT, rounding=ROUND_HALF_UP)

    @property
    def heading(self) -> str:
        values = {
            "month": month_label(self.month),
            "sla": self.version.policy.name,
            "version": self.version.number,
        }
        if not self.partial:
            return gettext("%(month)s, %(sla)s version %(version)s") % values
        return gettext(
            "%(month)s (only %(first)s – %(last)s: %(days)s of %(month_days)s days), "
            "%(sla)s version %(version)s"
        ) % {
            **values,
            "first": f"{self.first:%d.%m.%Y}",
            "last": f"{self.last:%d.%m.%Y}",
            "days": self.days,
            "month_days": self.month_days,
        }

    @property
    def text(self) -> str:
        """ "3 breaches × 5 % = 15 %, cap 10 % → 10 % of 1.200,00 € = 120,00 €"; for a month
        the period covers in part "… of 1.200,00 € × 10/30 days = 40,00 €"."""
        values = {
            "breaches": ngettext("%(count)s breach", "%(count)s breaches", self.breaches)
            % {"count": self.breaches},
            "rate": rate_text(self.per_breach),
            "raw": rate_text(self.raw_percent),
            "cap": rate_text(self.cap),
            "percent": rate_text(self.percent),
        }
        if self.capped:
            share = gettext("%(breaches)s × %(rate)s = %(raw)s, cap %(cap)s → %(percent)s") % values
        else:
            share = gettext("%(breaches)s × %(rate)s = %(raw)s (cap %(cap)s)") % values
        if self.fee is None or self.amount is None:
            if self.partial:
                return gettext(
                    "%(share)s of the monthly fee × %(days)s/%(month_days)s days; no fee is "
                    "entered for the provider's contracts"
                ) % {"share": share, "days": self.days, "month_days": self.month_days}
            return gettext(
                "%(share)s of the monthly fee; no fee is entered for the provider's contracts"
            ) % {"share": share}
        computation = {
            "share": share if self.capped else f"{share} → {values['percent']}",
            "fee": money_text(self.fee),
            "amount": money_text(self.amount),
        }
        if self.partial:
            return gettext("%(share)s of %(fee)s × %(days)s/%(month_days)s days = %(amount)s") % {
                **computation,
                "days": self.days,
                "month_days": self.month_days,
            }
        return gettext("%(share)s of %(fee)s = %(amount)s") % computation


@dataclass(frozen=True)
class Credits:
    lines: list[CreditLine]
    without_rule: list[str]  # SLA versions with breaches that name no service credit

    @property
    def total(self) -> Decimal | None:
        amounts = [line.amount for line in self.lines if line.amount is not None]
        return sum(amounts, Decimal("0")) if amounts else None

    @property
    def fee_missing(self) -> bool:
        return any(line.fee is None for line in self.lines)


def contract_end(contract: Contract) -> date | None:
    """The last day of a contract with a fixed term that ends without notice; ``None`` for
    a contract that runs until it is terminated (or whose terms are incomplete)."""
    if contract.after_minimum_term != Contract.AfterMinimum.ENDS:
        return None
    try:
        terms = contract.to_terms()
        return None if terms.minimum_term is None else dl.term_end(terms.start, terms.minimum_term)
    except (dl.TermsError, ValueError, OverflowError):
        return None


def runs_between(contract: Contract, first: date, last: date) -> bool:
    """Whether the contract runs on at least one day of ``[first, last]``."""
    end = contract_end(contract)
    return contract.start_date <= last and (end is None or end >= first)


def monthly_fee(
    contracts: list[Contract], policy_id: int, first: date, last: date
) -> tuple[Decimal | None, bool]:
    """The monthly fee of the contracts that run on a day of ``[first, last]`` and name the
    SLA; when none names it, of all the provider's contracts with a fee running then."""
    running = [c for c in contracts if c.fee is not None and runs_between(c, first, last)]
    named = [c for c in running if c.sla_policy_id == policy_id]
    chosen, everything = (named, False) if named else (running, True)
    fees = [c.monthly_fee for c in chosen if c.monthly_fee is not None]
    return (sum(fees, Decimal("0")) if fees else None), everything


def service_credits(
    breaches: dict[tuple[date, int], int], provider: Any, start: date, end: date
) -> Credits:
    """Per month of the period ``[start, end]`` and SLA version (``breaches`` maps them to
    the number of tickets that missed a time): breaches × credit per breach, at most the cap,
    of the monthly fee of the contracts running in the days of the month the period covers.
    A month the period covers only in part counts its breaches within the period and the fee
    for the days covered (fee × days covered / days of the month)."""
    versions = SlaVersion.objects.select_related("policy").in_bulk({v for _m, v in breaches})
    contracts = list(Contract.objects.filter(provider=provider))
    lines, without_rule = [], []
    for (month, version_id), count in sorted(breaches.items()):
        version = versions[version_id]
        if not count:
            continue
        if not version.credit_percent_per_breach:
            without_rule.append(str(version))
            continue
        first, last = max(month, start), min(month_end(month), end)
        fee, everything = monthly_fee(contracts, version.policy_id, first, last)
        lines.append(
            CreditLine(
                month=month,
                version=version,
                breaches=count,
                per_breach=version.credit_percent_per_breach,
                cap=version.credit_cap_percent,
                fee=fee,
                all_contracts=everything,
                first=first,
                last=last,
            )
        )
    return Credits(lines, sorted(set(without_rule)))
