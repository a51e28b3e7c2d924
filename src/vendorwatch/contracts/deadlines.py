"""The deadline engine's result as the pages, e-mails and the calendar show it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from vendorwatch.contracts.models import Contract
from vendorwatch.contracts.models.contract import organisation_subdivision
from vendorwatch.core.deadlines import DeadlineResult, Status, format_date


def status_text(result: DeadlineResult) -> str:
    if result.status is Status.ON_TIME:
        return _("on time")
    if result.status is Status.TOO_LATE_FOR_POST:
        return _("too late for the post – deliver by hand or courier today")
    end = format_date(result.next_possible_end) if result.next_possible_end else "–"
    if result.status is Status.MISSED_ROLLED_OVER:
        return _("deadline missed – next contract end %(end)s") % {"end": end}
    if result.status is Status.FIXED_TERM:
        return _("fixed term – ends on %(end)s without notice") % {"end": end}
    return _("ended")


STATUS_CLASS = {
    Status.ON_TIME: "status-ok",
    Status.TOO_LATE_FOR_POST: "status-urgent",
    Status.MISSED_ROLLED_OVER: "status-missed",
    Status.FIXED_TERM: "status-ok",
    Status.ENDED: "status-ended",
}


@dataclass(frozen=True)
class ContractDeadline:
    contract: Contract
    result: DeadlineResult | None

    @property
    def status_text(self) -> str:
        return status_text(self.result) if self.result else _("notice terms incomplete")

    @property
    def status_class(self) -> str:
        return STATUS_CLASS[self.result.status] if self.result else "status-missed"

    @property
    def explanation(self) -> list[str]:
        return self.result.explanation.render(_) if self.result else []

    @property
    def too_late_for_post(self) -> bool:
        return self.result is not None and self.result.status is Status.TOO_LATE_FOR_POST


def contract_deadlines(contracts: list[Contract], today: date) -> list[ContractDeadline]:
    """Deadlines of several contracts, reading the federal state once."""
    subdivision = organisation_subdivision()
    return [ContractDeadline(c, c.deadline(today, subdivision)) for c in contracts]
