"""The two conditions of a termination for cause (§ 314 BGB), as of a given day.

1. **Warning first** (§ 314 (2) BGB): where the cause is a breach of a contractual duty, the
   termination is allowed only after a deadline set to remedy it has passed without remedy,
   or after a warning (*Abmahnung*) — unless that is dispensable (§ 323 (2) BGB: the provider
   seriously and finally refused, or special circumstances justify ending at once). A breach
   remedied within the deadline gives no right to terminate for that reason.
2. **In reasonable time** (§ 314 (3) BGB): the notice must follow within a reasonable time
   after learning of the reason. The reason is complete when we learned of the facts, or,
   after a warning, when the deadline to remedy passed without remedy. For a service contract
   (§ 611 BGB) the law fixes this at two weeks (§ 626 (2) BGB), and the notice must be
   *received* within them. For other contracts the courts decide case by case; the engine
   advises the same two weeks as the safe limit and treats more than two months as probably
   too late. The day the period starts counts as the event (§ 187 (1) BGB): learned on Monday
   02.11.2026 → received by Monday 16.11.2026. The end is not moved off a weekend (the safe
   reading).

The answer for each is a :class:`Condition` with a state and the dates it rests on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

REASONABLE_TIME_SAFE = timedelta(days=14)
# Beyond about two months the courts have generally held a termination for cause too late.
REASONABLE_TIME_OUTER = timedelta(days=61)


class ConditionState(Enum):
    MET = "met"
    PENDING = "pending"  # not yet: wait for a date (the remedy deadline) or act by one
    NOT_MET = "not_met"  # something is missing (no warning sent, no date learned)
    AT_RISK = "at_risk"  # past the safe limit, within the outer one
    LATE = "late"  # past the limit: probably lost for this reason
    REMEDIED = "remedied"  # the provider remedied in time: no termination for this reason


@dataclass(frozen=True)
class CauseFacts:
    learned_on: date | None
    warning_dispensable: bool
    warning_sent_on: date | None  # when the warning letter was sent
    remedy_deadline: date | None
    remedied_on: date | None
    service_contract: bool  # § 626 (2) BGB: two weeks, fixed by law


@dataclass(frozen=True)
class Condition:
    state: ConditionState
    # The day it turns: the day the termination becomes possible (warning), or the last day
    # the notice must be received (reasonable time).
    day: date | None = None
    # Where the reasonable time starts (learning of the reason, or the remedy deadline).
    starts_on: date | None = None
    outer_day: date | None = None  # the outer limit (contracts other than service contracts)

    @property
    def met(self) -> bool:
        return self.state is ConditionState.MET


def warning_condition(facts: CauseFacts, today: date) -> Condition:
    """Has the deadline to remedy passed without remedy (or is a warning dispensable)?"""
    if facts.warning_dispensable:
        return Condition(ConditionState.MET)
    deadline = facts.remedy_deadline
    if remedied_in_time(facts):
        return Condition(ConditionState.REMEDIED, facts.remedied_on)
    if facts.warning_sent_on is None or deadline is None:
        return Condition(ConditionState.NOT_MET, deadline)
    if facts.warning_sent_on >= deadline:
        # A deadline that ends before the warning went out gave no time to remedy.
        return Condition(ConditionState.NOT_MET, deadline)
    if today <= deadline:
        # The termination is possible from the day after the deadline.
        return Condition(ConditionState.PENDING, deadline + timedelta(days=1))
    return Condition(ConditionState.MET, deadline + timedelta(days=1))


def remedied_in_time(facts: CauseFacts) -> bool:
    """The provider remedied the breach by the deadline: no termination for this reason."""
    if facts.warning_dispensable or facts.remedied_on is None:
        return False
    return facts.remedy_deadline is None or facts.remedied_on <= facts.remedy_deadline


def reason_complete_on(facts: CauseFacts) -> date | None:
    """The day the reasonable time starts: learning of the facts, or the remedy deadline."""
    if facts.warning_dispensable:
        return facts.learned_on
    deadline, sent = facts.remedy_deadline, facts.warning_sent_on
    if deadline is not None and sent is not None and sent < deadline:
        return deadline
    return None


def timeliness_condition(facts: CauseFacts, on: date) -> Condition:
    """Is a notice received on ``on`` (today, or the proven day of receipt) in reasonable time?"""
    if remedied_in_time(facts):
        return Condition(ConditionState.REMEDIED, facts.remedied_on)
    start = reason_complete_on(facts)
    if start is None:
        # Nothing to count from yet: the warning's deadline has to pass first.
        state = ConditionState.NOT_MET if facts.learned_on is None else ConditionState.PENDING
        return Condition(state)
    safe = start + REASONABLE_TIME_SAFE
    outer = None if facts.service_contract else start + REASONABLE_TIME_OUTER
    if on <= safe:
        return Condition(ConditionState.PENDING, safe, start, outer)
    if outer is not None and on <= outer:
        return Condition(ConditionState.AT_RISK, safe, start, outer)
    return Condition(ConditionState.LATE, safe, start, outer)
