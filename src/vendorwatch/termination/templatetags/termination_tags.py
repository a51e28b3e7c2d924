"""Template tags of step 6: the receipt line that leads with the answer, the letters with how
each was sent and its proof, and the termination box on the contract's page."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django import template
from django.db.models import Prefetch
from django.utils.translation import gettext, ngettext

from vendorwatch.contracts.models import Contract
from vendorwatch.core.termination.form import Channel, RequiredForm, form_check
from vendorwatch.termination import services
from vendorwatch.termination.dispatch_forms import end_note
from vendorwatch.termination.models import Dispatch, Letter, Termination, TerminationFile
from vendorwatch.termination.services import Receipt, ReceiptState

register = template.Library()

# From this many days before the deadline on, an unproven receipt is shown in amber.
FEW_DAYS = 7


@dataclass(frozen=True)
class ReceiptLine:
    text: str
    # The message class: success (in time), warning (few days left), error (late or passed),
    # "" (time enough).
    tone: str


def _day(value: date) -> str:
    return f"{value:%d.%m.%Y}"


def _with_time_left(lead: str, receipt: Receipt) -> str:
    """ "Receipt not yet proven — 5 days left until the deadline on 30.09.2026", or that the
    deadline is today or passed."""
    if receipt.deadline is None or receipt.days_left is None:
        return lead
    days = receipt.days_left
    values = {"lead": lead, "days": abs(days), "deadline": _day(receipt.deadline)}
    if days > 0:
        return (
            ngettext(
                "%(lead)s — %(days)d day left until the deadline on %(deadline)s",
                "%(lead)s — %(days)d days left until the deadline on %(deadline)s",
                days,
            )
            % values
        )
    if days == 0:
        return gettext("%(lead)s — the deadline is today, %(deadline)s") % values
    return (
        ngettext(
            "%(lead)s — the deadline on %(deadline)s passed %(days)d day ago",
            "%(lead)s — the deadline on %(deadline)s passed %(days)d days ago",
            -days,
        )
        % values
    )


def _open_tone(receipt: Receipt) -> str:
    if receipt.days_left is None:
        return "message-warning"
    if receipt.days_left < 0:
        return "message-error"
    return "message-warning" if receipt.days_left <= FEW_DAYS else ""


def _received(receipt: Receipt, termination: Termination) -> ReceiptLine:
    assert receipt.received_on is not None
    values = {
        "received": _day(receipt.received_on),
        "deadline": _day(receipt.deadline) if receipt.deadline else "",
        "end": _day(receipt.contract_end) if receipt.contract_end else "",
    }
    if receipt.state is ReceiptState.IN_TIME:
        if receipt.deadline is not None:
            text = gettext("Notice received on %(received)s — in time (deadline %(deadline)s).")
        else:
            text = gettext("Notice received on %(received)s — in time.")
        if receipt.contract_end is not None:
            text += " " + gettext("The contract ends on %(end)s.")
        return ReceiptLine(text % values, "message-success")
    if termination.is_for_cause:
        text = gettext(
            "Notice received on %(received)s — late (deadline %(deadline)s): the termination "
            "for cause is probably too late for this reason."
        )
    elif receipt.contract_end is not None:
        text = gettext(
            "Notice received on %(received)s — late (deadline %(deadline)s): the contract "
            "runs until %(end)s."
        )
    else:
        text = gettext("Notice received on %(received)s — late (deadline %(deadline)s).")
    return ReceiptLine(text % values, "message-error")


@register.simple_tag
def receipt_line(receipt: Receipt, termination: Termination) -> ReceiptLine:
    """One sentence that leads with the answer: received in time or late, or how long is left
    to prove receipt, or not sent yet."""
    if termination.status == Termination.Status.WITHDRAWN:
        return ReceiptLine(gettext("This termination was withdrawn."), "")
    if receipt.state is ReceiptState.PREMATURE:
        assert receipt.received_on is not None
        text = gettext(
            "Notice received on %(received)s — too early: on that day the warning's deadline "
            "to remedy had not passed (or no warning was sent), so the termination for cause "
            "was not yet allowed."
        )
        return ReceiptLine(text % {"received": _day(receipt.received_on)}, "message-error")
    if receipt.state in (ReceiptState.IN_TIME, ReceiptState.LATE):
        return _received(receipt, termination)
    if receipt.state is ReceiptState.NOT_PROVEN:
        lead = gettext("Receipt not yet proven")
        return ReceiptLine(_with_time_left(lead, receipt), _open_tone(receipt))
    if receipt.state is ReceiptState.NOT_SENT:
        return ReceiptLine(_with_time_left(gettext("Not sent yet"), receipt), _open_tone(receipt))
    return ReceiptLine(
        gettext(
            "The dates of this termination cannot be computed — please check the contract's "
            "notice terms."
        ),
        "message-warning",
    )


@dataclass
class DispatchRow:
    dispatch: Dispatch
    files: list[TerminationFile]
    form_ok: bool
    end_note: str | None


@dataclass
class LetterRow:
    letter: Letter
    dispatches: list[DispatchRow] = field(default_factory=list)


@register.simple_tag
def termination_dispatches(
    termination: Termination, receipt: Receipt | None = None
) -> list[LetterRow]:
    """The termination's letters, each with how it was sent and the proof files (three
    queries, however many there are). A confirmed end that differs from ``receipt``'s end
    carries a note."""
    required = RequiredForm(termination.contract.required_form)
    dispatches = Dispatch.objects.prefetch_related(
        Prefetch("files", queryset=TerminationFile.objects.order_by("uploaded_at", "pk"))
    )
    letters = termination.letters.prefetch_related(Prefetch("dispatches", queryset=dispatches))
    computed = receipt.contract_end if receipt is not None else None
    rows = []
    for letter in letters:
        row = LetterRow(letter)
        for dispatch in letter.dispatches.all():
            confirmed = dispatch.confirmed_end
            note = (
                end_note(confirmed, computed)
                if confirmed is not None and computed is not None and confirmed != computed
                else None
            )
            ok = form_check(required, Channel(dispatch.channel)).ok
            row.dispatches.append(DispatchRow(dispatch, list(dispatch.files.all()), ok, note))
        rows.append(row)
    return rows


@register.inclusion_tag("termination/_contract_box.html", takes_context=True)
def termination_box(context: template.Context, contract: Contract) -> dict[str, Any]:
    """The termination in progress for the contract's page: its receipt line and a link to
    it; without one, a link to prepare it (for those who may)."""
    termination = (
        contract.terminations.exclude(status=Termination.Status.WITHDRAWN)
        .prefetch_related("letters__dispatches")
        .first()
    )
    line = None
    if termination is not None:
        termination.contract = contract
        line = receipt_line(services.receipt_status(termination), termination)
    return {
        "contract": contract,
        "termination": termination,
        "line": line,
        "perms": context.get("perms"),
    }
