"""The dates and states of a termination, for every page, letter, reminder and export.

Everything here is derived on each look from the contract's terms and what was recorded (the
dispatches and the proven receipt), by the pure engines :mod:`vendorwatch.core.deadlines` and
:mod:`vendorwatch.core.termination`:

- :func:`termination_plan`: the end of the contract, the receipt deadline and the last day to
  post the notice (ordinary), or the two conditions of § 314 BGB (for cause).
- :func:`receipt_status`: has the notice arrived, in time or late, or is receipt not yet proven
  and how many days are left.
- :func:`termination_start` and :func:`termination_withdraw`: the workflow's two ends.

A stored record the engines cannot compute (a contract starting in the year 9999) gives a
plan with ``computable=False`` and is logged; no page fails on it.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any

from django.db import transaction
from django.utils import timezone

from vendorwatch.contracts.models import Contract
from vendorwatch.contracts.models.contract import organisation_subdivision
from vendorwatch.core import deadlines as dl
from vendorwatch.core import termination as te
from vendorwatch.termination.models import Dispatch, Letter, Termination

logger = logging.getLogger(__name__)

# What the engines may raise for stored values they cannot compute (dates beyond 9999).
ENGINE_ERRORS = (OverflowError, ValueError, dl.TermsError)


def local_today() -> date:
    return timezone.localdate()


def started_on(termination: Termination) -> date:
    """The local day the termination was started (the dates of an ordinary one aim at the
    end that was reachable then)."""
    if termination.created_at is None:
        return local_today()
    return timezone.localdate(termination.created_at)


@dataclass(frozen=True)
class TerminationPlan:
    termination: Termination
    today: date
    computable: bool
    # The day the contract is to end: ordinary — the end aimed at (or, once the notice is
    # proven received, the end that receipt reaches); for cause — the chosen day.
    contract_end: date | None
    # Ordinary termination.
    postal: te.PostalPlan | None = None
    # Termination for cause.
    warning: te.Condition | None = None
    timeliness: te.Condition | None = None
    terms_missing: bool = False  # the contract's notice terms are incomplete
    # Ordinary: the receipt deadline passed and no receipt is proven; a notice received
    # today would end the contract on ``end_if_received_today``.
    deadline_passed: bool = False
    end_if_received_today: date | None = None

    @property
    def receipt_deadline(self) -> date | None:
        if self.postal is not None:
            return self.postal.receipt_deadline
        if self.timeliness is not None:
            return self.timeliness.day
        return None


def _subdivision() -> str | None:
    return organisation_subdivision()


def ordinary_postal_plan(contract: Contract, on: date) -> te.PostalPlan | None:
    """The engine's plan for an ordinary notice decided on ``on``; ``None``: terms incomplete.
    Raises :data:`ENGINE_ERRORS` for values it cannot compute."""
    try:
        terms = contract.to_terms()
    except dl.TermsError:
        return None
    return te.ordinary_plan(terms, on, subdivision=_subdivision(), postal_days=contract.postal_days)


def cause_facts(termination: Termination) -> te.CauseFacts:
    warning_sent = _first_sent(termination, Letter.Kind.WARNING)
    return te.CauseFacts(
        learned_on=termination.learned_on,
        warning_dispensable=termination.warning_dispensable,
        warning_sent_on=warning_sent,
        remedy_deadline=termination.remedy_deadline,
        remedied_on=termination.remedied_on,
        service_contract=termination.contract.service_contract,
    )


def _dispatches(termination: Termination, kind: str) -> list[Dispatch]:
    """The dispatches of ``termination``'s letters of ``kind``, oldest first (uses a
    prefetched ``letters__dispatches`` where the caller made one)."""
    found = [
        dispatch
        for letter in termination.letters.all()
        if letter.kind == kind
        for dispatch in letter.dispatches.all()
    ]
    return sorted(found, key=lambda d: (d.sent_on, d.pk))


def _first_sent(termination: Termination, kind: str) -> date | None:
    sent = [d.sent_on for d in _dispatches(termination, kind)]
    return min(sent) if sent else None


def notice_received_on(termination: Termination) -> date | None:
    """The earliest proven receipt of the notice (the termination letter)."""
    received = [
        d.received_on
        for d in _dispatches(termination, Letter.Kind.TERMINATION)
        if d.received_on is not None
    ]
    return min(received) if received else None


def termination_plan(termination: Termination, today: date | None = None) -> TerminationPlan:
    today = today or local_today()
    try:
        return _plan(termination, today)
    except ENGINE_ERRORS:
        logger.warning("termination %s: dates cannot be computed", termination.pk, exc_info=True)
        return TerminationPlan(termination, today, computable=False, contract_end=None)


def _plan(termination: Termination, today: date) -> TerminationPlan:
    contract = termination.contract
    if termination.is_for_cause:
        facts = cause_facts(termination)
        received = notice_received_on(termination)
        return TerminationPlan(
            termination,
            today,
            computable=True,
            contract_end=termination.effective_date or received,
            # Once the notice arrived, what counts is how things stood on that day.
            warning=te.warning_condition(facts, received or today),
            timeliness=te.timeliness_condition(facts, received or today),
        )
    # Ordinary: the end that was reachable when the termination was started; as long as its
    # deadline has not passed, today's plan is the same plan seen later.
    start = min(started_on(termination), today)
    intended = ordinary_postal_plan(contract, start)
    if intended is None:
        return TerminationPlan(
            termination, today, computable=True, contract_end=None, terms_missing=True
        )
    received = notice_received_on(termination)
    terms = contract.to_terms()
    postal = dataclasses.replace(intended, today=today)
    deadline = intended.receipt_deadline
    if deadline is not None and today <= deadline:
        # The same deadline seen today (today's state: still time for the post or not).
        current = ordinary_postal_plan(contract, today)
        if current is not None and current.contract_end == intended.contract_end:
            postal = current
    end = intended.contract_end
    if received is not None:
        end = dl.contract_end_for_notice(terms, received, subdivision=_subdivision())
    passed = received is None and deadline is not None and today > deadline
    end_if_today = None
    if passed:
        # The deadline passed unproven: the earliest end now is what a notice received today
        # reaches — due dates and letters follow it until a receipt in time is proven.
        end_if_today = dl.contract_end_for_notice(terms, today, subdivision=_subdivision())
        end = end_if_today
    return TerminationPlan(
        termination,
        today,
        computable=True,
        contract_end=end,
        postal=postal,
        deadline_passed=passed,
        end_if_received_today=end_if_today,
    )


class ReceiptState(Enum):
    NOT_SENT = "not_sent"  # no notice sent yet
    NOT_PROVEN = "not_proven"  # sent, receipt not yet proven
    IN_TIME = "in_time"
    LATE = "late"
    # For cause: received before the warning's deadline passed, or with no warning at all.
    PREMATURE = "premature"
    UNKNOWN = "unknown"  # the dates cannot be computed


@dataclass(frozen=True)
class Receipt:
    state: ReceiptState
    received_on: date | None
    deadline: date | None  # the last day the notice must be received
    days_left: int | None  # until the deadline (negative: passed)
    contract_end: date | None  # the end the proven receipt reaches (or aimed at)
    sent_on: date | None

    @property
    def needs_reminder(self) -> bool:
        return self.state in (ReceiptState.NOT_SENT, ReceiptState.NOT_PROVEN)


def receipt_status(termination: Termination, today: date | None = None) -> Receipt:
    """Has the notice arrived — in time or late —, or how long is left to prove it?"""
    plan = termination_plan(termination, today)
    sent = _first_sent(termination, Letter.Kind.TERMINATION)
    received = notice_received_on(termination)
    deadline = plan.receipt_deadline
    days_left = None if deadline is None else (deadline - plan.today).days
    if not plan.computable:
        state = ReceiptState.UNKNOWN
    elif received is not None and _premature(plan):
        state = ReceiptState.PREMATURE
    elif received is not None:
        state = ReceiptState.IN_TIME if _in_time(plan, received) else ReceiptState.LATE
    elif sent is None:
        state = ReceiptState.NOT_SENT
    else:
        state = ReceiptState.NOT_PROVEN
    return Receipt(state, received, deadline, days_left, plan.contract_end, sent)


def _premature(plan: TerminationPlan) -> bool:
    """A notice for cause that arrived before a warning's deadline had passed (or with no
    warning where one was needed): on that day the termination was not yet allowed."""
    return plan.warning is not None and not plan.warning.met


def _in_time(plan: TerminationPlan, received: date) -> bool:
    if plan.timeliness is not None:
        return plan.timeliness.state is not te.ConditionState.LATE
    return plan.receipt_deadline is not None and received <= plan.receipt_deadline


def active_termination(contract: Contract) -> Termination | None:
    return contract.terminations.exclude(status=Termination.Status.WITHDRAWN).first()


@transaction.atomic
def termination_start(*, contract: Contract, kind: str, user: Any) -> Termination:
    """Start a termination of ``contract`` and generate its exit checklist. Raises
    ``IntegrityError`` when one is already in progress (the caller shows it instead)."""
    from vendorwatch.termination.checklist import checklist_generate

    termination = Termination.objects.create(
        contract=contract, kind=kind, created_by=user if user and user.is_authenticated else None
    )
    checklist_generate(termination)
    return termination


def termination_withdraw(*, termination: Termination) -> None:
    termination.status = Termination.Status.WITHDRAWN
    termination.save(update_fields=["status", "updated_at"])


def termination_refresh_status(termination: Termination) -> None:
    """Set the stored status from the dispatches (after one is recorded or changed)."""
    if termination.status == Termination.Status.WITHDRAWN:
        return
    if notice_received_on(termination) is not None:
        status = Termination.Status.RECEIVED
    elif _first_sent(termination, Letter.Kind.TERMINATION) is not None:
        status = Termination.Status.SENT
    else:
        status = Termination.Status.PREPARING
    if status != termination.status:
        termination.status = status
        termination.save(update_fields=["status", "updated_at"])
