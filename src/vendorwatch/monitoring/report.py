"""The SLA report of a provider: how its own tickets kept the agreed times, and what is owed.

Counted over the provider's current tickets (the latest imported version of each) that were
created in the period, whole days in the organisation's time zone, both ends included:

- response: met / decided (a first response in time or late, or a response clock that ran
  out); a ticket still waiting inside its time has no verdict yet and is not counted;
- resolution: "closed" are the tickets with a resolution time; resolution % is met / closed
  tickets with a verdict (open tickets are left out of the percentage);
- a ticket "missed a time" when its response or its resolution was late, or when it is still
  open past its resolution time; it counts once, however many of its times it missed, and
  each such ticket earns the service credit of the SLA version it was measured under.

Every figure is counted by the database: one scan per month, grouped by priority, category
and SLA version, whose few result rows the report adds up. The current tickets change only
when an import is committed or undone, so each month's rows are kept in a file cache under
the data directory, keyed by the provider's imports; a month is counted again after the next
import. A million tickets cost one scan per month the first time, then a few file reads.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache.backends.base import BaseCache
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext, ngettext, pgettext

from vendorwatch.monitoring.models import ExternalTicket, ImportJob
from vendorwatch.monitoring.report_credits import (
    AvailabilityRow,
    Costs,
    Credits,
    availability_targets,
    costs,
    service_credits,
)
from vendorwatch.monitoring.report_periods import (
    bucket,
    day_start,
    last_full_month,
    month_end,
    month_label,
    month_start,
    months_between,
    percent,
    percent_text,
    period_label,
    short_month_label,
)
from vendorwatch.monitoring.report_tickets import Priorities, TicketRow, ticket_rows
from vendorwatch.problems.evidence import sla_summary
from vendorwatch.sla.models import Priority, SlaPolicy, SlaVersion, organisation_zone
from vendorwatch.web.parsing import EARLIEST_DATE, LATEST_DATE

__all__ = [
    "PDF_ROWS",
    "RED_BELOW",
    "Figures",
    "MonthPoint",
    "Report",
    "TicketRow",
    "answer_headline",
    "answer_state",
    "data_version",
    "last_full_month",
    "latest_answers",
    "month_groups",
    "month_label",
    "month_start",
    "monthly_trend",
    "months_kept",
    "percent",
    "sla_report",
    "ticket_rows",
    "trend_months",
    "trend_svg",
]

TREND_MONTHS = 12
# Below this share of kept times (response or resolution) the answer is red, not amber.
RED_BELOW = Decimal("95")
# Breached tickets and disagreements the PDF lists in full; the rest is counted ("and N more").
PDF_ROWS = 200
CACHE_SECONDS = 400 * 24 * 3600
# Months counted by one scan: each ticket is sorted into its month by a CASE of this many
# branches, so a long period is counted a year at a time.
SCAN_MONTHS = 12

BREACHED = Q(response_met=False) | Q(resolution_met=False)


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
    open_overdue: int = 0
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
    "open_overdue": Count("id", filter=Q(resolved__isnull=True, resolution_met=False)),
    "disagreements": Count("id", filter=Q(disagrees=True)),
}
NAMES = tuple(COUNTS)


def current_tickets(provider: Any) -> QuerySet[ExternalTicket]:
    """The provider's tickets in the version in force."""
    return ExternalTicket.objects.in_force().filter(provider=provider)


def tickets_created(provider: Any, since: datetime, until: datetime) -> QuerySet[ExternalTicket]:
    """The provider's current tickets created in ``[since, until)``."""
    return current_tickets(provider).filter(created__gte=since, created__lt=until)


# A group of tickets: (priority rank, category, SLA version id, counts in the order of NAMES).
Group = tuple[int, str, int | None, tuple[int, ...]]


def count_groups(
    tickets: QuerySet[ExternalTicket], bounds: list[datetime]
) -> dict[int, list[Group]]:
    """The tickets created in each ``[bounds[i], bounds[i+1])``, counted per priority,
    category and SLA version: one scan, grouped in the database."""
    rows = (
        tickets.filter(created__gte=bounds[0], created__lt=bounds[-1])
        .annotate(bucket=bucket(bounds))
        .values("bucket", "priority_rank", "category", "sla_version")
        .annotate(**{f"n_{name}": COUNTS[name] for name in NAMES})
        .order_by()
    )
    return grouped(rows, "bucket")


def grouped(rows: Iterable[Mapping[str, Any]], by: str) -> dict[int, list[Group]]:
    """Grouped count rows (see :data:`COUNTS`) as :data:`Group` tuples under their ``by``."""
    found: dict[int, list[Group]] = defaultdict(list)
    for values in rows:
        counts = tuple(values[f"n_{name}"] for name in NAMES)
        found[values[by]].append(
            (values["priority_rank"], values["category"], values["sla_version"], counts)
        )
    return found


K = TypeVar("K", bound=Hashable)


def add_up(groups: Iterable[Group], key: Callable[[Group], K]) -> dict[K, dict[str, int]]:
    sums: dict[K, list[int]] = {}
    for group in groups:
        total = sums.setdefault(key(group), [0] * len(NAMES))
        for index, value in enumerate(group[3]):
            total[index] += value
    return {k: dict(zip(NAMES, values, strict=True)) for k, values in sums.items()}


def total_of(groups: Iterable[Group], name: str = "") -> Figures:
    counts = add_up(groups, lambda _g: 0).get(0, {})
    return Figures(None, "", name, **counts)


# --- the months, counted once per import -------------------------------------------------


def data_version(provider: Any) -> str:
    """Changes whenever the provider's current tickets can have changed: an import committed
    or undone (or the organisation's time zone, which moves the month boundaries)."""
    return data_versions([provider.pk], organisation_zone())[provider.pk]


def data_versions(provider_ids: list[int], zone: ZoneInfo) -> dict[int, str]:
    """:func:`data_version` of several providers at once, in one query."""
    jobs: dict[int, list[tuple[Any, ...]]] = {pk: [] for pk in provider_ids}
    rows = (
        ImportJob.objects.filter(
            provider__in=provider_ids, state__in=[ImportJob.State.DONE, ImportJob.State.UNDONE]
        )
        .order_by("pk")
        .values_list("provider", "pk", "state", "committed_at", "undone_at")
    )
    for provider_id, *job in rows:
        jobs[provider_id].append(tuple(job))
    return {
        pk: hashlib.sha256(repr([*found, zone.key]).encode()).hexdigest()[:24]
        for pk, found in jobs.items()
    }


def report_cache() -> BaseCache:
    """Files in the data directory: shared by every server process and the job runner."""
    from django.core.cache.backends.filebased import FileBasedCache

    folder = Path(settings.DATA_DIR) / "cache" / "sla-report"
    return FileBasedCache(
        str(folder), {"TIMEOUT": CACHE_SECONDS, "OPTIONS": {"MAX_ENTRIES": 20000}}
    )


def forget_counted_months() -> None:
    """Drop every kept month (tests that write tickets directly call this)."""
    report_cache().clear()


def month_key(provider: Any, version: str, month: date) -> str:
    return f"groups:{provider.pk}:{version}:{month:%Y-%m}"


def months_kept(provider: Any, months: list[date], version: str) -> bool:
    """Whether every one of ``months`` is counted and kept for the provider's imports (or
    lies before its first or after its last ticket, with nothing to count)."""
    kept = report_cache().get_many([month_key(provider, version, m) for m in months])
    missing = [m for m in months if month_key(provider, version, m) not in kept]
    span = ticket_months(provider) if missing else None
    return all(span is None or not span[0] <= m <= span[1] for m in missing)


def ticket_months(provider: Any) -> tuple[date, date] | None:
    """The months of the provider's first and last current ticket: two walks along the index
    on (provider, current, created) from either end, each ending at the first ticket of a
    completed import (MIN and MAX would read every row to check its import)."""
    created = current_tickets(provider).values_list("created", flat=True)
    first = created.order_by("created").first()
    if first is None:
        return None
    last = created.order_by("-created").first()
    return local_month(first), local_month(last or first)


def local_month(moment: datetime) -> date:
    try:
        day = timezone.localtime(moment, organisation_zone()).date()
    except (OverflowError, ValueError):  # a year 9999 written to the database
        day = moment.date()
    return day.replace(day=1)


def month_groups(provider: Any, months: list[date], version: str) -> dict[date, list[Group]]:
    """The groups of each whole month: kept ones from the cache; months before the first or
    after the last ticket are empty; the others are counted, up to a year per scan."""
    keys = {m: month_key(provider, version, m) for m in months}
    cache = report_cache()
    kept = cache.get_many(list(keys.values()))
    result = {m: kept[key] for m, key in keys.items() if key in kept}
    missing = sorted(m for m in months if m not in result)
    span = ticket_months(provider) if missing else None
    for month in missing:
        if span is None or not span[0] <= month <= span[1]:
            result[month] = []  # nothing to count, and nothing worth a file
    todo = [m for m in missing if m not in result]
    while todo:
        chunk = months_between(todo[0], month_end(todo[0]))
        while len(chunk) < SCAN_MONTHS and chunk[-1] < todo[-1]:
            chunk.append(month_start(chunk[-1].year, chunk[-1].month + 1))
        bounds = [day_start(m) for m in chunk] + [day_start(month_end(chunk[-1]) + timedelta(1))]
        found = count_groups(current_tickets(provider), bounds)
        fresh = {m: found.get(index, []) for index, m in enumerate(chunk) if m in keys}
        cache.set_many({keys[m]: groups for m, groups in fresh.items()})
        result.update(fresh)
        todo = [m for m in todo if m not in fresh]
    return result


def period_groups(provider: Any, start: date, end: date, version: str) -> dict[date, list[Group]]:
    """The groups of each month of the period; a month the period covers only in part is
    counted for the part it covers."""
    months = months_between(start, end)
    whole = [m for m in months if m >= start and month_end(m) <= end]
    result = month_groups(provider, whole, version)
    for month in months:
        if month not in result:  # the first or the last month, in part
            first, last = max(month, start), min(month_end(month), end)
            bounds = [day_start(first), day_start(last + timedelta(days=1))]
            result[month] = count_groups(current_tickets(provider), bounds).get(0, [])
    return result


# --- the parts of the report -------------------------------------------------------------


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
    groups: list[Group], labels: dict[int, Priority]
) -> tuple[list[Figures], Figures]:
    """Per priority rank (every rank of the SLA, and any other the tickets have) and in total."""
    by_rank = add_up(groups, lambda g: g[0])
    result = []
    for rank in sorted(set(by_rank) | set(labels)):
        priority = labels.get(rank)
        code = priority.code if priority else str(rank)
        name = (
            priority.name
            if priority
            else pgettext("priority rank", "rank %(rank)s") % {"rank": rank}
        )
        result.append(Figures(rank, code, name, **by_rank.get(rank, {})))
    return result, total_of(groups, gettext("All priorities"))


@dataclass(frozen=True)
class MonthPoint:
    month: date
    tickets: int
    response_percent: Decimal | None
    resolution_percent: Decimal | None

    @property
    def label(self) -> str:
        return short_month_label(self.month)


def trend_months(last_day: date, months: int = TREND_MONTHS) -> list[date]:
    first = month_start(last_day.year, last_day.month - months + 1)
    return [month_start(first.year, first.month + i) for i in range(months)]


def monthly_trend(
    provider: Any, last_day: date, months: int = TREND_MONTHS, version: str | None = None
) -> list[MonthPoint]:
    """Response and resolution % for each of the ``months`` months up to ``last_day``'s."""
    wanted = trend_months(last_day, months)
    groups = month_groups(provider, wanted, version or data_version(provider))
    points = []
    for month in wanted:
        total = total_of(groups[month])
        points.append(
            MonthPoint(month, total.tickets, total.response_percent, total.resolution_percent)
        )
    return points


@dataclass(frozen=True)
class CategoryRow:
    name: str
    tickets: int
    breached: int


def category_volumes(groups: list[Group], limit: int = 15) -> list[CategoryRow]:
    """Tickets per category, most first; beyond ``limit`` categories the rest is one row."""
    rows = sorted(
        add_up(groups, lambda g: g[1]).items(), key=lambda item: (-item[1]["tickets"], item[0])
    )
    shown = [
        CategoryRow(name or gettext("(no category)"), counts["tickets"], counts["breached"])
        for name, counts in rows[:limit]
    ]
    rest = rows[limit:]
    if rest:
        shown.append(
            CategoryRow(
                ngettext("%(count)s other category", "%(count)s other categories", len(rest))
                % {"count": len(rest)},
                sum(counts["tickets"] for _name, counts in rest),
                sum(counts["breached"] for _name, counts in rest),
            )
        )
    return shown


def breaches_per_month(by_month: dict[date, list[Group]]) -> dict[tuple[date, int], int]:
    """Tickets that missed a time, per month and SLA version (for the service credits)."""
    found = {}
    for month, groups in by_month.items():
        for version_id, counts in add_up(groups, lambda g: g[2]).items():
            if version_id is not None and counts["breached"]:
                found[(month, version_id)] = counts["breached"]
    return found


# --- the report --------------------------------------------------------------------------


class KnownCount:
    """A ticket list whose length the figures already know: the paginator asks no COUNT."""

    def __init__(self, queryset: QuerySet[ExternalTicket], count: int) -> None:
        self.queryset = queryset
        self.known = count

    def count(self) -> int:
        return self.known

    def __len__(self) -> int:
        return self.known

    def __getitem__(self, index: Any) -> Any:
        return self.queryset[index]


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

    def breaches(self) -> KnownCount:
        """The tickets that missed a time, in the order they were created."""
        found = self.tickets.filter(BREACHED).order_by("created", "id")
        return KnownCount(found, self.total.breached)

    def disagreements(self) -> KnownCount:
        found = self.tickets.filter(disagrees=True).order_by("created", "id")
        return KnownCount(found, self.total.disagreements)

    def row_priorities(self) -> Priorities:
        return Priorities(self.reference.priorities)


def sla_report(provider: Any, start: date, end: date) -> Report:
    """Everything the report page, its PDF, its e-mail and ``sla-report`` show."""
    if start > end:
        raise ValueError("start after end")
    start, end = max(start, EARLIEST_DATE), min(end, LATEST_DATE)
    version = data_version(provider)
    by_month = period_groups(provider, start, end, version)
    groups = [group for month in sorted(by_month) for group in by_month[month]]
    ref = reference(provider)
    priorities, total = priority_figures(groups, ref.priorities)
    return Report(
        provider=provider,
        start=start,
        end=end,
        reference=ref,
        priorities=priorities,
        total=total,
        trend=monthly_trend(provider, end, version=version),
        categories=category_volumes(groups),
        availability=availability_targets(provider, end),
        problems=sla_summary(provider=provider, start=start, end=end),
        costs=costs(provider, start, end),
        credits=service_credits(breaches_per_month(by_month), provider, start, end),
        tickets=tickets_created(provider, day_start(start), day_start(end + timedelta(days=1))),
    )


# --- the answer in one line --------------------------------------------------------------


def answer_state(total: Figures) -> str:
    """ "empty" (no tickets), "open" (no verdict yet), "green" (every time kept), "amber"
    (some missed, at least 95 % kept), "red" (less than 95 % kept of either)."""
    if not total.tickets:
        return "empty"
    shares = [p for p in (total.response_percent, total.resolution_percent) if p is not None]
    if not shares:
        return "amber" if total.breached else "open"
    if not total.breached:
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
    if total.open_overdue:
        parts.append(
            ngettext(
                "%(count)s ticket is still open past its resolution time.",
                "%(count)s tickets are still open past their resolution time.",
                total.open_overdue,
            )
            % {"count": total.open_overdue}
        )
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


def latest_answers(providers: list[Any], month: date) -> dict[int, Figures]:
    """The totals of each provider for one whole month (for the index page): the kept
    months from the cache, the others counted for all those providers in one scan, so the
    page asks the database the same few times however many providers there are."""
    zone = organisation_zone()
    versions = data_versions([p.pk for p in providers], zone)
    keys = {p.pk: month_key(p, versions[p.pk], month) for p in providers}
    cache = report_cache()
    kept = cache.get_many(list(keys.values()))
    groups = {pk: kept[key] for pk, key in keys.items() if key in kept}
    missing = [pk for pk in keys if pk not in groups]
    if missing:
        bounds = (day_start(month, zone), day_start(month_end(month) + timedelta(days=1), zone))
        counted = count_groups_per_provider(missing, *bounds)
        fresh = {pk: counted.get(pk, []) for pk in missing}
        cache.set_many({keys[pk]: found for pk, found in fresh.items()})
        groups.update(fresh)
    return {pk: total_of(found) for pk, found in groups.items()}


def count_groups_per_provider(
    provider_ids: list[int], since: datetime, until: datetime
) -> dict[int, list[Group]]:
    """The current tickets of each provider created in ``[since, until)``, counted per
    priority, category and SLA version like :func:`count_groups`: one scan for all."""
    rows = (
        ExternalTicket.objects.in_force()
        .filter(provider__in=provider_ids, created__gte=since, created__lt=until)
        .values("provider", "priority_rank", "category", "sla_version")
        .annotate(**{f"n_{name}": COUNTS[name] for name in NAMES})
        .order_by()
    )
    return grouped(rows, "provider")


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
