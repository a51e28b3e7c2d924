"""The terminations panel of the dashboard: each termination in progress with the next thing
to act on — the day to post the notice, the proof of receipt still missing, exit tasks overdue.

No termination in progress: no panel (nothing is wrong). A date is shown in bold only where
something is at stake: too late for the post, a deadline passed, receipt close to its deadline
and not proven, tasks overdue.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from vendorwatch.contracts.deadlines import cannot_compute_text
from vendorwatch.core import termination as te
from vendorwatch.core.deadlines import format_date
from vendorwatch.termination import services
from vendorwatch.termination.models import Termination
from vendorwatch.web.dashboard import panel

# Each list on the dashboard shows the most pressing entries; the rest is one link away.
SHOWN = 10
# Days ahead from which a date to post or a deadline for receipt is shown as pressing.
PRESSING_DAYS = 7


def task_counts(termination: Termination, contract_end: date | None, today: date) -> dict[str, Any]:
    """Open, done and overdue exit tasks, and the next open due date (uses a prefetched
    ``exit_tasks`` where the caller made one)."""
    tasks = list(termination.exit_tasks.all())
    open_due = [task.due_date(contract_end) for task in tasks if task.done_on is None]
    done = len(tasks) - len(open_due)
    upcoming = [day for day in open_due if day is not None and day >= today]
    return {
        "total": len(tasks),
        "done": done,
        "open": len(open_due),
        "overdue": sum(day is not None and day < today for day in open_due),
        "next_due": min(upcoming) if upcoming else None,
    }


@dataclass
class PanelRow:
    termination: Termination
    items: list[tuple[str, bool]] = field(default_factory=list)  # (text, pressing)
    day: date | None = None

    def add(self, text: str, pressing: bool = False, day: date | None = None) -> None:
        self.items.append((text, pressing))
        if day is not None and (self.day is None or day < self.day):
            self.day = day

    @property
    def pressing(self) -> bool:
        return any(pressing for _text, pressing in self.items)


def _day(value: date | None) -> str:
    return format_date(value) if value else "–"


def _ordinary_step(
    row: PanelRow, plan: services.TerminationPlan, receipt: services.Receipt
) -> None:
    postal = plan.postal
    if plan.terms_missing or postal is None:
        row.add(_("notice terms incomplete – please complete the contract"), True)
        return
    if plan.deadline_passed:
        text = _(
            "deadline %(deadline)s passed without proven receipt – a notice received today "
            "ends the contract on %(end)s"
        )
        row.add(
            text
            % {"deadline": _day(postal.receipt_deadline), "end": _day(plan.end_if_received_today)},
            True,
        )
        return
    if receipt.state is services.ReceiptState.NOT_PROVEN:
        _not_proven(row, receipt)
        return
    if postal.state is te.PlanState.NO_NOTICE_NEEDED:
        row.add(
            _("fixed term – ends on %(end)s without notice") % {"end": _day(postal.contract_end)}
        )
    elif postal.state is te.PlanState.ENDED:
        row.add(_("the contract has ended"))
    elif postal.too_late_for_post:
        text = _(
            "too late for the post – deliver by courier or in person today (must be received "
            "by %(arrive)s)"
        )
        row.add(text % {"arrive": _day(postal.arrival)}, True, postal.arrival)
    else:
        text = _(
            "post the notice by %(post)s (must be received by %(arrive)s, contract end %(end)s)"
        )
        values = {
            "post": _day(postal.last_posting_day),
            "arrive": _day(postal.arrival),
            "end": _day(postal.contract_end),
        }
        days = postal.days_until_posting
        row.add(text % values, days is not None and days <= PRESSING_DAYS, postal.last_posting_day)


def _not_proven(row: PanelRow, receipt: services.Receipt) -> None:
    days = receipt.days_left or 0
    if days < 0:
        text = _("sent on %(sent)s, receipt not proven – the deadline %(deadline)s has passed")
        passed = {"sent": _day(receipt.sent_on), "deadline": _day(receipt.deadline)}
        row.add(text % passed, True, receipt.deadline)
        return
    text = ngettext(
        "sent on %(sent)s, receipt not yet proven – %(days)s day left until %(deadline)s",
        "sent on %(sent)s, receipt not yet proven – %(days)s days left until %(deadline)s",
        days,
    )
    values = {"sent": _day(receipt.sent_on), "days": days, "deadline": _day(receipt.deadline)}
    row.add(text % values, days <= PRESSING_DAYS, receipt.deadline)


def _cause_step(row: PanelRow, plan: services.TerminationPlan, receipt: services.Receipt) -> None:
    warning, timeliness = plan.warning, plan.timeliness
    assert warning is not None and timeliness is not None
    if warning.state is te.ConditionState.REMEDIED:
        row.add(
            _("remedied on %(day)s – no termination for this reason") % {"day": _day(warning.day)}
        )
    elif timeliness.state is te.ConditionState.LATE:
        text = _("probably too late for a termination for cause (reasonable time ended on %(day)s)")
        row.add(text % {"day": _day(timeliness.outer_day or timeliness.day)}, True)
    elif warning.state is te.ConditionState.PENDING:
        text = _(
            "deadline to remedy runs until %(day)s – then the notice must be received by %(end)s"
        )
        values = {"day": _day(row.termination.remedy_deadline), "end": _day(timeliness.day)}
        row.add(text % values, day=row.termination.remedy_deadline)
    elif timeliness.day is not None:
        if receipt.state is services.ReceiptState.NOT_PROVEN:
            _not_proven(row, receipt)
            return
        at_risk = timeliness.state is te.ConditionState.AT_RISK
        days = (timeliness.day - plan.today).days
        text = _("the notice must be received by %(day)s")
        row.add(
            text % {"day": _day(timeliness.day)},
            at_risk or days <= PRESSING_DAYS,
            timeliness.day,
        )
    elif warning.state is te.ConditionState.NOT_MET:
        row.add(_("send a warning letter with a deadline to remedy first"))
    else:
        row.add(_("record when you learned of the reason"))


def _tasks_step(row: PanelRow, counts: dict[str, Any], contract_end: date | None) -> None:
    if counts["overdue"]:
        text = ngettext(
            "%(count)s exit task overdue", "%(count)s exit tasks overdue", counts["overdue"]
        )
        row.add(text % {"count": counts["overdue"]}, True)
    elif not row.items and counts["next_due"] is not None:
        text = _("next exit task due on %(day)s")
        row.add(text % {"day": _day(counts["next_due"])}, day=counts["next_due"])
    elif not row.items and contract_end is not None:
        row.add(_("contract ends on %(day)s") % {"day": _day(contract_end)})


def panel_row(termination: Termination, today: date) -> PanelRow | None:
    """What to act on next for one termination in progress; ``None`` once it is finished
    (receipt proven, the contract ended, no exit task open)."""
    row = PanelRow(termination)
    plan = services.termination_plan(termination, today)
    if not plan.computable:
        row.add(cannot_compute_text(), True)
        return row
    receipt = services.receipt_status(termination, today)
    if receipt.needs_reminder:
        if termination.is_for_cause:
            _cause_step(row, plan, receipt)
        else:
            _ordinary_step(row, plan, receipt)
    elif receipt.state is services.ReceiptState.PREMATURE:
        text = _("notice received on %(day)s, before the warning's deadline had passed")
        row.add(text % {"day": _day(receipt.received_on)}, True)
    elif receipt.state is services.ReceiptState.LATE:
        text = _("notice received late, on %(day)s – the contract ends on %(end)s")
        row.add(text % {"day": _day(receipt.received_on), "end": _day(plan.contract_end)}, True)
    counts = task_counts(termination, plan.contract_end, today)
    end = plan.contract_end
    if receipt.received_on is not None and end is not None and end < today and not counts["open"]:
        return None
    _tasks_step(row, counts, end)
    return row


@panel("termination/_dashboard_panel.html", order=35)
def termination_panel(request: HttpRequest) -> dict[str, Any] | None:
    if not request.user.has_perm("termination.view_termination"):
        return None
    today = services.local_today()
    running = (
        Termination.objects.exclude(status=Termination.Status.WITHDRAWN)
        .select_related("contract__provider")
        .prefetch_related("letters__dispatches", "exit_tasks")
    )
    rows = [row for termination in running if (row := panel_row(termination, today))]
    if not rows:
        return None
    rows.sort(key=lambda row: (not row.pressing, row.day or date.max, row.termination.pk))
    return {"rows": rows[:SHOWN], "more": max(0, len(rows) - SHOWN)}
