"""The dates of an ordinary termination, as the wizard shows them.

The deadline engine (:mod:`vendorwatch.core.deadlines`) gives the end of the contract and the
last day on which the notice must be *received* (§ 130 BGB). A letter reaching a business on a
Saturday, Sunday or public holiday is generally taken as received on the next business day, so
the letter has to arrive by the engine's advised arrival day (the last business day for
receipt, the day before around 24.12. and 31.12.).

The **last posting day** lies ``postal_days`` *postal days* before that arrival day. The post
carries and delivers letters Monday to Saturday, so a postal day is every day except Sundays
and the public holidays of the federal state; the last posting day is itself such a day.
Example: arrival Monday 28.09.2026 with 1 postal day → Saturday 26.09.2026; with 2 → Friday
25.09.2026.

The deadline engine also recommends a send date: ``postal_days`` *business* days before the
arrival, a margin where the window holds a Saturday; the contract pages call everything after it
"too late for the post — deliver by hand or courier". Between that day and the last posting day
the plan says the same with one more fact (:attr:`PlanState.POST_NOW`): a letter posted today
at the latest may still arrive in time, a courier or a delivery in person is safer.

Once the last posting day has passed while the receipt deadline has not, the wizard says
"too late for the post": deliver by courier or by hand, or the contract runs until
``end_if_late`` — the end a notice received the day after the deadline reaches.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

from vendorwatch.core.deadlines import (
    ContractTerms,
    Status,
    compute_deadline,
    contract_end_for_notice,
)
from vendorwatch.core.deadlines.days import Days

_ONE = timedelta(days=1)


def is_postal_day(day: date, days: Days) -> bool:
    """Monday to Saturday and not a public holiday: a day on which the post delivers."""
    return days.is_werktag(day)


def last_posting_day(arrival: date, postal_days: int, days: Days) -> date:
    """The last day to hand a letter to the post so that it arrives on ``arrival``:
    ``postal_days`` postal days before it (0: the arrival day itself)."""
    if postal_days < 0:
        raise ValueError("postal_days cannot be negative")
    day = arrival
    for _ in range(postal_days):
        day -= _ONE
        while not is_postal_day(day, days):
            day -= _ONE
    return day


class PlanState(Enum):
    ON_TIME = "on_time"  # send it by the recommended day (the engine's, with a margin)
    # The recommended send date (business days, a margin) has passed, the last posting day
    # (postal days) has not: post it today at the latest — a courier is safer.
    POST_NOW = "post_now"
    TOO_LATE_FOR_POST = "too_late_for_post"  # courier or by hand today, or end_if_late
    ROLLED_OVER = "rolled_over"  # the deadline for an earlier end was missed
    NO_NOTICE_NEEDED = "no_notice_needed"  # a fixed term ends by itself
    ENDED = "ended"  # a fixed term that is over


@dataclass(frozen=True)
class PostalPlan:
    today: date
    state: PlanState
    contract_end: date | None
    receipt_deadline: date | None
    arrival: date | None  # the day the letter should arrive (a business day)
    last_posting_day: date | None
    postal_days: int
    # The deadline engine's advice: postal_days *business* days before the arrival (a margin).
    recommended_send_date: date | None
    # What a notice received one day after the deadline reaches (too late for the post).
    end_if_late: date | None
    missed_end: date | None  # ROLLED_OVER: the end whose deadline passed

    @property
    def days_until_receipt_deadline(self) -> int | None:
        if self.receipt_deadline is None:
            return None
        return (self.receipt_deadline - self.today).days

    @property
    def days_until_posting(self) -> int | None:
        if self.last_posting_day is None:
            return None
        return (self.last_posting_day - self.today).days

    @property
    def too_late_for_post(self) -> bool:
        return self.state is PlanState.TOO_LATE_FOR_POST


def ordinary_plan(
    terms: ContractTerms,
    today: date,
    *,
    subdivision: str | None = None,
    postal_days: int = 3,
) -> PostalPlan:
    """The dates of an ordinary termination of ``terms`` decided on ``today``."""
    result = compute_deadline(terms, today, subdivision=subdivision, postal_days=postal_days)
    if result.status in (Status.FIXED_TERM, Status.ENDED):
        state = (
            PlanState.NO_NOTICE_NEEDED if result.status is Status.FIXED_TERM else PlanState.ENDED
        )
        return PostalPlan(
            today, state, result.next_possible_end, None, None, None, postal_days, None, None, None
        )
    assert result.receipt_deadline is not None
    assert result.recommended_arrival_date is not None
    assert result.last_business_day_for_receipt is not None
    days = Days(subdivision)
    # Aim for the advised arrival; once its posting day has passed, for the last business day
    # on which receipt still counts (they differ only around 24.12. and 31.12.).
    arrival = result.recommended_arrival_date
    posting = last_posting_day(arrival, postal_days, days)
    if posting < today:
        arrival = result.last_business_day_for_receipt
        posting = last_posting_day(arrival, postal_days, days)
    end_if_late = contract_end_for_notice(
        terms, result.receipt_deadline + _ONE, subdivision=subdivision
    )
    recommended = result.recommended_send_date
    if posting < today:
        state = PlanState.TOO_LATE_FOR_POST
    elif recommended is not None and recommended < today:
        state = PlanState.POST_NOW
    elif result.missed_end is not None:
        state = PlanState.ROLLED_OVER
    else:
        state = PlanState.ON_TIME
    return PostalPlan(
        today=today,
        state=state,
        contract_end=result.next_possible_end,
        receipt_deadline=result.receipt_deadline,
        arrival=arrival,
        last_posting_day=posting,
        postal_days=postal_days,
        recommended_send_date=recommended,
        end_if_late=end_if_late,
        missed_end=result.missed_end,
    )
