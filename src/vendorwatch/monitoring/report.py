"""The SLA report of a provider: how its own tickets kept the agreed times, and what is owed.

Counted over the provider's current tickets (the latest imported version of each) that were
created in the period, whole days in the organisation's time zone, both ends included:

- response: met / decided (a first response in time or late, or a response clock that ran
  out); a ticket still waiting inside its time has no verdict yet and is not counted;
- resolution: "closed" are the tickets with a resolution time; resolution % is met / closed
  tickets with a verdict (open tickets are left out, whatever their clock says);
- a breach is a ticket that missed its response time, its resolution time or both (it counts
  once), and each breach earns the service credit of the SLA version it was measured under.

Every figure is counted by the database (conditional counts grouped by priority, by month or
by category); no ticket is loaded to count it, so a million tickets cost a few scans.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.utils import formats, timezone
from django.utils.translation import gettext, ngettext, pgettext

from vendorwatch.contracts.costs import monthly_costs, yearly_budget_total
from vendorwatch.contracts.models import Contract, InvoiceLine
from vendorwatch.core.businesstime.explain import format_duration
from vendorwatch.monitoring.models import ExternalTicket, ImportJob
from vendorwatch.problems.evidence import sla_summary
from vendorwatch.problems.templatetags.problem_tags import when
from vendorwatch.sla.models import Priority, SlaPolicy, SlaVersion, organisation_zone
from vendorwatch.web.parsing import EARLIEST_DATE, LATEST_DATE

HUNDRED = Decimal("100")
CENT = Decimal("0.01")
TREND_MONTHS = 12
# Below this share of kept times (response or resolution) the answer is red, not amber.
RED_BELOW = Decimal("95")
# Breached tickets and disagreements the PDF lists in full; the rest is counted ("and N more").
PDF_ROWS = 200

BREACHED = Q(response_met=False) | Q(resolved__isnull=False, resolution_met=False)


# --- periods -----------------------------------------------------------------------------


def day_start(day: date) -> datetime:
    """Midnight at the start of ``day`` in the organisation's time zone."""
    return timezone.make_aware(datetime.combine(day, time.min), organisation_zone())


def month_start(year: int, month: int) -> date:
    return date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1)


def last_full_month(today: date | None = None) -> tuple[date, date]:
    """The calendar month before ``today``'s (in the organisation's time zone)."""
    today = today or timezone.localdate(timezone=organisation_zone())
    first = today.replace(day=1)
    return (first - timedelta(days=1)).replace(day=1), first - timedelta(days=1)


def is_whole_month(start: date, end: date) -> bool:
    return start.day == 1 and end == month_start(start.year, start.month + 1) - timedelta(days=1)


def period_label(start: date, end: date) -> str:
    """ "November 2026" for a whole month, else "01.11.2026 – 15.11.2026"."""
    if is_whole_month(start, end):
        return month_label(start)
    return f"{start:%d.%m.%Y} – {end:%d.%m.%Y}"


def month_label(day: date) -> str:
    return formats.date_format(day, "F Y")


def short_month_label(day: date) -> str:
    return formats.date_format(day, "M Y")


def months_between(start: date, end: date) -> list[date]:
    """The first days of every month that ``[start, end]`` touches."""
    months, current = [], start.replace(day=1)
    while current <= end:
        months.append(current)
        current = month_start(current.year, current.month + 1)
    return months


def bucket(bounds: list[datetime]) -> Case:
    """Which of the intervals ``[bounds[i], bounds[i+1])`` a ticket was created in (SQL)."""
    whens = [When(created__lt=bounds[i + 1], then=Value(i)) for i in range(len(bounds) - 1)]
    return Case(*whens, default=Value(-1), output_field=IntegerField())


# --- formatting --------------------------------------------------------------------------


def percent(met: int, decided: int) -> Decimal | None:
    """met / decided as a percentage with two decimals; ``None`` when nothing was decided."""
    if not decided:
        return None
    return (Decimal(met) * HUNDRED / Decimal(decided)).quantize(CENT, rounding=ROUND_HALF_UP)


def percent_text(value: Decimal | None) -> str:
    """ "98,50 %" (always two decimals), "–" for no value."""
    if value is None:
        return "–"
    return f"{formats.number_format(value, 2, use_l10n=True)}\u00a0%"


def rate_text(value: Decimal) -> str:
    """A rate of the SLA (5 %, 2,5 %): as few decimals as it needs."""
    text = formats.number_format(value.quantize(CENT), 2, use_l10n=True)
    separator = formats.get_format("DECIMAL_SEPARATOR")
    if separator in text:
        text = text.rstrip("0").rstrip(separator)
    return f"{text}\u00a0%"


def money_text(value: Decimal) -> str:
    number = formats.number_format(value, 2, use_l10n=True, force_grouping=True)
    return f"{number}\u00a0€"


# --- figures -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Figures:
    """The counts of one priority (or of all, ``rank`` None)."""

    rank: int | None
    code: str
    name: str
    tickets: int = 0
    response_met: int = 0
    response_decided: int = 0
    closed: int = 0
    resolution_met: int = 0
    resolution_decided: int = 0
    breached: int = 0
    disagreements: int = 0

    @property
    def label(self) -> str:
        return f"{self.code} {self.name}".strip()

    @property
    def response_missed(self) -> int:
        return self.response_decided - self.response_met

    @property
    def resolution_missed(self) -> int:
        return self.resolution_decided - self.resolution_met

    @property
    def response_percent(self) -> Decimal | None:
        return percent(self.response_met, self.response_decided)

    @property
    def resolution_percent(self) -> Decimal | None:
        return percent(self.resolution_met, self.resolution_decided)

    def as_json(self) -> dict[str, Any]:
        """One entry of ``vendorwatch sla-report --json`` (percentages as numbers or null)."""

        def number(value: Decimal | None) -> float | None:
            return None if value is None else float(value)

        data: dict[str, Any] = {"rank": self.rank, "priority": self.code} if self.rank else {}
        return data | {
            "tickets": self.tickets,
            "response_met": self.response_met,
            "response_percent": number(self.response_percent),
            "closed": self.closed,
            "resolution_met": self.resolution_met,
            "resolution_percent": number(self.resolution_percent),
        }


COUNTS = {
    "tickets": Count("id"),
    "response_met": Count("id", filter=Q(response_met=True)),
    "response_decided": Count("id", filter=Q(response_met__isnull=False)),
    "closed": Count("id", filter=Q(resolved__isnull=False)),
    "resolution_met": Count("id", filter=Q(resolved__isnull=False, resolution_met=True)),
    "resolution_decided": Count(
        "id", filter=Q(resolved__isnull=False, resolution_met__isnull=False)
    ),
    "breached": Count("id", filter=BREACHED),
    "disagreements": Count("id", filter=Q(disagrees=True)),
}


PERCENT_PARTS = ("response_met", "response_decided", "resolution_met", "resolution_decided")


def counting(*names: str) -> dict[str, Count]:
    """The counts as annotations; prefixed, as some share their name with a ticket field."""
    return {f"n_{name}": COUNTS[name] for name in names or COUNTS}


def counted(row: dict[str, Any]) -> dict[str, int]:
    return {key[2:]: value for key, value in row.items() if key.startswith("n_")}


def tickets_created(provider: Any, since: datetime, until: datetime) -> QuerySet[ExternalTicket]:
    """The provider's current tickets created in ``[since, until)`` (on the provider index)."""
    return ExternalTicket.objects.filter(
        provider=provider, current=True, created__gte=since, created__lt=until
    )


@dataclass(frozen=True)
class Reference:
    """The SLA the report names: its latest version labels the priorities."""

    policy: SlaPolicy | None
    version: SlaVersion | None
    priorities: dict[int, Priority]


def reference(provider: Any) -> Reference:
    """The SLA of the provider's latest import (else its first SLA), at its latest version."""
    job = (
        ImportJob.objects.filter(provider=provider, state=ImportJob.State.DONE)
        .select_related("sla_policy")
        .order_by("-committed_at", "-id")
        .first()
    )
    policy = job.sla_policy if job else SlaPolicy.objects.filter(provider=provider).first()
    version = policy.latest_version if policy else None
    found = {p.rank: p for p in version.priorities.all()} if version else {}
    return Reference(policy, version, found)


def priority_figures(
    tickets: QuerySet[ExternalTicket], labels: dict[int, Priority]
) -> tuple[list[Figures], Figures]:
    """Per priority rank (every rank of the SLA, and any other the tickets have) and in total."""
    rows = {
        row["priority_rank"]: counted(row)
        for row in tickets.values("priority_rank").annotate(**counting()).order_by("priority_rank")
    }
    result = []
    for rank in sorted(set(rows) | set(labels)):
        counts = rows.get(rank, {})
        priority = labels.get(rank)
        code = priority.code if priority else str(rank)
        name = (
            priority.name
            if priority
            else pgettext("priority rank", "rank %(rank)s") % {"rank": rank}
        )
        result.append(Figures(rank, code, name, **counts))
    total = Figures(
        None,
        "",
        gettext("All priorities"),
        **{name: sum(getattr(f, name) for f in result) for name in COUNTS},
    )
    return result, total


@dataclass(frozen=True)
class MonthPoint:
    month: date
    tickets: int
    response_percent: Decimal | None
    resolution_percent: Decimal | None

    @property
    def label(self) -> str:
        return short_month_label(self.month)


def monthly_trend(provider: Any, last_day: date, months: int = TREND_MONTHS) -> list[MonthPoint]:
    """Response and resolution % for each of the ``months`` months up to ``last_day``'s."""
    first = month_start(last_day.year, last_day.month - months + 1)
    starts = [month_start(first.year, first.month + i) for i in range(months + 1)]
    bounds = [day_start(day) for day in starts]
    counts = {
        row["bucket"]: counted(row)
        for row in tickets_created(provider, bounds[0], bounds[-1])
        .annotate(bucket=bucket(bounds))
        .values("bucket")
        .annotate(**counting("tickets", *PERCENT_PARTS))
        .order_by("bucket")
    }
    points = []
    for index, month in enumerate(starts[:-1]):
        row = counts.get(index, {})
        points.append(
            MonthPoint(
                month,
                row.get("tickets", 0),
                percent(row.get("response_met", 0), row.get("response_decided", 0)),
                percent(row.get("resolution_met", 0), row.get("resolution_decided", 0)),
            )
        )
    return points


@dataclass(frozen=True)
class CategoryRow:
    name: str
    tickets: int
    breached: int


def category_volumes(tickets: QuerySet[ExternalTicket], limit: int = 15) -> list[CategoryRow]:
    """Tickets per category, most first; beyond ``limit`` categories the rest is one row."""
    rows = list(
        tickets.values("category")
        .annotate(**counting("tickets", "breached"))
        .order_by("-n_tickets", "category")
    )
    shown = [
        CategoryRow(
            row["category"] or gettext("(no category)"), row["n_tickets"], row["n_breached"]
        )
        for row in rows[:limit]
    ]
    rest = rows[limit:]
    if rest:
        shown.append(
            CategoryRow(
                ngettext("%(count)s other category", "%(count)s other categories", len(rest))
                % {"count": len(rest)},
                sum(r["n_tickets"] for r in rest),
                sum(r["n_breached"] for r in rest),
            )
        )
    return shown


# --- tickets listed one by one -----------------------------------------------------------


def verdict_text(value: bool | None) -> str:
    if value is None:
        return gettext("no verdict yet")
    return gettext("met") if value else gettext("missed")


def provider_verdict_text(value: bool | None) -> str:
    if value is None:
        return "–"
    return gettext("met") if value else gettext("missed")


@dataclass(frozen=True)
class TicketRow:
    ticket: ExternalTicket
    priority: str
    created: str
    missed: str  # "response", "resolution", "response and resolution" in words
    lines: list[str] = field(default_factory=list)  # the engine's account, one per target
    provider_says: str = ""
    we_say: str = ""


def explain_target(ticket: ExternalTicket, kind: str, priority: Priority | None) -> str:
    """ "P2 resolution: 8 hours business time → due 26.10.2026 15:00, resolved 26.10.2026 10:00
    (6:00 h business time): met" — built from what the engine stored for the ticket."""
    due = getattr(ticket, f"{kind}_due")
    seconds = getattr(ticket, f"{kind}_seconds")
    met = getattr(ticket, f"{kind}_met")
    stop = ticket.first_response if kind == "response" else ticket.resolved
    values = {
        "priority": priority.code if priority else str(ticket.priority_rank),
        "target": priority.describe(kind) if priority else "–",
        "due": when(due) if due else "–",
        "stop": when(stop) if stop else "–",
        "elapsed": format_duration(seconds) if seconds is not None else "–",
        "verdict": verdict_text(met),
    }
    if kind == "response":
        if stop is None:
            text = gettext(
                "%(priority)s response: %(target)s → due %(due)s, no first response yet "
                "(%(elapsed)s business time so far): %(verdict)s"
            )
        else:
            text = gettext(
                "%(priority)s response: %(target)s → due %(due)s, first response %(stop)s "
                "(%(elapsed)s business time): %(verdict)s"
            )
    elif stop is None:
        text = gettext(
            "%(priority)s resolution: %(target)s → due %(due)s, not resolved yet "
            "(%(elapsed)s business time so far): %(verdict)s"
        )
    else:
        text = gettext(
            "%(priority)s resolution: %(target)s → due %(due)s, resolved %(stop)s "
            "(%(elapsed)s business time): %(verdict)s"
        )
    return text % values


def missed_text(ticket: ExternalTicket) -> str:
    response = ticket.response_met is False
    resolution = ticket.resolved is not None and ticket.resolution_met is False
    if response and resolution:
        return gettext("response and resolution")
    return gettext("response") if response else gettext("resolution")


class Priorities:
    """The priority of each (SLA version, rank), loaded once for the tickets of a page."""

    def __init__(self, fallback: dict[int, Priority]) -> None:
        self.fallback = fallback
        self.by_version: dict[int, dict[int, Priority]] = {}

    def load(self, version_ids: set[int]) -> None:
        missing = version_ids - set(self.by_version)
        for priority in Priority.objects.filter(version_id__in=missing):
            self.by_version.setdefault(priority.version_id, {})[priority.rank] = priority
        for version_id in missing:
            self.by_version.setdefault(version_id, {})

    def of(self, ticket: ExternalTicket) -> Priority | None:
        found = self.by_version.get(ticket.sla_version_id or 0, {}).get(ticket.priority_rank)
        return found or self.fallback.get(ticket.priority_rank)


def ticket_rows(tickets: Any, priorities: Priorities, *, explain: bool) -> list[TicketRow]:
    """Rows for the listed tickets (a page of them, or the PDF's first ones)."""
    tickets = list(tickets)
    priorities.load({t.sla_version_id for t in tickets if t.sla_version_id})
    rows = []
    for ticket in tickets:
        priority = priorities.of(ticket)
        lines = []
        if explain:
            lines = [explain_target(ticket, kind, priority) for kind in disagreeing(ticket)]
        rows.append(
            TicketRow(
                ticket=ticket,
                priority=priority.code if priority else str(ticket.priority_rank),
                created=when(ticket.created),
                missed=missed_text(ticket) if ticket_breached(ticket) else "",
                lines=lines,
                provider_says=provider_verdict_text(provider_overall(ticket)),
                we_say=verdict_text(our_overall(ticket)),
            )
        )
    return rows


def ticket_breached(ticket: ExternalTicket) -> bool:
    return ticket.response_met is False or (
        ticket.resolved is not None and ticket.resolution_met is False
    )


def disagreeing(ticket: ExternalTicket) -> list[str]:
    """The targets on which the provider's verdict differs from ours (both, for an overall
    verdict that differs)."""
    kinds = []
    if ticket.provider_response_met is not None and ticket.provider_response_met != (
        ticket.response_met
    ):
        kinds.append("response")
    if ticket.provider_resolution_met is not None and ticket.provider_resolution_met != (
        ticket.resolution_met
    ):
        kinds.append("resolution")
    if not kinds:
        kinds = ["response", "resolution"]
    return kinds


def our_overall(ticket: ExternalTicket) -> bool | None:
    verdicts = [ticket.response_met, ticket.resolution_met]
    if False in verdicts:
        return False
    return True if all(v is True for v in verdicts) else None


def provider_overall(ticket: ExternalTicket) -> bool | None:
    if ticket.provider_met is not None:
        return ticket.provider_met
    verdicts = [ticket.provider_response_met, ticket.provider_resolution_met]
    if False in verdicts:
        return False
    return True if any(v is True for v in verdicts) else None


# --- availability, problem log, costs ----------------------------------------------------


@dataclass(frozen=True)
class AvailabilityRow:
    service: str
    target: Decimal
    policy: str


def availability_targets(provider: Any, end: date) -> list[AvailabilityRow]:
    """The availability each SLA used for the provider's tickets promised at the period's end.

    Vendorwatch records no outages, so what was achieved cannot be measured here.
    """
    policies = SlaPolicy.objects.filter(
        Q(ticket_imports__provider=provider, ticket_imports__state=ImportJob.State.DONE)
        | Q(provider=provider)
    ).distinct()
    rows = []
    for policy in policies:
        version = policy.version_at(end) or policy.latest_version
        if version is None:
            continue
        for target in version.service_targets.select_related("service"):
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
        return (self.fee * self.percent / HUNDRED).quantize(CENT, rounding=ROUND_HALF_UP)

    @property
    def heading(self) -> str:
        return gettext("%(month)s, %(sla)s version %(version)s") % {
            "month": month_label(self.month),
            "sla": self.version.policy.name,
            "version": self.version.number,
        }

    @property
    def text(self) -> str:
        """ "3 breaches × 5 % = 15 %, cap 10 % → 10 % of 1.200,00 € = 120,00 €"."""
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
            return gettext(
                "%(share)s of the monthly fee; no fee is entered for the provider's contracts"
            ) % {"share": share}
        return gettext("%(share)s of %(fee)s = %(amount)s") % {
            "share": share if self.capped else f"{share} → {values['percent']}",
            "fee": money_text(self.fee),
            "amount": money_text(self.amount),
        }


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


def monthly_fee(
    contracts: list[Contract], policy_id: int, month_end: date
) -> tuple[Decimal | None, bool]:
    """The monthly fee of the contracts running by ``month_end`` that name the SLA; when none
    names it, of all the provider's contracts with a fee."""
    running = [c for c in contracts if c.fee is not None and c.start_date <= month_end]
    named = [c for c in running if c.sla_policy_id == policy_id]
    chosen, everything = (named, False) if named else (running, True)
    fees = [c.monthly_fee for c in chosen if c.monthly_fee is not None]
    return (sum(fees, Decimal("0")) if fees else None), everything


def service_credits(
    tickets: QuerySet[ExternalTicket], provider: Any, start: date, end: date
) -> Credits:
    """Per month of the period and SLA version: breaches × credit per breach, at most the cap,
    of the monthly fee. A month the period covers only in part counts its breaches within it."""
    months = months_between(start, end)
    bounds = [day_start(max(m, start)) for m in months] + [day_start(end + timedelta(days=1))]
    counts = (
        tickets.filter(BREACHED, sla_version__isnull=False)
        .annotate(bucket=bucket(bounds))
        .values("bucket", "sla_version")
        .annotate(breaches=Count("id"))
        .order_by("bucket", "sla_version")
    )
    found = [(row["bucket"], row["sla_version"], row["breaches"]) for row in counts]
    versions = SlaVersion.objects.select_related("policy").in_bulk({v for _b, v, _n in found})
    contracts = list(Contract.objects.filter(provider=provider))
    lines, without_rule = [], []
    for index, version_id, breaches in found:
        version = versions[version_id]
        if not version.credit_percent_per_breach:
            without_rule.append(str(version))
            continue
        month = months[index]
        month_end = month_start(month.year, month.month + 1) - timedelta(days=1)
        fee, everything = monthly_fee(contracts, version.policy_id, month_end)
        lines.append(
            CreditLine(
                month=month,
                version=version,
                breaches=breaches,
                per_breach=version.credit_percent_per_breach,
                cap=version.credit_cap_percent,
                fee=fee,
                all_contracts=everything,
            )
        )
    return Credits(lines, sorted(set(without_rule)))


# --- the report --------------------------------------------------------------------------


@dataclass
class Report:
    provider: Any
    start: date
    end: date
    reference: Reference
    priorities: list[Figures]
    total: Figures
    trend: list[MonthPoint]
    categories: list[CategoryRow]
    availability: list[AvailabilityRow]
    problems: dict[str, Any]
    costs: Costs
    credits: Credits
    tickets: QuerySet[ExternalTicket]

    @property
    def label(self) -> str:
        return period_label(self.start, self.end)

    @property
    def state(self) -> str:
        return answer_state(self.total)

    @property
    def headline(self) -> str:
        return answer_headline(self.total)

    @property
    def summary(self) -> str:
        return answer_summary(self.total)

    def breaches(self) -> QuerySet[ExternalTicket]:
        return self.tickets.filter(BREACHED).order_by("created", "id")

    def disagreements(self) -> QuerySet[ExternalTicket]:
        return self.tickets.filter(disagrees=True).order_by("created", "id")

    def row_priorities(self) -> Priorities:
        return Priorities(self.reference.priorities)


def sla_report(provider: Any, start: date, end: date) -> Report:
    """Everything the report page, its PDF, its e-mail and ``sla-report`` show."""
    if start > end:
        raise ValueError("start after end")
    start, end = max(start, EARLIEST_DATE), min(end, LATEST_DATE)
    tickets = tickets_created(provider, day_start(start), day_start(end + timedelta(days=1)))
    ref = reference(provider)
    priorities, total = priority_figures(tickets, ref.priorities)
    return Report(
        provider=provider,
        start=start,
        end=end,
        reference=ref,
        priorities=priorities,
        total=total,
        trend=monthly_trend(provider, end),
        categories=category_volumes(tickets),
        availability=availability_targets(provider, end),
        problems=sla_summary(provider=provider, start=start, end=end),
        costs=costs(provider, start, end),
        credits=service_credits(tickets, provider, start, end),
        tickets=tickets,
    )


# --- the answer in one line --------------------------------------------------------------


def answer_state(total: Figures) -> str:
    """ "empty" (no tickets), "open" (no verdict yet), "green" (every time kept), "amber"
    (some missed, at least 95 % kept), "red" (less than 95 % kept of either)."""
    if not total.tickets:
        return "empty"
    shares = [p for p in (total.response_percent, total.resolution_percent) if p is not None]
    if not shares:
        return "open"
    if not total.response_missed and not total.resolution_missed:
        return "green"
    return "red" if min(shares) < RED_BELOW else "amber"


def answer_headline(total: Figures) -> str:
    return {
        "empty": gettext("No tickets in this period"),
        "open": gettext("No ticket has a verdict yet"),
        "green": gettext("All agreed times kept"),
        "amber": gettext("Some agreed times missed"),
        "red": gettext("Many agreed times missed"),
    }[answer_state(total)]


def answer_summary(total: Figures) -> str:
    if not total.tickets:
        return gettext("The provider's imports hold no ticket created in this period.")
    parts = [
        gettext("Response times kept: %(percent)s (%(met)s of %(decided)s).")
        % {
            "percent": percent_text(total.response_percent),
            "met": total.response_met,
            "decided": total.response_decided,
        },
        gettext("Resolution times kept: %(percent)s (%(met)s of %(decided)s closed tickets).")
        % {
            "percent": percent_text(total.resolution_percent),
            "met": total.resolution_met,
            "decided": total.resolution_decided,
        },
    ]
    if total.disagreements:
        parts.append(
            ngettext(
                "For %(count)s ticket the provider's own verdict differs from ours.",
                "For %(count)s tickets the provider's own verdict differs from ours.",
                total.disagreements,
            )
            % {"count": total.disagreements}
        )
    return " ".join(parts)


def latest_answers(providers: list[Any], start: date, end: date) -> dict[int, Figures]:
    """The totals of each provider for one period, in one query (for the index page)."""
    rows = (
        ExternalTicket.objects.filter(
            provider__in=providers,
            current=True,
            created__gte=day_start(start),
            created__lt=day_start(end + timedelta(days=1)),
        )
        .values("provider")
        .annotate(**counting())
        .order_by("provider")
    )
    answers: dict[int, Figures] = defaultdict(lambda: Figures(None, "", ""))
    for row in rows:
        answers[row["provider"]] = Figures(None, "", "", **counted(row))
    return {p.pk: answers[p.pk] for p in providers}


# --- the chart ---------------------------------------------------------------------------


def trend_title(provider: Any) -> str:
    return gettext("Agreed times kept per month: %(provider)s") % {"provider": provider.name}


def trend_svg(provider: Any, points: list[MonthPoint]) -> str:
    """The 12-month trend as an SVG document (matplotlib, through ``web.charts``)."""
    from vendorwatch.web.charts import percent_trend_svg

    def values(name: str) -> list[float | None]:
        return [None if (v := getattr(p, name)) is None else float(v) for p in points]

    return percent_trend_svg(
        [p.label for p in points],
        [
            (gettext("Response times kept"), values("response_percent")),
            (gettext("Resolution times kept"), values("resolution_percent")),
        ],
        title=trend_title(provider),
    )
