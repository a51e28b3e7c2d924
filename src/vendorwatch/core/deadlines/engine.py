"""The deadline engine: next possible end, receipt deadline, send date, status.

For a contract and a day "today" (:func:`compute_deadline`):

1. The possible ends of the contract are the ends of its terms (renewing contract), or the
   ends its notice rule allows from the end of the minimum term on (open-ended contract).
2. For each end, the receipt deadline is the latest day on which the notice may *reach* the
   provider (§ 130 Abs. 1 BGB — receipt counts, not sending), computed backwards with
   §§ 187–189 BGB (see :mod:`.periods`) or by the Werktag / § 621 BGB rule.
3. The next possible end is the earliest end whose deadline is today or later. If the
   deadline for the nearest end has passed *and that end closes a term* (the minimum term
   or a renewal), the result rolls over to the next end and says so
   (``MISSED_ROLLED_OVER``): the business is now bound for a further term. The recurring
   ends of an open-ended contract (every month's end, every quarter's end) are never
   "missed": the next one is simply the state the user can act on.
4. The deadline is never moved to a working day: § 193 BGB does not apply to notice periods
   (BGH, 17.02.2005, III ZR 172/04). Separately, the *last business day for receipt* is the
   last Monday-to-Friday non-holiday on or before it — a letter delivered to a business on a
   weekend or holiday is generally deemed received only on the next business day.
5. Where that last business day is 24.12. or 31.12., the advice aims for the business day
   before: a letter delivered to a business on the afternoon of Christmas Eve or New
   Year's Eve is often only treated as received on the next business day (BGH,
   05.12.2007, XII ZR 148/05). The legal deadline itself does not move.
   The recommended send date lies ``postal_days`` business days before the recommended
   arrival (Deutsche Post's E+1 is a target, not a promise; the default of 3 leaves a
   margin).
   ``arrive_by`` is that advice as seen on ``today``: once the recommended arrival day has
   passed while receipt is still possible, it is the last business day for receipt, then
   the legal deadline itself — advice never names a day in the past.
6. ``TOO_LATE_FOR_POST``: the send date has passed but the receipt deadline has not —
   deliver by hand or courier today. It takes precedence over ``MISSED_ROLLED_OVER``
   (``missed_end`` still tells what was missed).

:func:`contract_end_for_notice` answers the converse question — "received on day X, when
does the contract end?" — with exactly the same rules, so a notice received on the computed
deadline always ends the contract on the computed end, and one received a day later does not.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from enum import Enum

from .days import Days
from .explain import (
    CHRISTMAS_EVE,
    NATIONWIDE,
    NEW_YEARS_EVE,
    PUBLIC_HOLIDAY,
    SATURDAY,
    STATE_NAMES,
    SUNDAY,
    Explanation,
    Msg,
    Param,
    Rule,
    Step,
    StepCode,
)
from .periods import Period, term_end, term_end_is_capped
from .rules import (
    PAY_LABELS,
    PAY_RULES,
    AnchorEnds,
    Segment,
    SingleEnd,
    TermChain,
    period_rules,
    segments,
)
from .terms import AfterMinimumTerm, ContractTerms, NoticeAnchor

DEFAULT_POSTAL_DAYS = 3


class Status(Enum):
    ON_TIME = "on_time"
    TOO_LATE_FOR_POST = "too_late_for_post"
    MISSED_ROLLED_OVER = "missed_rolled_over"
    FIXED_TERM = "fixed_term"  # ends by itself on next_possible_end, no notice needed
    ENDED = "ended"  # a fixed term that is over


@dataclass(frozen=True)
class DeadlineResult:
    today: date
    status: Status
    next_possible_end: date | None
    receipt_deadline: date | None
    last_business_day_for_receipt: date | None
    recommended_arrival_date: date | None  # the advice: differs only around 24.12./31.12.
    recommended_send_date: date | None
    days_until_receipt_deadline: int | None
    missed_end: date | None
    missed_deadline: date | None
    explanation: Explanation
    # The day to show as "arrive by" on ``today`` (see step 5 above); never before today.
    arrive_by: date | None = None
    days_until_arrive_by: int | None = None

    @property
    def arrive_by_differs(self) -> bool:
        """Whether the advised day is not the legal deadline (name both, then)."""
        return self.arrive_by is not None and self.arrive_by != self.receipt_deadline


def compute_deadline(
    terms: ContractTerms,
    today: date,
    *,
    subdivision: str | None = None,
    postal_days: int = DEFAULT_POSTAL_DAYS,
) -> DeadlineResult:
    """Deadlines for terminating ``terms`` as seen on ``today``.

    ``subdivision`` is the federal state whose public holidays count ("NW", "BY" or
    "DE-NW"; ``None``: nationwide holidays only) — that of the place where the notice is
    received. ``postal_days`` is the number of business days allowed for the post.
    """
    if postal_days < 0:
        raise ValueError("postal_days cannot be negative")
    days = Days(subdivision)
    if terms.after_minimum_term is AfterMinimumTerm.ENDS:
        return _fixed_term(terms, today)
    segs = segments(terms)
    end, deadline, chosen = _earliest(segs, today, days)
    missed = _missed(segs, today, end, days)
    last_business_day = days.business_day_on_or_before(deadline)
    arrival = _recommended_arrival(last_business_day, days)
    send = days.business_days_before(arrival, postal_days)
    if send < today:
        status = Status.TOO_LATE_FOR_POST
    elif missed is not None:
        status = Status.MISSED_ROLLED_OVER
    else:
        status = Status.ON_TIME
    steps = _structure_steps(terms, chosen, end)
    if missed is not None:
        steps.append(_missed_step(missed, end))
    steps.append(Step(StepCode.NEXT_END, {"end": end}))
    steps += chosen.rule.steps(end, deadline, days)
    steps.append(Step(StepCode.RECEIPT, {}, (Rule.BGB_130,)))
    steps += _business_day_steps(deadline, last_business_day, days)
    if arrival != last_business_day:
        steps.append(_year_end_step(last_business_day, arrival, deadline))
    steps.append(Step(StepCode.SEND_DATE, {"postal_days": postal_days, "send_date": send}))
    if status is Status.TOO_LATE_FOR_POST:
        late: dict[str, Param] = {"send_date": send, "deadline": deadline}
        steps.append(Step(StepCode.TOO_LATE_FOR_POST, late, (Rule.BGB_130,)))
    else:
        steps.append(Step(StepCode.DAYS_LEFT, {"days": (deadline - today).days}))
    arrive_by = _arrive_by(today, arrival, last_business_day, deadline)
    summary = _summary(end, deadline, last_business_day, arrival, send, status, today)
    return DeadlineResult(
        today=today,
        status=status,
        next_possible_end=end,
        receipt_deadline=deadline,
        last_business_day_for_receipt=last_business_day,
        recommended_arrival_date=arrival,
        recommended_send_date=send,
        days_until_receipt_deadline=(deadline - today).days,
        missed_end=None if missed is None else missed.end,
        missed_deadline=None if missed is None else missed.deadline,
        explanation=Explanation(tuple(steps), summary),
        arrive_by=arrive_by,
        days_until_arrive_by=(arrive_by - today).days,
    )


def _arrive_by(today: date, arrival: date, last: date, deadline: date) -> date:
    """The advised arrival day as seen on ``today``: never a day that has passed."""
    for day in (arrival, last):
        if day >= today:
            return day
    return deadline


YEAR_END_DAYS = ((12, 24), (12, 31))


def _recommended_arrival(last_business_day: date, days: Days) -> date:
    """The day the notice should arrive: the last business day for receipt, or the
    business day before it when that is 24.12. or 31.12. (BGH, XII ZR 148/05)."""
    if (last_business_day.month, last_business_day.day) in YEAR_END_DAYS:
        return days.business_days_before(last_business_day, 1)
    return last_business_day


def _year_end_step(last_business_day: date, arrival: date, deadline: date) -> Step:
    params: dict[str, Param] = {
        "day": last_business_day,
        "day_name": _year_end_name(last_business_day),
        "arrival": arrival,
        "deadline": deadline,
    }
    return Step(StepCode.YEAR_END_RECEIPT, params, (Rule.BGH_YEAR_END,))


def _year_end_name(day: date) -> Msg:
    return CHRISTMAS_EVE if day.day == 24 else NEW_YEARS_EVE


def _summary(
    end: date,
    deadline: date,
    last: date,
    arrival: date,
    send: date,
    status: Status,
    today: date,
) -> tuple[Step, ...]:
    """Three lines that answer the user's question before the derivation."""
    if status is Status.TOO_LATE_FOR_POST:
        sending = Step(StepCode.SUMMARY_TOO_LATE, {"send_date": send})
    else:
        sending = Step(StepCode.SUMMARY_SEND, {"send_date": send})
    arrive = _arrive_line(deadline, last, arrival, today)
    return (Step(StepCode.SUMMARY_END, {"end": end}), arrive, sending)


def _arrive_line(deadline: date, last: date, arrival: date, today: date) -> Step:
    """The "arrive by" line; once the advised day has passed, the day that is left."""
    if last < today:
        # Only a weekend or holiday is left before the deadline: try anyway, today.
        return Step(StepCode.SUMMARY_ARRIVE_DEADLINE_ONLY, {"deadline": deadline})
    if arrival < today:
        # The business day before 24.12./31.12. has passed: the morning of that day is left.
        params: dict[str, Param] = {"day": last, "day_name": _year_end_name(last)}
        if last == deadline == today:
            return Step(StepCode.SUMMARY_ARRIVE_TODAY_MORNING, params)
        return Step(StepCode.SUMMARY_ARRIVE_MORNING, {**params, "deadline": deadline})
    if arrival != last:
        params = {
            "arrival": arrival,
            "day": last,
            "day_name": _year_end_name(last),
            "deadline": deadline,
        }
        return Step(StepCode.SUMMARY_ARRIVE_YEAR_END, params)
    if last != deadline:
        return Step(StepCode.SUMMARY_ARRIVE_BUSINESS_DAY, {"arrival": last, "deadline": deadline})
    return Step(StepCode.SUMMARY_ARRIVE, {"arrival": arrival})


def contract_end_for_notice(
    terms: ContractTerms, received: date, *, subdivision: str | None = None
) -> date | None:
    """The day the contract ends if notice reaches the provider on ``received``.

    For a fixed term (``ENDS``) that is the end of the term, or ``None`` once it is over.
    """
    if terms.after_minimum_term is AfterMinimumTerm.ENDS:
        assert terms.minimum_term is not None
        end = term_end(terms.start, terms.minimum_term)
        return end if end >= received else None
    return _earliest(segments(terms), received, Days(subdivision))[0]


def possible_ends(
    terms: ContractTerms, *, on_or_after: date, subdivision: str | None = None
) -> Iterator[tuple[date, date]]:
    """Every possible end from ``on_or_after`` on, ascending, with its receipt deadline.

    Infinite for contracts that need notice; a fixed term yields nothing (no notice).
    """
    if terms.after_minimum_term is AfterMinimumTerm.ENDS:
        return iter(())
    days = Days(subdivision)
    return heapq.merge(*(seg.all_from(on_or_after, days) for seg in segments(terms)))


def _earliest(segs: list[Segment], received: date, days: Days) -> tuple[date, date, Segment]:
    best: tuple[date, date, Segment] | None = None
    for seg in segs:
        found = seg.earliest(received, days)
        if found is not None and (best is None or found[0] < best[0]):
            best = (found[0], found[1], seg)
    assert best is not None  # the last segment is open-ended or an endless chain
    return best


@dataclass(frozen=True)
class _Missed:
    end: date
    deadline: date
    ends: object  # the source of the missed end (a renewal chain or the minimum term)


def _missed(segs: list[Segment], today: date, end: date, days: Days) -> _Missed | None:
    """The nearest term end on or after today, if its deadline has already passed.

    Only ends that close a term count (see :attr:`Ends.term_ends`): there, a passed
    deadline binds the business for another term. Recurring calendar ends never do.
    """
    nearest: _Missed | None = None
    for seg in segs:
        if not seg.ends.term_ends:
            continue
        candidate = seg.ends.first_on_or_after(today)
        if candidate is not None and (nearest is None or candidate < nearest.end):
            nearest = _Missed(candidate, seg.rule.deadline(candidate, days), seg.ends)
    if nearest is None or nearest.end >= end or nearest.deadline >= today:
        return None
    return nearest


def _missed_step(missed: _Missed, end: date) -> Step:
    params: dict[str, Param] = {
        "missed_end": missed.end,
        "missed_deadline": missed.deadline,
        "end": end,
    }
    if isinstance(missed.ends, TermChain):
        renewal: Period = missed.ends.renewal
        return Step(StepCode.MISSED, {**params, "period": renewal}, (Rule.BGB_130,))
    return Step(StepCode.MISSED_MINIMUM_TERM, params, (Rule.BGB_130,))


def _fixed_term(terms: ContractTerms, today: date) -> DeadlineResult:
    assert terms.minimum_term is not None
    end = term_end(terms.start, terms.minimum_term)
    steps = [
        Step(StepCode.START, {"start": terms.start}, (Rule.BGB_187_2,)),
        _minimum_term_step(terms),
    ]
    over = end < today
    code = StepCode.FIXED_TERM_ENDED if over else StepCode.FIXED_TERM
    steps.append(Step(code, {"end": end}, (Rule.CONTRACT,)))
    summary = (Step(code, {"end": end}),)
    return DeadlineResult(
        today=today,
        status=Status.ENDED if over else Status.FIXED_TERM,
        next_possible_end=None if over else end,
        receipt_deadline=None,
        last_business_day_for_receipt=None,
        recommended_arrival_date=None,
        recommended_send_date=None,
        days_until_receipt_deadline=None,
        missed_end=None,
        missed_deadline=None,
        explanation=Explanation(tuple(steps), summary),
    )


def _minimum_term_step(terms: ContractTerms) -> Step:
    assert terms.minimum_term is not None
    period = terms.minimum_term
    rules = period_rules(period, forward=True)[1:]
    if term_end_is_capped(terms.start, period):
        rules += (Rule.BGB_188_3,)
    end = term_end(terms.start, period)
    return Step(StepCode.MINIMUM_TERM, {"period": period, "end": end}, rules)


def _structure_steps(terms: ContractTerms, chosen: Segment, end: date) -> list[Step]:
    steps = [Step(StepCode.START, {"start": terms.start}, (Rule.BGB_187_2,))]
    if terms.minimum_term is not None:
        steps.append(_minimum_term_step(terms))
    ends = chosen.ends
    if isinstance(ends, TermChain):
        first, last = ends.term_containing_end(end)
        if first != terms.start:
            rules = (Rule.BGB_190, *period_rules(ends.renewal, forward=True)[1:])
            if term_end_is_capped(first, ends.renewal):
                rules += (Rule.BGB_188_3,)
            renewal: dict[str, Param] = {"period": ends.renewal, "term_start": first, "end": last}
            steps.append(Step(StepCode.RENEWAL, renewal, rules))
        return steps
    service = (Rule.BGB_620_2,) if terms.service_contract else (Rule.CONTRACT,)
    if terms.minimum_term is None:
        steps.append(Step(StepCode.OPEN_ENDED, {}, service))
    else:
        steps.append(Step(StepCode.OPEN_ENDED_AFTER_MINIMUM, {}, service))
        if terms.has_initial_notice:
            assert terms.notice_period is not None
            minimum_end = term_end(terms.start, terms.minimum_term)
            initial: dict[str, Param] = {"end": minimum_end, "period": terms.notice_period}
            steps.append(Step(StepCode.INITIAL_NOTICE, initial, (Rule.CONTRACT,)))
    if terms.uses_statutory_notice and not isinstance(ends, SingleEnd):
        assert terms.pay_period is not None
        pay: dict[str, Param] = {"pay": PAY_LABELS[terms.pay_period]}
        steps.append(Step(StepCode.STATUTORY, pay, (PAY_RULES[terms.pay_period],)))
    if isinstance(ends, SingleEnd):
        return steps  # INITIAL_NOTICE already names the only end
    calendar_anchor = isinstance(ends, AnchorEnds) and ends.anchor is not NoticeAnchor.ANY_DAY
    rules = (Rule.BGB_192,) if calendar_anchor else (Rule.CONTRACT,)
    steps.append(Step(StepCode.POSSIBLE_ENDS, {"anchor": ends.label}, rules))
    return steps


def _business_day_steps(deadline: date, last_business_day: date, days: Days) -> list[Step]:
    if deadline == last_business_day:
        name = STATE_NAMES.get(days.subdivision or "")
        region: Param = Msg(name) if name else f"DE-{days.subdivision}"
        if not days.subdivision:
            region = Msg(NATIONWIDE)
        return [Step(StepCode.BUSINESS_DAY, {"deadline": deadline, "region": region})]
    if days.is_holiday(deadline):
        kind = PUBLIC_HOLIDAY
    else:
        kind = SATURDAY if deadline.weekday() == 5 else SUNDAY
    return [
        Step(StepCode.NO_SHIFT, {"deadline": deadline, "day_kind": kind}, (Rule.NO_BGB_193,)),
        Step(StepCode.LAST_BUSINESS_DAY, {"last_business_day": last_business_day}, (Rule.BGB_130,)),
    ]
