"""The scorecard of a provider: how it has done by its real record, on a scale of 0 to 100.

The figures come from the database, the scores from the engine (``core.scoring.scorecard``):

- SLA compliance: the agreed times the provider's imported tickets kept, in the last complete
  month and the eleven before it (the same months the SLA report counts, read from its
  cache); a provider without judged tickets in those months is judged by our own problem
  log (problems with a final verdict, by the day they were reported to the provider);
- employee satisfaction: the ratings of solved problems and the answers to the pulse
  surveys' satisfaction question (rounds with enough answers to be shown), each one answer
  (:func:`satisfaction_figures`);
- cost deviation: what the invoices of its contracts with a fee came to, against the fee the
  contracts name for the same months (from the month of a contract's first invoice, so a
  contract whose invoices were only recorded recently is not "cheaper than agreed");
- open and overdue action items on the provider's side, as they stood on the day;
- problems reported to it and how many of them missed a deadline.

Problems, costs and action items cover the twelve months up to the day (the current month
included, up to the day). A part without figures is "no data" and left out of the total.

The 12-month trend is the total as it stood at the end of each month. Every source is asked
once for all the months, grouped by month in the database (the tickets through the SLA
report's month cache), so the trend costs the same few queries as one scorecard, however many
problems, invoices or tickets there are.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Case, Count, F, IntegerField, Min, Q, Sum, Value, When
from django.utils import formats, timezone
from django.utils.translation import gettext, gettext_noop, pgettext

from vendorwatch.contracts.costs import euros
from vendorwatch.contracts.models import Contract, InvoiceLine
from vendorwatch.core.scoring.scorecard import (
    ACTIONS,
    AMBER_FROM,
    COST,
    GREEN_FROM,
    PROBLEMS,
    SATISFACTION,
    SLA,
    STEP_CHECK_ALTERNATIVES,
    STEP_ESCALATE,
    STEP_EXPECTATIONS,
    STEP_REVIEW_CONTRACT,
    STEP_TALK,
    STEP_TERMINATE,
    Component,
    NextStep,
    actions_component,
    cost_component,
    next_step,
    problems_component,
    satisfaction_component,
    scorecard_total,
    sla_component,
    traffic_light,
)
from vendorwatch.meetings.models import ActionItem
from vendorwatch.monitoring.report import data_version, month_groups, total_of
from vendorwatch.monitoring.report_periods import day_start, month_end, month_start
from vendorwatch.problems.models import ClockState, Problem
from vendorwatch.providers.models import Provider
from vendorwatch.sla.models import organisation_zone
from vendorwatch.web.money import eur_text

logger = logging.getLogger(__name__)

# How much each part counts in the total (parts without data are left out, the rest count
# in proportion to these).
SLA_WEIGHT = Decimal("35")
SATISFACTION_WEIGHT = Decimal("15")
COST_WEIGHT = Decimal("20")
ACTIONS_WEIGHT = Decimal("15")
PROBLEMS_WEIGHT = Decimal("15")

TREND_MONTHS = 12
# Problems, costs and action items: this many months up to the day, the current one included.
PERIOD_MONTHS = 12
# SLA: this many complete months, ending with the month before the day's.
SLA_MONTHS = 12

SLA_FROM_TICKETS = "tickets"
SLA_FROM_PROBLEMS = "problems"

TERMINATE = STEP_TERMINATE
# Where the page links for each recommended step (terminating: the provider's contract).
STEP_URLS = {
    STEP_EXPECTATIONS: "expectations-index",
    STEP_TALK: "meetings-index",
    STEP_ESCALATE: "problems-list",
    STEP_REVIEW_CONTRACT: "contracts-list",
    STEP_CHECK_ALTERNATIVES: "alternatives-index",
    STEP_TERMINATE: "contracts-list",
}

CANNOT_COMPUTE = gettext_noop("Cannot be computed — please check the stored records.")
ACTIONS_NO_DATA = gettext_noop("No action items recorded for the provider yet: no score.")
# Values of the engine's texts that are amounts of money.
MONEY = frozenset({"invoiced", "contracted"})


# --- the result --------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    @property
    def label(self) -> str:
        return f"{self.start:%d.%m.%Y} – {self.end:%d.%m.%Y}"


@dataclass(frozen=True)
class TrendPoint:
    month: date
    total: Decimal | None

    @property
    def label(self) -> str:
        return formats.date_format(self.month, "M Y")

    @property
    def light(self) -> str:
        return traffic_light(self.total)


@dataclass(frozen=True)
class Scorecard:
    """One provider's scorecard as of ``today``. ``components`` in a fixed order (SLA,
    satisfaction, cost, action items, problems); ``total`` ``None`` when no part has data."""

    provider: Provider
    today: date
    components: list[Component]
    total: Decimal | None
    light: str
    next_step: NextStep
    period: Period
    sla_period: Period
    # Where the SLA figures came from: SLA_FROM_TICKETS, SLA_FROM_PROBLEMS or "" (neither).
    sla_source: str = ""
    trend: list[TrendPoint] = field(default_factory=list)

    def component(self, key: str) -> Component | None:
        return next((c for c in self.components if c.key == key), None)

    @property
    def has_data(self) -> bool:
        return self.total is not None


def fill(template: str, values: Mapping[str, str], numbers: Mapping[str, Any] | None = None) -> str:
    """An engine text (a ``gettext_noop`` template with ``{placeholders}``) in the active
    language, its numbers written as the reader writes them (German: 97,5; 1.234,50 €)."""
    shown = {}
    for key, value in values.items():
        number = (numbers or {}).get(key, number_in(value))
        if number is None:
            shown[key] = value
        elif key in MONEY:
            shown[key] = eur_text(number)
        else:
            shown[key] = number_text(number)
    try:
        return gettext(template).format(**shown)
    except (KeyError, IndexError, ValueError):  # a translation that names another value
        logger.warning("scorecard text %r cannot be filled from %r", template, sorted(values))
        return template.format_map(defaultdict(str, shown))


def component_text(component: Component) -> str:
    return fill(component.explanation, component.values, component.numbers)


def step_text(step: NextStep) -> str:
    return fill(step.reason, step.values)


def number_in(value: str) -> Decimal | None:
    try:
        number = Decimal(value)
    except (ArithmeticError, TypeError, ValueError):
        return None
    return number if number.is_finite() else None


def number_text(value: Decimal | int | None) -> str:
    """68 or 68,4 (as many decimals as the value has, at most two); "–" for none."""
    if value is None:
        return "–"
    if isinstance(value, int):
        return formats.number_format(value, 0, use_l10n=True, force_grouping=True)
    if not value.is_finite():
        return "–"
    exponent = value.normalize().as_tuple().exponent
    places = min(max(0, -exponent), 2) if isinstance(exponent, int) else 0
    return formats.number_format(value, places, use_l10n=True, force_grouping=True)


# --- the months --------------------------------------------------------------------------


def add_months(month: date, count: int) -> date:
    return month_start(month.year, month.month + count)


def months_from(first: date, count: int) -> list[date]:
    return [add_months(first, i) for i in range(count)]


@dataclass
class MonthFigures:
    """What happened in one calendar month."""

    ticket_met: int = 0
    ticket_judged: int = 0
    problem_met: int = 0
    problem_judged: int = 0
    problems: int = 0
    breached: int = 0
    invoiced: Decimal = Decimal("0")
    contracted: Decimal = Decimal("0")


@dataclass
class Gathered:
    """The figures of every month the wanted points need, and the action items per point."""

    months: dict[date, MonthFigures]
    actions: dict[date, tuple[int, int, bool]]  # as of a day: open, overdue, any recorded

    def window(self, last: date, count: int) -> list[MonthFigures]:
        return [
            self.months.get(m, MonthFigures())
            for m in months_from(add_months(last, 1 - count), count)
        ]


def satisfaction_figures(
    provider: Provider, *, start: date, end: date
) -> tuple[Decimal | None, int]:
    """The employees' mean rating of the provider (1 to 5) from ``start`` to ``end`` (local
    days) and how many answers it rests on; ``(None, 0)`` without any. One query.

    Each of these counts as one answer: a rating of a solved problem of the provider given in
    the period, and an answer to a survey about the provider, of a round opened in the period
    that has enough responses to be shown (a hidden round counts nothing, so no single answer
    can be traced through the scorecard). Of a survey, the answers to its rating question on
    overall satisfaction count; a survey without one counts all its rating questions. The mean
    is rounded as every feedback mean (one decimal, half up).
    """

    from django.db.models import Aggregate, Exists, OuterRef, Subquery
    from django.db.models.functions import Greatest

    from vendorwatch.core.feedback import mean_of_sum
    from vendorwatch.feedback.models import (
        MIN_GROUP_FLOOR,
        Answer,
        ProblemRating,
        Question,
        QuestionKind,
        SurveyResponse,
    )

    zone = organisation_zone()
    since = day_start(start, zone)
    period = Q(answered_at__gte=since)
    opened = Q(response__round__opens_at__gte=since)
    if end < date.max:  # the day after the last day (none after the calendar's end)
        until = day_start(end + timedelta(days=1), zone)
        period &= Q(answered_at__lt=until)
        opened &= Q(response__round__opens_at__lt=until)
    ratings = ProblemRating.objects.filter(
        period, problem__provider=provider, stars__gte=1, stars__lte=5
    )
    overall = Question.objects.filter(
        survey=OuterRef("question__survey"), kind=QuestionKind.RATING, topic="overall"
    )
    responses = (
        SurveyResponse.objects.filter(round=OuterRef("response__round"))
        .order_by()
        .values("round")
        .annotate(n=Count("pk"))
        .values("n")
    )
    answers = (
        Answer.objects.filter(
            opened,
            question__survey__provider=provider,
            question__kind=QuestionKind.RATING,
            number__gte=1,
            number__lte=5,
        )
        .filter(Q(question__topic="overall") | ~Exists(overall))
        .annotate(responses=Subquery(responses))
        # The survey's minimum, never below the floor (as the results page counts it).
        .filter(responses__gte=Greatest(F("question__survey__min_answers"), Value(MIN_GROUP_FLOOR)))
    )

    def total(rows: Any, aggregate: Aggregate) -> Subquery:
        # Grouped by a constant: one row over all of ``rows``, as a value of the outer query.
        grouped = rows.order_by().annotate(one=Value(1)).values("one")
        return Subquery(grouped.annotate(value=aggregate).values("value")[:1])

    row = (
        Provider.objects.filter(pk=provider.pk)
        .annotate(
            rating_sum=total(ratings, Sum("stars")),
            rating_count=total(ratings, Count("pk")),
            answer_sum=total(answers, Sum("number")),
            answer_count=total(answers, Count("pk")),
        )
        .values("rating_sum", "rating_count", "answer_sum", "answer_count")
        .first()
    )
    if row is None:
        return None, 0
    count = (row["rating_count"] or 0) + (row["answer_count"] or 0)
    summed = (row["rating_sum"] or 0) + (row["answer_sum"] or 0)
    return mean_of_sum(summed, count), count


def sla_ticket_months(provider: Provider, months: list[date]) -> dict[date, tuple[int, int]]:
    """Agreed times kept and judged per month, from the provider's imported tickets (the SLA
    report's counts, kept per import in its cache). A ticket still open past its resolution
    time counts as a missed time."""
    groups = month_groups(provider, months, data_version(provider))
    found = {}
    for month in months:
        total = total_of(groups.get(month, []))
        met = total.response_met + total.resolution_met
        judged = total.response_decided + total.resolution_decided + total.open_overdue
        found[month] = (met, judged)
    return found


def month_bucket(field_name: str, months: list[date]) -> Case:
    """Which of ``months`` (consecutive) a moment falls in, in the organisation's zone (SQL);
    -1 before or after them."""
    zone = organisation_zone()
    bounds = [day_start(m, zone) for m in months] + [day_start(add_months(months[-1], 1), zone)]
    whens = [
        When(**{f"{field_name}__gte": bounds[i], f"{field_name}__lt": bounds[i + 1]}, then=Value(i))
        for i in range(len(months))
    ]
    return Case(*whens, default=Value(-1), output_field=IntegerField())


PROBLEM_COUNTS = ("problems", "breached", "judged", "judged_breached")


def problem_months(
    provider: Provider, months: list[date], until: datetime
) -> dict[date, dict[str, int]]:
    """Per month of reporting: problems, those that missed a deadline, and the SLA verdicts
    of the problem log (judged: every deadline kept or one missed, under an agreed SLA). One
    grouped query."""
    zone = organisation_zone()
    judged = Q(sla_policy__isnull=False) & (Q(state=ClockState.MET) | Q(breached=True))
    rows = (
        Problem.objects.filter(
            provider=provider,
            reported_to_provider_at__gte=day_start(months[0], zone),
            reported_to_provider_at__lt=until,
        )
        .annotate(month_index=month_bucket("reported_to_provider_at", months))
        .values("month_index")
        .annotate(
            n_problems=Count("id"),
            n_breached=Count("id", filter=Q(breached=True)),
            n_judged=Count("id", filter=judged),
            n_judged_breached=Count("id", filter=judged & Q(breached=True)),
        )
        .order_by()
    )
    found: dict[date, dict[str, int]] = {}
    for row in rows:
        values: Mapping[str, Any] = row
        if 0 <= values["month_index"] < len(months):
            found[months[values["month_index"]]] = {
                n: int(values[f"n_{n}"]) for n in PROBLEM_COUNTS
            }
    return found


def _month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def cost_months(
    provider: Provider, months: list[date], today: date
) -> dict[date, tuple[Decimal, Decimal]]:
    """Per complete month: invoiced and contracted, for the provider's contracts with a fee.

    An invoice counts for the months of the period it covers, spread evenly (a yearly invoice
    paid in advance is a twelfth in each month), else for the month of its date. Contracted is
    the monthly fee of each contract from the later of its start and its first invoice. The
    month running today is left out on both sides: its invoice may not have come yet. Two
    queries."""
    this_month = today.replace(day=1)
    complete = [month for month in months if month < this_month]
    contracts = list(
        Contract.objects.filter(provider=provider, fee__isnull=False)
        .annotate(first_invoice=Min("invoices__invoice_date"))
        .values_list("pk", "fee", "fee_period", "start_date", "first_invoice")
    )
    contracted: dict[date, Decimal] = defaultdict(Decimal)
    for _pk, fee, fee_period, start, first_invoice in contracts:
        if first_invoice is None or fee is None:
            continue
        fee = Decimal(fee)
        monthly = (
            fee if fee_period == Contract.FeePeriod.MONTH else (fee / 12).quantize(Decimal("0.01"))
        )
        begins = max(start, first_invoice).replace(day=1)
        for month in complete:
            if month >= begins:
                contracted[month] += monthly
    invoiced: dict[date, Decimal] = defaultdict(Decimal)
    if contracts and complete:
        first, last = complete[0], month_end(complete[-1])
        covers_window = Q(invoice__period_start__lte=last, invoice__period_end__gte=first)
        dated_in_window = Q(invoice__invoice_date__gte=first, invoice__invoice_date__lte=last)
        lines = (
            InvoiceLine.objects.filter(
                covers_window | dated_in_window,
                invoice__contract__provider=provider,
                invoice__contract__fee__isnull=False,
            )
            .order_by()
            .values(
                day=F("invoice__invoice_date"),
                start=F("invoice__period_start"),
                end=F("invoice__period_end"),
            )
            .annotate(total=Sum("cents"))
        )
        for row in lines:
            amount = euros(row["total"])
            start, end = row["start"], row["end"]
            if start is None or end is None or end < start:
                month = row["day"].replace(day=1)
                if first <= month <= last:
                    invoiced[month] += amount
                continue
            # Arithmetic on month numbers, so a period to the year 9999 costs nothing.
            count = _month_index(end) - _month_index(start) + 1
            share = amount / count
            for month in complete:
                if _month_index(start) <= _month_index(month) <= _month_index(end):
                    invoiced[month] += share
    return {
        m: (invoiced[m].quantize(Decimal("0.01")), contracted[m])
        if m < this_month
        else (Decimal("0"), Decimal("0"))
        for m in months
    }


def action_counts(provider: Provider, days: list[date]) -> dict[date, tuple[int, int, bool]]:
    """The provider's action items (its side) as they stood at the end of each of ``days``:
    open, overdue (open past the due day), and whether any had been recorded. One query."""
    zone = organisation_zone()
    counts: dict[str, Any] = {}
    for index, day in enumerate(days):
        after = day_start(day + timedelta(days=1), zone)
        existed = Q(created_at__lt=after)
        still_open = Q(status=ActionItem.Status.OPEN) | Q(closed_at__gte=after)
        counts[f"any_{index}"] = Count("id", filter=existed)
        counts[f"open_{index}"] = Count("id", filter=existed & still_open)
        counts[f"overdue_{index}"] = Count("id", filter=existed & still_open & Q(due_date__lt=day))
    row = ActionItem.objects.filter(provider=provider, side=ActionItem.Side.PROVIDER).aggregate(
        **counts
    )
    return {
        day: (row[f"open_{i}"] or 0, row[f"overdue_{i}"] or 0, bool(row[f"any_{i}"]))
        for i, day in enumerate(days)
    }


def point_days(today: date, months: int) -> list[tuple[date, date]]:
    """The trend's points: each month up to today's, and the day it is taken on (the month's
    last day; today for the current month)."""
    current = today.replace(day=1)
    return [
        (m, min(month_end(m), today)) for m in months_from(add_months(current, 1 - months), months)
    ]


def gather(provider: Provider, today: date, months: int) -> Gathered:
    points = point_days(today, months)
    first_point = points[0][0]
    period_months = months_from(
        add_months(first_point, 1 - PERIOD_MONTHS), PERIOD_MONTHS + months - 1
    )
    sla_months = months_from(add_months(first_point, -SLA_MONTHS), SLA_MONTHS + months - 1)
    every = sorted(set(period_months) | set(sla_months))
    figures = {m: MonthFigures() for m in every}
    for month, (met, judged) in sla_ticket_months(provider, sla_months).items():
        figures[month].ticket_met, figures[month].ticket_judged = met, judged
    until = day_start(today + timedelta(days=1), organisation_zone())
    for month, row in problem_months(provider, every, until).items():
        target = figures[month]
        target.problems, target.breached = row["problems"], row["breached"]
        target.problem_judged = row["judged"]
        target.problem_met = row["judged"] - row["judged_breached"]
    for month, (invoiced, contracted) in cost_months(provider, period_months, today).items():
        figures[month].invoiced, figures[month].contracted = invoiced, contracted
    actions = action_counts(provider, [day for _month, day in points])
    return Gathered(figures, actions)


# --- the parts and the total -------------------------------------------------------------


@dataclass(frozen=True)
class Parts:
    components: list[Component]
    total: Decimal | None
    sla_source: str


def safely(key: str, weight: Decimal, compute: Callable[[], Component]) -> Component:
    """The engine's part; a stored figure it cannot compute makes this part "cannot be
    computed" (logged), never the whole page."""
    try:
        return compute()
    except Exception:
        logger.exception("scorecard part %s cannot be computed", key)
        return Component(key, None, weight, CANNOT_COMPUTE, {})


def parts_at(provider: Provider, gathered: Gathered, month: date, day: date) -> Parts:
    """The parts as they stood on ``day`` (in ``month``)."""
    period = gathered.window(month, PERIOD_MONTHS)
    sla = gathered.window(add_months(month, -1), SLA_MONTHS)
    ticket_judged = sum(f.ticket_judged for f in sla)
    if ticket_judged:
        source, met, judged = SLA_FROM_TICKETS, sum(f.ticket_met for f in sla), ticket_judged
    else:
        judged = sum(f.problem_judged for f in sla)
        source = SLA_FROM_PROBLEMS if judged else ""
        met = sum(f.problem_met for f in sla)
    start = add_months(month, 1 - PERIOD_MONTHS)
    mean, answers = satisfaction_figures(provider, start=start, end=day)
    invoiced = sum((f.invoiced for f in period), Decimal("0"))
    contracted = sum((f.contracted for f in period), Decimal("0"))
    open_items, overdue, any_item = gathered.actions[day]
    problems = sum(f.problems for f in period)
    breached = sum(f.breached for f in period)
    components = [
        safely(SLA, SLA_WEIGHT, lambda: sla_component(met=met, judged=judged, weight=SLA_WEIGHT)),
        safely(
            SATISFACTION,
            SATISFACTION_WEIGHT,
            lambda: satisfaction_component(mean=mean, answers=answers, weight=SATISFACTION_WEIGHT),
        ),
        safely(
            COST,
            COST_WEIGHT,
            lambda: cost_component(invoiced=invoiced, contracted=contracted, weight=COST_WEIGHT),
        ),
        safely(
            ACTIONS,
            ACTIONS_WEIGHT,
            lambda: (
                actions_component(open_items=open_items, overdue=overdue, weight=ACTIONS_WEIGHT)
                if any_item
                else Component(ACTIONS, None, ACTIONS_WEIGHT, ACTIONS_NO_DATA, {})
            ),
        ),
        safely(
            PROBLEMS,
            PROBLEMS_WEIGHT,
            lambda: problems_component(
                problems=problems, breached=breached, weight=PROBLEMS_WEIGHT
            ),
        ),
    ]
    return Parts(components, scorecard_total(components), source)


def trend_points(
    provider: Provider, gathered: Gathered, today: date, months: int
) -> list[tuple[TrendPoint, Parts]]:
    found = []
    for month, day in point_days(today, months):
        parts = parts_at(provider, gathered, month, day)
        found.append((TrendPoint(month, parts.total), parts))
    return found


def trend_change(trend: list[TrendPoint]) -> Decimal | None:
    """How many points the total rose (+) or fell (−) over the trend: the latest total
    against the earliest month with one; ``None`` without two such months."""
    known = [point.total for point in trend if point.total is not None]
    if len(known) < 2 or trend[-1].total is None:
        return None
    return known[-1] - known[0]


def provider_scorecard(provider: Provider, *, today: date) -> Scorecard:
    """The provider's scorecard as of ``today``, with its 12-month trend and the step it
    recommends."""
    gathered = gather(provider, today, TREND_MONTHS)
    points = trend_points(provider, gathered, today, TREND_MONTHS)
    current = points[-1][1]
    trend = [point for point, _parts in points]
    month = today.replace(day=1)
    sla_last = add_months(month, -1)
    return Scorecard(
        provider=provider,
        today=today,
        components=current.components,
        total=current.total,
        light=traffic_light(current.total),
        next_step=next_step(current.total, trend=trend_change(trend)),
        period=Period(add_months(month, 1 - PERIOD_MONTHS), today),
        sla_period=Period(add_months(sla_last, 1 - SLA_MONTHS), month_end(sla_last)),
        sla_source=current.sla_source,
        trend=trend,
    )


def scorecard_trend(
    provider: Provider, *, today: date, months: int = TREND_MONTHS
) -> list[tuple[date, Decimal | None]]:
    """The total as it stood at the end of each of the last ``months`` months (the current
    one: today), oldest first."""
    gathered = gather(provider, today, months)
    return [
        (point.month, point.total)
        for point, _parts in trend_points(provider, gathered, today, months)
    ]


# --- as the page shows it ----------------------------------------------------------------


def light_borders() -> dict[str, Decimal]:
    """The borders of the traffic light, for the chart."""
    return {"green_from": GREEN_FROM, "red_below": AMBER_FROM}


def light_label(light: str) -> str:
    return {
        "green": pgettext("traffic light", "green"),
        "amber": pgettext("traffic light", "amber"),
        "red": pgettext("traffic light", "red"),
    }.get(light, gettext("no data"))


def component_name(key: str) -> str:
    return {
        SLA: gettext("SLA compliance"),
        SATISFACTION: gettext("Employee satisfaction"),
        COST: gettext("Cost deviation from the contract"),
        ACTIONS: gettext("Open and overdue action items"),
        PROBLEMS: gettext("Problems: deadlines missed"),
    }.get(key, key)


def step_name(step: str) -> str:
    return {
        STEP_EXPECTATIONS: gettext("Agree on expectations"),
        STEP_TALK: gettext("Talk"),
        STEP_ESCALATE: gettext("Escalate"),
        STEP_REVIEW_CONTRACT: gettext("Review the contract"),
        STEP_CHECK_ALTERNATIVES: gettext("Check alternatives"),
        STEP_TERMINATE: gettext("Terminate"),
    }.get(step, step)


def step_link_text(step: str) -> str:
    return {
        STEP_EXPECTATIONS: gettext("To the expectations"),
        STEP_TALK: gettext("To the meetings"),
        STEP_ESCALATE: gettext("To the problem log"),
        STEP_REVIEW_CONTRACT: gettext("To the contracts"),
        STEP_CHECK_ALTERNATIVES: gettext("To the alternatives"),
        STEP_TERMINATE: gettext("To the contract"),
    }.get(step, gettext("Open"))


def source_text(card: Scorecard, key: str) -> str:
    """Where a part's figures come from, and over which days."""
    values = {"period": card.period.label, "sla_period": card.sla_period.label}
    if key == SLA:
        if card.sla_source == SLA_FROM_TICKETS:
            text = gettext(
                "From the provider's imported tickets created %(sla_period)s (response and"
                " resolution times; a ticket still open past its time counts as missed)."
            )
        elif card.sla_source == SLA_FROM_PROBLEMS:
            text = gettext(
                "No imported tickets in %(sla_period)s: from our own problem log, problems"
                " reported then whose verdict is final (each problem one target)."
            )
        else:
            text = gettext(
                "Neither imported tickets nor problems with a final verdict in %(sla_period)s."
            )
    elif key == SATISFACTION:
        text = gettext(
            "Ratings of problems solved %(period)s and the answers to the surveys' satisfaction"
            " question in rounds opened then (only rounds with enough answers to be shown)."
        )
    elif key == COST:
        text = gettext(
            "Invoices dated %(period)s of the contracts with a fee, against the fee for the"
            " same months (from each contract's first invoice)."
        )
    elif key == ACTIONS:
        text = gettext("Action items for the provider, as they stand today.")
    else:
        text = gettext("Problems reported to the provider %(period)s.")
    return text % values


@dataclass(frozen=True)
class Row:
    key: str
    name: str
    score: str
    has_data: bool
    weight: str
    share: str
    computation: str
    source: str


@dataclass(frozen=True)
class CardView:
    """The scorecard's texts for the page, in the active language."""

    total: str
    light: str
    light_label: str
    headline: str
    step: str
    step_name: str
    step_reason: str
    step_link_text: str
    rows: list[Row]
    trend: list[tuple[str, str, str]]  # month, total, light label
    left_out: bool
    light_rule: str


def card_view(card: Scorecard) -> CardView:
    counted = sum((c.weight for c in card.components if c.score is not None), Decimal("0"))
    rows = []
    for component in card.components:
        has_data = component.score is not None
        share = (
            number_text((component.weight * 100 / counted).quantize(Decimal("0.1")))
            if has_data and counted
            else ""
        )
        rows.append(
            Row(
                key=component.key,
                name=component_name(component.key),
                score=number_text(component.score) if has_data else gettext("no data"),
                has_data=has_data,
                weight=number_text(component.weight),
                share=share,
                computation=component_text(component),
                source=source_text(card, component.key),
            )
        )
    label = light_label(card.light)
    if card.total is None:
        headline = gettext("Overall score: no data yet")
    else:
        headline = gettext("Overall score %(total)s out of 100 — %(light)s") % {
            "total": number_text(card.total),
            "light": label,
        }
    return CardView(
        total=number_text(card.total) if card.total is not None else gettext("no data"),
        light=card.light,
        light_label=label,
        headline=headline,
        step=card.next_step.step,
        step_name=step_name(card.next_step.step),
        step_reason=step_text(card.next_step),
        step_link_text=step_link_text(card.next_step.step),
        rows=rows,
        trend=[
            (
                point.label,
                number_text(point.total) if point.total is not None else gettext("no data"),
                light_label(point.light),
            )
            for point in card.trend
        ],
        left_out=any(not row.has_data for row in rows) and card.total is not None,
        light_rule=gettext("green from %(green)s points, amber from %(amber)s, red below.")
        % {"green": number_text(GREEN_FROM), "amber": number_text(AMBER_FROM)},
    )


def scorecard_light(provider: Provider, *, today: date | None = None) -> str:
    """The provider's light and total in a few words ("green, 82 of 100"), for lists: only
    the current scorecard is computed, not its trend."""
    day = today or timezone.localdate(timezone=organisation_zone())
    parts = parts_at(provider, gather(provider, day, 1), day.replace(day=1), day)
    if parts.total is None:
        return gettext("no data")
    return gettext("%(light)s, %(total)s of 100") % {
        "light": light_label(traffic_light(parts.total)),
        "total": number_text(parts.total),
    }
