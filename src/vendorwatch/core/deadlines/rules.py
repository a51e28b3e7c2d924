"""Possible ends of a contract and the receipt deadline for each (internal).

A contract's ends come in *segments*: a source of ends (the chain of terms, the end of the
minimum term, or every month/quarter/year end or day from some date on) paired with the
notice rule that gives each end its receipt deadline. The engine asks every segment for its
earliest end that a notice received on a given day can still reach.

All deadline rules are monotone (a later end never has an earlier deadline within one
segment), so a linear scan from a safe lower bound finds the earliest reachable end.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

from .days import Days
from .explain import Msg, Param, Rule, Step, StepCode
from .i18n import gettext_noop
from .periods import (
    Period,
    Unit,
    last_day_of_month,
    latest_receipt,
    period_end_after_receipt,
    receipt_is_capped,
    shift_months,
    term_end,
)
from .terms import AfterMinimumTerm, ContractTerms, NoticeAnchor, PayPeriod

_ONE = timedelta(days=1)

ANCHOR_LABELS = {
    NoticeAnchor.TERM_END: Msg(gettext_noop("the end of each term")),
    NoticeAnchor.MONTH_END: Msg(gettext_noop("the end of each calendar month")),
    NoticeAnchor.QUARTER_END: Msg(gettext_noop("the end of each calendar quarter")),
    NoticeAnchor.YEAR_END: Msg(gettext_noop("the end of each calendar year")),
    NoticeAnchor.ANY_DAY: Msg(gettext_noop("any day")),
}
MINIMUM_TERM_END = Msg(gettext_noop("the end of the minimum term"))
SATURDAYS = Msg(gettext_noop("every Saturday"))
PAY_LABELS = {
    PayPeriod.DAILY: Msg(gettext_noop("by the day")),
    PayPeriod.WEEKLY: Msg(gettext_noop("by the week")),
    PayPeriod.MONTHLY: Msg(gettext_noop("by the month")),
    PayPeriod.QUARTERLY_OR_LONGER: Msg(gettext_noop("by the quarter or longer")),
    PayPeriod.NOT_BY_PERIOD: Msg(gettext_noop("not by periods of time")),
}
PAY_RULES = {
    PayPeriod.DAILY: Rule.BGB_621_1,
    PayPeriod.WEEKLY: Rule.BGB_621_2,
    PayPeriod.MONTHLY: Rule.BGB_621_3,
    PayPeriod.QUARTERLY_OR_LONGER: Rule.BGB_621_4,
    PayPeriod.NOT_BY_PERIOD: Rule.BGB_621_5,
}


def period_rules(period: Period, *, forward: bool) -> tuple[Rule, ...]:
    """The §§ 187–189 BGB rules behind a period (``forward``: begins with a day, § 187 II)."""
    rules = [Rule.BGB_187_2 if forward else Rule.BGB_187_1]
    rules.append(Rule.BGB_188_1 if period.unit is Unit.DAYS else Rule.BGB_188_2)
    if period.unit in (Unit.QUARTERS, Unit.HALF_YEARS):
        rules.append(Rule.BGB_189)
    return tuple(rules)


# --- sources of ends -------------------------------------------------------------------


class Ends(Protocol):
    @property
    def every_day(self) -> bool: ...

    @property
    def term_ends(self) -> bool:
        """True when each end closes a term (the minimum term or a renewal): missing its
        deadline binds the business for a further term. Calendar ends of an open-ended
        contract recur, so a passed deadline there costs nothing the user had to act on."""
        ...

    @property
    def label(self) -> Msg: ...

    def first_on_or_after(self, day: date) -> date | None: ...

    def next_after(self, end: date) -> date | None: ...


def anchor_end_on_or_after(anchor: NoticeAnchor, day: date) -> date:
    """The first day on or after ``day`` that is an end per ``anchor`` (§ 192 BGB: the end of
    a month is its last day)."""
    if anchor is NoticeAnchor.MONTH_END:
        return last_day_of_month(day.year, day.month)
    if anchor is NoticeAnchor.QUARTER_END:
        return last_day_of_month(day.year, (day.month - 1) // 3 * 3 + 3)
    if anchor is NoticeAnchor.YEAR_END:
        return date(day.year, 12, 31)
    if anchor is NoticeAnchor.ANY_DAY:
        return day
    raise ValueError("a term end is not a calendar anchor")


@dataclass(frozen=True)
class AnchorEnds:
    """Every end per ``anchor`` on or after ``lower``."""

    anchor: NoticeAnchor
    lower: date

    term_ends = False

    @property
    def every_day(self) -> bool:
        return self.anchor is NoticeAnchor.ANY_DAY

    @property
    def label(self) -> Msg:
        return ANCHOR_LABELS[self.anchor]

    def first_on_or_after(self, day: date) -> date | None:
        return anchor_end_on_or_after(self.anchor, max(day, self.lower))

    def next_after(self, end: date) -> date | None:
        return anchor_end_on_or_after(self.anchor, end + _ONE)


@dataclass(frozen=True)
class SaturdayEnds:
    """Every Saturday on or after ``lower`` (§ 621 Nr. 2 BGB)."""

    lower: date
    every_day = False
    term_ends = False
    label = SATURDAYS

    def first_on_or_after(self, day: date) -> date | None:
        day = max(day, self.lower)
        return day + timedelta(days=(5 - day.weekday()) % 7)

    def next_after(self, end: date) -> date | None:
        return self.first_on_or_after(end + _ONE)


@dataclass(frozen=True)
class SingleEnd:
    """Only the end of the minimum term."""

    end: date
    every_day = False
    term_ends = True
    label = MINIMUM_TERM_END

    def first_on_or_after(self, day: date) -> date | None:
        return self.end if self.end >= day else None

    def next_after(self, end: date) -> date | None:
        return None


@dataclass(frozen=True)
class TermChain:
    """The end of the minimum term, then the end of every renewal (§ 190 BGB: each renewal
    is counted from the end of the previous term, beginning with the next day)."""

    start: date
    minimum: Period
    renewal: Period
    every_day = False
    term_ends = True
    label = ANCHOR_LABELS[NoticeAnchor.TERM_END]

    def terms(self, near: date | None = None) -> Iterator[tuple[date, date]]:
        """``(first day, last day)`` of the minimum term and of every renewal; with ``near``,
        renewals that end well before that day are skipped (see :meth:`_skip_to`)."""
        begin, end = self.start, term_end(self.start, self.minimum)
        yield begin, end
        begin = end + _ONE
        if near is not None:
            begin = self._skip_to(begin, near)
        while True:
            end = term_end(begin, self.renewal)
            yield begin, end
            begin = end + _ONE

    def _skip_to(self, begin: date, near: date) -> date:
        """A renewal's first day, on the chain from ``begin`` and ending before ``near``
        (or ``begin`` itself), found by arithmetic instead of term by term: a contract
        that renews daily since 1900 must not cost a page 46,000 steps.

        Days and weeks repeat exactly. Months repeat with the same day number as long as
        § 188 Abs. 3 BGB never caps a term, which is certain for days 1 to 28; a 29th to
        31st is walked until a cap moves the chain to the 1st of a month (or not at all).
        """
        if not self.renewal.is_month_based:
            length = self.renewal.days
            skip = max(0, (near - begin).days // length - 1)
            return begin + timedelta(days=skip * length)
        guard = 0
        while begin.day > 28 and guard < 48:
            end = term_end(begin, self.renewal)
            if end >= near:
                return begin
            begin, guard = end + _ONE, guard + 1
        if begin.day > 28:
            return begin  # no cap in four years: walk on term by term (rare, and bounded)
        months = (near.year - begin.year) * 12 + near.month - begin.month
        skip = max(0, months // self.renewal.months - 1)
        return shift_months(begin, skip * self.renewal.months)[0]

    def term_containing_end(self, end: date) -> tuple[date, date]:
        for term in self.terms(near=end):
            if term[1] >= end:
                return term
        raise AssertionError("unreachable")  # pragma: no cover

    def first_on_or_after(self, day: date) -> date | None:
        return self.term_containing_end(day)[1]

    def next_after(self, end: date) -> date | None:
        return self.first_on_or_after(end + _ONE)


# --- notice rules ----------------------------------------------------------------------


class NoticeRule(Protocol):
    def deadline(self, end: date, days: Days) -> date: ...

    def min_end(self, received: date) -> date: ...

    def steps(self, end: date, deadline: date, days: Days) -> list[Step]: ...


@dataclass(frozen=True)
class PeriodNotice:
    """A notice period counted back from the end (§§ 187 I, 188, 189 BGB)."""

    period: Period
    extra: tuple[Rule, ...] = ()

    def deadline(self, end: date, days: Days) -> date:
        return latest_receipt(end, self.period)

    def min_end(self, received: date) -> date:
        return period_end_after_receipt(received, self.period)

    def steps(self, end: date, deadline: date, days: Days) -> list[Step]:
        start = deadline + _ONE
        period_end = period_end_after_receipt(deadline, self.period)
        late_end = period_end_after_receipt(deadline + _ONE, self.period)
        params: dict[str, Param] = {"period": self.period, "end": end, "deadline": deadline}
        steps = [
            Step(
                StepCode.DEADLINE_PERIOD,
                {**params, "period_start": start},
                (*self.extra, *period_rules(self.period, forward=False)),
            ),
            Step(
                StepCode.CHECK_FORWARD,
                {**params, "period_start": start, "period_end": period_end, "late_end": late_end},
            ),
        ]
        if receipt_is_capped(deadline, self.period):
            steps.append(
                Step(
                    StepCode.CAPPED,
                    {"day": deadline.day, "period_end": period_end},
                    (Rule.BGB_188_3,),
                )
            )
        return steps


@dataclass(frozen=True)
class WorkingDayNotice:
    """Receipt by the ``nth`` Werktag of the month ``months_after`` months before the end's
    month. For a term end that is not a month's last day the deadline is capped at the end."""

    nth: int
    months_after: int

    def deadline(self, end: date, days: Days) -> date:
        month = shift_months(end.replace(day=1), -self.months_after)[0]
        return min(days.nth_werktag(month.year, month.month, self.nth), end)

    def min_end(self, received: date) -> date:
        return received

    def steps(self, end: date, deadline: date, days: Days) -> list[Step]:
        month = shift_months(end.replace(day=1), -self.months_after)[0]
        params: dict[str, Param] = {"end": end, "deadline": deadline, "nth": self.nth}
        steps = [
            Step(
                StepCode.DEADLINE_WORKING_DAY,
                {**params, "month": month.strftime("%m.%Y")},
                (Rule.CONTRACT, Rule.SATURDAY_WERKTAG),
            )
        ]
        if deadline.weekday() == 5:
            steps.append(
                Step(StepCode.SATURDAY_DEADLINE, {"deadline": deadline}, (Rule.NO_BGB_193,))
            )
        return steps


@dataclass(frozen=True)
class FirstWerktagOfWeekNotice:
    """§ 621 Nr. 2 BGB: by the first Werktag of a week to the following Saturday."""

    def deadline(self, end: date, days: Days) -> date:
        return days.first_werktag_of_week(end)

    def min_end(self, received: date) -> date:
        return received

    def steps(self, end: date, deadline: date, days: Days) -> list[Step]:
        params = {"end": end, "deadline": deadline}
        return [
            Step(
                StepCode.DEADLINE_FIRST_WERKTAG_OF_WEEK,
                params,
                (Rule.BGB_621_2, Rule.SATURDAY_WERKTAG),
            )
        ]


@dataclass(frozen=True)
class FifteenthNotice:
    """§ 621 Nr. 3 BGB: by the 15th of a month to the end of that calendar month."""

    def deadline(self, end: date, days: Days) -> date:
        return end.replace(day=15)

    def min_end(self, received: date) -> date:
        return received

    def steps(self, end: date, deadline: date, days: Days) -> list[Step]:
        params = {"end": end, "deadline": deadline}
        return [Step(StepCode.DEADLINE_FIFTEENTH, params, (Rule.BGB_621_3, Rule.BGB_192))]


@dataclass(frozen=True)
class AnyTimeNotice:
    """§ 621 Nr. 5 BGB: at any time — the contract ends on the day of receipt."""

    def deadline(self, end: date, days: Days) -> date:
        return end

    def min_end(self, received: date) -> date:
        return received

    def steps(self, end: date, deadline: date, days: Days) -> list[Step]:
        return [Step(StepCode.DEADLINE_ANY_TIME, {"deadline": deadline}, (Rule.BGB_621_5,))]


@dataclass(frozen=True)
class Segment:
    ends: Ends
    rule: NoticeRule

    def earliest(self, received: date, days: Days) -> tuple[date, date] | None:
        """The earliest end (and its deadline) a notice received on ``received`` reaches."""
        end = self.ends.first_on_or_after(self.rule.min_end(received))
        while end is not None:
            deadline = self.rule.deadline(end, days)
            if deadline >= received:
                return end, deadline
            end = self.ends.next_after(end)
        return None

    def all_from(self, day: date, days: Days) -> Iterator[tuple[date, date]]:
        end = self.ends.first_on_or_after(day)
        while end is not None:
            yield end, self.rule.deadline(end, days)
            end = self.ends.next_after(end)


# --- from terms to segments ------------------------------------------------------------


def segments(terms: ContractTerms) -> list[Segment]:
    """The segments of a contract that needs notice (not for ``ENDS``)."""
    if terms.after_minimum_term is AfterMinimumTerm.RENEWS:
        assert terms.minimum_term is not None and terms.renewal_term is not None
        chain = TermChain(terms.start, terms.minimum_term, terms.renewal_term)
        return [Segment(chain, _agreed_rule(terms))]
    lower = terms.start
    result = []
    if terms.minimum_term is not None:
        lower = term_end(terms.start, terms.minimum_term)
        if terms.has_initial_notice:
            assert terms.notice_period is not None
            result.append(Segment(SingleEnd(lower), PeriodNotice(terms.notice_period)))
            lower += _ONE
    result.append(_continuation(terms, lower))
    return result


def _agreed_rule(terms: ContractTerms) -> NoticeRule:
    clause = terms.working_day_clause
    if clause is not None:
        return WorkingDayNotice(clause.nth, clause.months_after)
    assert terms.notice_period is not None
    return PeriodNotice(terms.notice_period)


def _continuation(terms: ContractTerms, lower: date) -> Segment:
    if terms.working_day_clause is not None:
        return Segment(AnchorEnds(NoticeAnchor.MONTH_END, lower), _agreed_rule(terms))
    if terms.continuation_notice_period is not None:
        anchor = terms.continuation_notice_anchor or terms.notice_anchor
        return Segment(AnchorEnds(anchor, lower), PeriodNotice(terms.continuation_notice_period))
    if terms.notice_period is not None and terms.notice_anchor is not NoticeAnchor.TERM_END:
        return Segment(AnchorEnds(terms.notice_anchor, lower), PeriodNotice(terms.notice_period))
    assert terms.pay_period is not None
    return statutory_segment(terms.pay_period, lower)


def statutory_segment(pay: PayPeriod, lower: date) -> Segment:
    """§ 621 Nr. 1–5 BGB for a service contract (not employment) without agreed notice."""
    if pay is PayPeriod.DAILY:
        notice = PeriodNotice(Period(1, Unit.DAYS), (Rule.BGB_621_1,))
        return Segment(AnchorEnds(NoticeAnchor.ANY_DAY, lower), notice)
    if pay is PayPeriod.WEEKLY:
        return Segment(SaturdayEnds(lower), FirstWerktagOfWeekNotice())
    if pay is PayPeriod.MONTHLY:
        return Segment(AnchorEnds(NoticeAnchor.MONTH_END, lower), FifteenthNotice())
    if pay is PayPeriod.QUARTERLY_OR_LONGER:
        notice = PeriodNotice(Period(6, Unit.WEEKS), (Rule.BGB_621_4,))
        return Segment(AnchorEnds(NoticeAnchor.QUARTER_END, lower), notice)
    return Segment(AnchorEnds(NoticeAnchor.ANY_DAY, lower), AnyTimeNotice())
