"""The deadline engine: next possible end, receipt deadline, send date, status.

For a contract and a day "today" (:func:`compute_deadline`):

1. The possible ends of the contract are the ends of its terms (renewing contract), or the
   ends its notice rule allows from the end of the minimum term on (open-ended contract).
2. For each end, the receipt deadline is the latest day on which the notice may *reach* the
   provider (§ 130 Abs. 1 BGB — receipt counts, not sending), computed backwards with
   §§ 187–189 BGB (see :mod:`.periods`) or by the Werktag / § 621 BGB rule.
3. The next possible end is the earliest end whose deadline is today or later. If the
   deadline for the nearest end has passed, the result rolls over to that next end and says
   so (``MISSED_ROLLED_OVER``; not for contracts that can end on any day).
4. The deadline is never moved to a working day: § 193 BGB does not apply to notice periods
   (BGH, 17.02.2005, III ZR 172/04). Separately, the *last business day for receipt* is the
   last Monday-to-Friday non-holiday on or before it — a letter delivered to a business on a
   weekend or holiday is generally deemed received only on the next business day.
5. The recommended send date lies ``postal_days`` business days before that day (Deutsche
   Post's E+1 is a target, not a promise; the default of 3 leaves a margin).
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
    NATIONWIDE,
    PUBLIC_HOLIDAY,
    SATURDAY,
    SUNDAY,
    Explanation,
    Msg,
    Param,
    Rule,
    Step,
    StepCode,
)
from .periods import term_end, term_end_is_capped
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
    recommended_send_date: date | None
    days_until_receipt_deadline: int | None
    missed_end: date | None
    missed_deadline: date | None
    explanation: Explanation


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
    send = days.business_days_before(last_business_day, postal_days)
    if send < today:
        status = Status.TOO_LATE_FOR_POST
    elif missed is not None:
        status = Status.MISSED_ROLLED_OVER
    else:
        status = Status.ON_TIME
    steps = _structure_steps(terms, chosen, end)
    if missed is not None:
        params = {"missed_end": missed[0], "missed_deadline": missed[1]}
        steps.append(Step(StepCode.MISSED, params, (Rule.BGB_130,)))
    steps.append(Step(StepCode.NEXT_END, {"end": end}))
    steps += chosen.rule.steps(end, deadline, days)
    steps.append(Step(StepCode.RECEIPT, {}, (Rule.BGB_130,)))
    steps += _business_day_steps(deadline, last_business_day, days)
    steps.append(Step(StepCode.SEND_DATE, {"postal_days": postal_days, "send_date": send}))
    if status is Status.TOO_LATE_FOR_POST:
        params = {"send_date": send, "deadline": deadline}
        steps.append(Step(StepCode.TOO_LATE_FOR_POST, params, (Rule.BGB_130,)))
    else:
        steps.append(Step(StepCode.DAYS_LEFT, {"days": (deadline - today).days}))
    return DeadlineResult(
        today=today,
        status=status,
        next_possible_end=end,
        receipt_deadline=deadline,
        last_business_day_for_receipt=last_business_day,
        recommended_send_date=send,
        days_until_receipt_deadline=(deadline - today).days,
        missed_end=None if missed is None else missed[0],
        missed_deadline=None if missed is None else missed[1],
        explanation=Explanation(tuple(steps)),
    )


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


def _missed(segs: list[Segment], today: date, end: date, days: Days) -> tuple[date, date] | None:
    """The nearest end on or after today, if its deadline has already passed."""
    nearest: tuple[date, date] | None = None
    for seg in segs:
        if seg.ends.every_day:
            continue
        candidate = seg.ends.first_on_or_after(today)
        if candidate is not None and (nearest is None or candidate < nearest[0]):
            nearest = (candidate, seg.rule.deadline(candidate, days))
    if nearest is None or nearest[0] >= end:
        return None
    return nearest


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
    return DeadlineResult(
        today=today,
        status=Status.ENDED if over else Status.FIXED_TERM,
        next_possible_end=None if over else end,
        receipt_deadline=None,
        last_business_day_for_receipt=None,
        recommended_send_date=None,
        days_until_receipt_deadline=None,
        missed_end=None,
        missed_deadline=None,
        explanation=Explanation(tuple(steps)),
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
        region = f"DE-{days.subdivision}" if days.subdivision else Msg(NATIONWIDE)
        return [Step(StepCode.BUSINESS_DAY, {"deadline": deadline, "region": region})]
    if days.is_holiday(deadline):
        kind = PUBLIC_HOLIDAY
    else:
        kind = SATURDAY if deadline.weekday() == 5 else SUNDAY
    return [
        Step(StepCode.NO_SHIFT, {"deadline": deadline, "day_kind": kind}, (Rule.NO_BGB_193,)),
        Step(StepCode.LAST_BUSINESS_DAY, {"last_business_day": last_business_day}, (Rule.BGB_130,)),
    ]
