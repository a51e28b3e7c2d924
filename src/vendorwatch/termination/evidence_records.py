"""The evidence pack's other records: the provider's tickets with our verdicts, the SLA report
figures per month, the letters with their dispatches and proofs, the approved minutes, and
the contract's own documents and invoices.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import PurePosixPath
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from vendorwatch.contracts.models import Contract
from vendorwatch.core.businesstime.explain import format_duration
from vendorwatch.meetings.minutes_doc import day_text, person
from vendorwatch.meetings.models import MinutesRevision
from vendorwatch.monitoring.models import ExternalTicket
from vendorwatch.monitoring.report import data_version, month_groups, total_of
from vendorwatch.monitoring.report import ticket_months as ticket_month_span
from vendorwatch.monitoring.report_periods import month_label, months_between, percent_text
from vendorwatch.monitoring.report_tickets import provider_verdict_text, verdict_text
from vendorwatch.problems.export import local_time_formatter, neutralise
from vendorwatch.problems.services import stream
from vendorwatch.problems.templatetags.problem_tags import when
from vendorwatch.sla.models import Priority
from vendorwatch.termination.evidence_zip import (
    SUMMARY_ROWS,
    Missing,
    Pack,
    iso,
    safe_name,
    short,
    yes_no,
)
from vendorwatch.termination.models import Dispatch, Letter, Termination, TerminationFile
from vendorwatch.termination.services import ReceiptState, receipt_status, termination_plan
from vendorwatch.web.money import eur_text
from vendorwatch.web.parsing import EARLIEST_DATE
from vendorwatch.web.pdf import PdfUnavailable

logger = logging.getLogger(__name__)

# Months of SLA report figures: the last ten years with tickets.
MAX_MONTHS = 120
TICKET_CHUNK = 2000


# --- the provider's tickets and the SLA report figures ----------------------------------------

TICKET_COLUMNS = (
    "ticket_id",
    "title",
    "category",
    "status",
    "priority_value",
    "priority_rank",
    "sla_version_id",
    "sla_version__policy__name",
    "sla_version__number",
    "created",
    "first_response",
    "resolved",
    "updated",
    "response_due",
    "response_seconds",
    "response_met",
    "resolution_due",
    "resolution_seconds",
    "resolution_met",
    "provider_met",
    "provider_response_met",
    "provider_resolution_met",
    "provider_verdict",
    "disagrees",
    "job__file_name",
)
TIMES = ("created", "first_response", "resolved", "updated", "response_due", "resolution_due")
TICKET_INSTANTS = tuple(TICKET_COLUMNS.index(name) for name in TIMES)


def ticket_header() -> list[str]:
    return [
        _("Ticket"),
        _("Title"),
        _("Category"),
        _("Status at the provider"),
        _("Priority in the export"),
        _("Priority"),
        _("SLA"),
        _("Created"),
        _("First response"),
        _("Resolved"),
        _("Last changed"),
        _("Response due"),
        _("Response in business time"),
        _("Response (our verdict)"),
        _("Resolution due"),
        _("Resolution in business time"),
        _("Resolution (our verdict)"),
        _("The provider's verdict"),
        _("The provider: response"),
        _("The provider: resolution"),
        _("Verdict as written in the export"),
        _("Verdicts differ"),
        _("Imported from"),
    ]


def flag(value: object) -> bool | None:
    """A verdict as read from the database (SQLite gives 0 and 1)."""
    return None if value is None else bool(value)


def ticket_rows(provider: Any) -> Iterator[list[object]]:
    """Every ticket of the provider in the version in force, with our verdicts, streamed."""
    yield list[object](ticket_header())
    labels = {
        (p.version_id, p.rank): f"{p.code} {p.name}"
        for p in Priority.objects.filter(
            version__policy__ticket_imports__provider=provider
        ).distinct()
    }
    shown = local_time_formatter()
    tickets = ExternalTicket.objects.in_force().filter(provider=provider).order_by("created", "id")
    for chunk in stream(tickets, TICKET_COLUMNS, TICKET_INSTANTS, TICKET_CHUNK):
        for (
            ticket, title, category, status, value, rank, version_id, policy, number,
            created, answered, resolved, updated,
            response_due, response_seconds, response_met,
            resolution_due, resolution_seconds, resolution_met,
            provider_met, provider_response, provider_resolution, provider_words,
            disagrees, file_name,
        ) in chunk:  # fmt: skip
            yield [
                neutralise(ticket),
                neutralise(title),
                neutralise(category),
                neutralise(status),
                neutralise(value),
                labels.get((version_id, rank), str(rank)),
                neutralise(f"{policy} v{number}") if policy else "",
                shown(created),
                shown(answered),
                shown(resolved),
                shown(updated),
                shown(response_due),
                format_duration(response_seconds) if response_seconds is not None else "",
                verdict_text(flag(response_met)),
                shown(resolution_due),
                format_duration(resolution_seconds) if resolution_seconds is not None else "",
                verdict_text(flag(resolution_met)),
                provider_verdict_text(flag(provider_met)),
                provider_verdict_text(flag(provider_response)),
                provider_verdict_text(flag(provider_resolution)),
                neutralise(provider_words),
                yes_no(bool(disagrees)),
                neutralise(file_name),
            ]


def report_months(provider: Any, today: date) -> list[date]:
    """The months with tickets up to today's, the last :data:`MAX_MONTHS` of them."""
    span = ticket_month_span(provider)
    if span is None:
        return []
    end = min(span[1], today.replace(day=1))
    index = end.year * 12 + end.month - MAX_MONTHS  # months since year 0 of the first one
    first = date(index // 12, index % 12 + 1, 1) if index >= 12 else EARLIEST_DATE
    start = max(span[0], first, EARLIEST_DATE)
    return months_between(start, end) if start <= end else []


@dataclass(frozen=True)
class MonthRow:
    month: str
    tickets: int
    response: str
    resolution: str
    missed: int
    open_overdue: int
    disagreements: int


def month_rows(provider: Any, today: date) -> list[MonthRow]:
    months = report_months(provider, today)
    if not months:
        return []
    groups = month_groups(provider, months, data_version(provider))
    rows = []
    for month in months:
        total = total_of(groups[month])
        rows.append(
            MonthRow(
                month=month_label(month),
                tickets=total.tickets,
                response=_("%(percent)s (%(met)s of %(decided)s)")
                % {
                    "percent": percent_text(total.response_percent),
                    "met": total.response_met,
                    "decided": total.response_decided,
                },
                resolution=_("%(percent)s (%(met)s of %(decided)s)")
                % {
                    "percent": percent_text(total.resolution_percent),
                    "met": total.resolution_met,
                    "decided": total.resolution_decided,
                },
                missed=total.breached,
                open_overdue=total.open_overdue,
                disagreements=total.disagreements,
            )
        )
    return rows


def month_csv(rows: list[MonthRow]) -> Iterator[list[object]]:
    yield [
        _("Month"),
        _("Tickets"),
        _("Response times kept"),
        _("Resolution times kept"),
        _("Tickets that missed a time"),
        _("Still open past the resolution time"),
        _("Verdicts differ"),
    ]
    for row in rows:
        yield [
            row.month,
            row.tickets,
            row.response,
            row.resolution,
            row.missed,
            row.open_overdue,
            row.disagreements,
        ]


# --- terminations: letters, dispatches, proofs -------------------------------------------------


def receipt_text(termination: Termination, today: date) -> str:
    receipt = receipt_status(termination, today)
    values = {
        "received": day_text(receipt.received_on),
        "sent": day_text(receipt.sent_on),
        "deadline": day_text(receipt.deadline) or "–",
    }
    return {
        ReceiptState.NOT_SENT: _("notice not sent yet"),
        ReceiptState.NOT_PROVEN: _("sent on %(sent)s, receipt not yet proven"),
        ReceiptState.IN_TIME: _("received on %(received)s – in time (deadline %(deadline)s)"),
        ReceiptState.LATE: _("received on %(received)s – late (deadline %(deadline)s)"),
        ReceiptState.UNKNOWN: _("the dates cannot be computed – please check the contract"),
    }[receipt.state] % values


def termination_facts(termination: Termination, today: date) -> list[tuple[str, str]]:
    plan = termination_plan(termination, today)
    facts = [
        (_("Kind"), termination.get_kind_display()),
        (_("Status"), termination.get_status_display()),
        (_("Started on"), day_text(local_day(termination.created_at))),
        (_("Contract to end on"), day_text(plan.contract_end) or "–"),
        (_("Notice must be received by"), day_text(plan.receipt_deadline) or "–"),
        (_("Receipt"), receipt_text(termination, today)),
    ]
    if termination.is_for_cause:
        facts += [
            (_("Reason (the facts)"), short(termination.reason, 1500) or "–"),
            (_("We learned of the reason on"), day_text(termination.learned_on) or "–"),
            (_("Deadline to remedy"), day_text(termination.remedy_deadline) or "–"),
            (_("Remedied on"), day_text(termination.remedied_on) or "–"),
            (_("A warning is dispensable"), yes_no(termination.warning_dispensable)),
        ]
    return facts


def write_letter(pack: Pack, letter: Letter) -> list[str]:
    """The letter as text and as PDF, made as the letters page makes them."""
    # Imported when used: only a pack with letters needs the letter layout.
    from vendorwatch.termination.letters import letter_text, render_letter_pdf

    name = safe_name(f"{iso(letter.letter_date)}_{letter.kind}")
    stem = pack.free(f"letters/{name}", ".pdf", ".txt")
    written = []
    try:
        written.append(pack.add_bytes(f"{stem}.pdf", render_letter_pdf(letter)))
    except PdfUnavailable:
        logger.warning("evidence pack: the PDF of letter %s could not be made", letter.pk)
        record = _("Letter “%(subject)s” of %(date)s") % {
            "subject": short(letter.subject, 200),
            "date": day_text(letter.letter_date),
        }
        reason = _("the PDF could not be made; the letter's text is in the .txt file")
        pack.missing.append(Missing(record, f"{stem}.pdf", reason))
    written.append(pack.add_text(f"{stem}.txt", letter_text(letter)))
    return written


def write_proofs(pack: Pack, termination: Termination) -> dict[int, str | None]:
    """Every file of the termination in ``proofs/``; its path by the file's id."""
    paths: dict[int, str | None] = {}
    kinds = dict(TerminationFile.Kind.choices)
    for proof in termination.files.all():
        day = iso(local_day(proof.uploaded_at))
        path = pack.name("proofs", f"{day}_{proof.kind}_{proof.filename}")
        record = _("%(kind)s “%(name)s”") % {
            "kind": kinds.get(proof.kind, proof.kind),
            "name": short(proof.filename, 200),
        }
        paths[proof.pk] = pack.add_stored(path, proof.file, record)
    return paths


def dispatch_header() -> list[str]:
    return [
        _("Letter"),
        _("Date of the letter"),
        _("Kind"),
        _("Subject"),
        _("Sent as"),
        _("Sent on"),
        _("Tracking number"),
        _("Received on"),
        _("Provider confirmed on"),
        _("End date the provider confirmed"),
        _("Notes"),
        _("Proof files"),
    ]


def termination_section(
    pack: Pack, contract: Contract, today: date
) -> tuple[list[dict[str, Any]], list[list[object]]]:
    """Per termination its dates, letters and dispatches; and the rows of dispatches.csv."""
    sections, dispatch_rows = [], [list[object](dispatch_header())]
    terminations = contract.terminations.order_by("created_at", "pk").prefetch_related(
        "letters__dispatches__files", "files"
    )
    for termination in terminations:
        proofs = write_proofs(pack, termination)
        letters = []
        for letter in termination.letters.all():
            files = write_letter(pack, letter)
            dispatches = []
            for dispatch in letter.dispatches.all():
                shown = [proofs.get(f.pk) or _("missing") for f in dispatch.files.all()]
                dispatches.append(dispatch_facts(dispatch, shown))
                dispatch_rows.append(
                    [
                        files[0] if files else "",
                        day_text(letter.letter_date),
                        letter.get_kind_display(),
                        neutralise(letter.subject),
                        dispatch.get_channel_display(),
                        day_text(dispatch.sent_on),
                        neutralise(dispatch.tracking_number),
                        day_text(dispatch.received_on),
                        day_text(dispatch.confirmed_on),
                        day_text(dispatch.confirmed_end),
                        neutralise(dispatch.notes),
                        " | ".join(shown),
                    ]
                )
            letters.append(
                {
                    "date": day_text(letter.letter_date),
                    "kind": letter.get_kind_display(),
                    "subject": short(letter.subject),
                    "files": files,
                    "dispatches": dispatches,
                }
            )
        sections.append(
            {
                "facts": termination_facts(termination, today),
                "letters": letters,
                "proofs": [p for p in proofs.values() if p],
            }
        )
    return sections, dispatch_rows


def dispatch_facts(dispatch: Dispatch, proofs: list[str]) -> dict[str, Any]:
    return {
        "channel": dispatch.get_channel_display(),
        "sent_on": day_text(dispatch.sent_on),
        "tracking": short(dispatch.tracking_number, 100),
        "received_on": day_text(dispatch.received_on),
        "confirmed_on": day_text(dispatch.confirmed_on),
        "confirmed_end": day_text(dispatch.confirmed_end),
        "notes": short(dispatch.notes, 500),
        "proofs": proofs,
    }


# --- minutes and the contract's own files ------------------------------------------------------


def local_day(moment: datetime) -> date:
    try:
        return timezone.localdate(moment)
    except (OverflowError, ValueError):  # a year 9999 written to the database
        return moment.date()


def minutes_section(pack: Pack, provider: Any) -> tuple[list[dict[str, Any]], int]:
    """Each approved revision of the provider's minutes, as it was approved."""
    revisions = (
        MinutesRevision.objects.filter(meeting__provider=provider)
        .select_related("meeting", "approved_by")
        .order_by("meeting__starts_at", "meeting_id", "number")
    )
    rows: list[dict[str, Any]] = []
    count = 0
    for revision in revisions.iterator(chunk_size=200):
        day = local_day(revision.meeting.starts_at)
        path = pack.name("minutes", f"{iso(day)}_rev{revision.number}.txt")
        pack.add_text(path, revision.text)
        count += 1
        if len(rows) < SUMMARY_ROWS:
            rows.append(
                {
                    "date": day_text(day),
                    "title": short(revision.meeting.title, 200),
                    "revision": revision.number,
                    "approved": when(revision.approved_at),
                    "by": short(person(revision.approved_by), 200) or "–",
                    "reason": short(revision.reason, 500),
                    "path": path,
                }
            )
    return rows, count


def contract_files(pack: Pack, contract: Contract) -> dict[str, Any]:
    """The contract's documents and invoice PDFs, and ``invoices.csv``."""
    documents = []
    for document in contract.documents.all():
        suffix = PurePosixPath(document.file.name or "").suffix or ".pdf"
        path = pack.name(
            "contract/documents", f"{document.title}_v{document.version}{suffix}", "document"
        )
        record = _("Contract document “%(title)s”, version %(version)s") % {
            "title": short(document.title, 200),
            "version": document.version,
        }
        documents.append(
            {
                "title": short(document.title, 200),
                "version": document.version,
                "kind": document.get_kind_display(),
                "path": pack.add_stored(path, document.file, record),
            }
        )
    rows: list[list[object]] = [
        [
            _("Invoice number"),
            _("Invoice date"),
            _("Period from"),
            _("Period to"),
            _("Total"),
            _("File"),
        ]
    ]
    for invoice in contract.invoices.prefetch_related("lines").order_by("invoice_date", "pk"):
        path = ""
        if invoice.pdf:
            wanted = pack.name(
                "contract/invoices", f"{iso(invoice.invoice_date)}_{invoice.number}.pdf"
            )
            record = _("Invoice %(number)s") % {"number": short(invoice.number, 100)}
            path = pack.add_stored(wanted, invoice.pdf, record) or _("missing")
        rows.append(
            [
                neutralise(invoice.number),
                day_text(invoice.invoice_date),
                day_text(invoice.period_start),
                day_text(invoice.period_end),
                eur_text(invoice.total),
                path,
            ]
        )
    pack.add_csv("contract/invoices.csv", rows)
    return {"documents": documents, "invoices": len(rows) - 1}
