"""The deadline engine's result as the pages, e-mails and the calendar show it.

Every page that shows deadlines goes through :func:`contract_deadline`: a stored record the
engine cannot compute (a start in the year 9999, a term of 9,999 years) is shown as "cannot
be computed – please check" and logged, and the other contracts are shown as usual.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import DatabaseError, transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from vendorwatch.contracts.models import Contract
from vendorwatch.contracts.models.contract import organisation_subdivision
from vendorwatch.core.deadlines import DeadlineResult, Status, format_date

logger = logging.getLogger(__name__)


def _day(value: date | None) -> str:
    return format_date(value) if value else "–"


def arrive_by_text(result: DeadlineResult) -> str:
    """The advised "arrive by" day, with the legal deadline next to it where they differ
    (before a weekend, 24.12. or 31.12.): the advice and its reason never contradict."""
    if not result.arrive_by_differs:
        return _day(result.arrive_by)
    assert result.arrive_by is not None and result.receipt_deadline is not None
    legal = result.receipt_deadline
    short = legal.year == result.arrive_by.year
    return _("%(arrive)s (legal deadline %(legal)s)") % {
        "arrive": _day(result.arrive_by),
        "legal": legal.strftime("%d.%m.") if short else format_date(legal),
    }


def status_text(result: DeadlineResult) -> str:
    """The state the user must act on, in one line; "possible until" is the advice."""
    values = {
        "deadline": arrive_by_text(result),
        "end": _day(result.next_possible_end),
        "missed": _day(result.missed_end),
    }
    if result.status is Status.ON_TIME:
        days = result.days_until_arrive_by or 0
        return ngettext(
            "notice possible until %(deadline)s for the end %(end)s – %(days)s day left",
            "notice possible until %(deadline)s for the end %(end)s – %(days)s days left",
            days,
        ) % {**values, "days": days}
    if result.status is Status.TOO_LATE_FOR_POST:
        return (
            _(
                "too late for the post – deliver by hand or courier today (notice possible"
                " until %(deadline)s for the end %(end)s)"
            )
            % values
        )
    if result.status is Status.MISSED_ROLLED_OVER:
        return (
            _(
                "deadline for the end %(missed)s missed – earliest end now %(end)s, notice"
                " possible until %(deadline)s"
            )
            % values
        )
    if result.status is Status.FIXED_TERM:
        return _("fixed term – ends on %(end)s without notice") % values
    return _("ended")


STATUS_CLASS = {
    Status.ON_TIME: "status-ok",
    Status.TOO_LATE_FOR_POST: "status-urgent",
    Status.MISSED_ROLLED_OVER: "status-missed",
    Status.FIXED_TERM: "status-ok",
    Status.ENDED: "status-ended",
}


def cannot_compute_text() -> str:
    return _("cannot be computed — please check")


@dataclass(frozen=True)
class ContractDeadline:
    """One contract's deadline as a page shows it. ``failed``: the stored terms cannot be
    computed (see the module docstring); ``result`` is ``None`` then, as it is for terms
    that are incomplete."""

    contract: Contract
    result: DeadlineResult | None
    failed: bool = False

    @property
    def status_text(self) -> str:
        if self.failed:
            return cannot_compute_text()
        return status_text(self.result) if self.result else _("notice terms incomplete")

    @property
    def status_class(self) -> str:
        if self.failed:
            return "status-error"
        return STATUS_CLASS[self.result.status] if self.result else "status-missed"

    @property
    def summary(self) -> list[str]:
        return self.result.explanation.render_summary(_) if self.result else []

    @property
    def explanation(self) -> list[str]:
        return self.result.explanation.render(_) if self.result else []

    @property
    def arrive_by_text(self) -> str:
        return arrive_by_text(self.result) if self.result else "–"

    @property
    def dates_text(self) -> str:
        """Send by, receipt and end in one line (the dashboard lists many: plain Python is
        several times faster than the same sentence built in the template)."""
        if self.result is None:
            return ""
        return _("send by %(send)s, must be received by %(receipt)s, contract end %(end)s") % {
            "send": _day(self.result.recommended_send_date),
            "receipt": self.arrive_by_text,
            "end": _day(self.result.next_possible_end),
        }

    @property
    def too_late_for_post(self) -> bool:
        return self.result is not None and self.result.status is Status.TOO_LATE_FOR_POST


def contract_deadline(
    contract: Contract, today: date, subdivision: str | None = None, *, lookup: bool = True
) -> ContractDeadline:
    """The deadline of one contract; never raises for the contract's own values.

    ``lookup``: read the federal state from the organisation when ``subdivision`` is not
    given (lists read it once and pass ``lookup=False``).
    """
    if subdivision is None and lookup:
        subdivision = organisation_subdivision()
    try:
        return ContractDeadline(contract, contract.deadline_in(today, subdivision))
    except Exception:  # any stored value the engine cannot compute: this record only
        logger.exception(
            "contract %s (%r): notice deadline cannot be computed as of %s",
            contract.pk,
            contract.title,
            today,
        )
        return ContractDeadline(contract, None, failed=True)


def contract_deadlines(contracts: list[Contract], today: date) -> list[ContractDeadline]:
    """Deadlines of several contracts, reading the federal state once."""
    subdivision = organisation_subdivision()
    return [contract_deadline(c, today, subdivision, lookup=False) for c in contracts]


# A stored send date may be off by a few days when the federal state (its holidays) changed
# since it was computed: contracts this close to the window are computed anyway.
STORED_DATE_MARGIN = timedelta(days=14)


def notice_still_to_send() -> Q:
    """Contracts whose notice has not gone out yet: once a termination's notice is sent, its
    receipt is followed up there (step 6), and "send by" reminders would only confuse."""
    return ~Q(terminations__status__in=("sent", "received"))


def contracts_sending_by(day: date, today: date) -> QuerySet[Contract]:
    """The contracts whose recommended send date may fall on or before ``day`` as seen on
    ``today``: a superset, found by the stored send dates without computing a deadline.

    The next possible end, and so the send date, stays the same until its receipt deadline
    has passed; a contract whose send date has passed is in the set, so it is computed
    again (too late for the post, or rolled over to a later end).
    """
    return Contract.objects.filter(
        Q(send_date_checked_on__isnull=True)
        | Q(send_date_checked_on__gt=today)  # computed for a later day (a clock set back)
        | Q(known_send_date__isnull=True)
        | Q(known_send_date__lte=day + STORED_DATE_MARGIN)
    )


def _send_date(row: ContractDeadline) -> date | None:
    if row.failed:
        return None
    if row.result is None or row.result.recommended_send_date is None:
        return date.max  # incomplete terms or a fixed term: no notice to send
    return row.result.recommended_send_date


def remember_send_dates(rows: Iterable[ContractDeadline], today: date) -> None:
    """Store the send dates just computed where they changed, for :func:`contracts_sending_by`.

    Each row is written only if the contract was not saved meanwhile (its terms may have
    changed); a write that fails (a busy database) only means computing it again next time.
    """
    changed = []
    for row in rows:
        contract, known = row.contract, _send_date(row)
        checked = contract.send_date_checked_on
        if checked is None or checked > today or contract.known_send_date != known:
            changed.append((contract, known))
    if not changed:
        return
    try:
        with transaction.atomic():
            for contract, known in changed:
                Contract.objects.filter(pk=contract.pk, updated_at=contract.updated_at).update(
                    known_send_date=known, send_date_checked_on=today
                )
    except DatabaseError:
        logger.warning(
            "send dates of %d contracts not stored, computed again next time", len(changed)
        )
