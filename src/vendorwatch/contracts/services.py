"""Workflows over several records of the contracts part."""

from __future__ import annotations

import calendar
import logging
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from vendorwatch.contracts.costs import contract_deviations
from vendorwatch.contracts.deadlines import contract_deadline
from vendorwatch.contracts.models import (
    Contract,
    ContractDocument,
    ContractReview,
    FollowUp,
    ReviewFinding,
)
from vendorwatch.contracts.templatetags.contracts_tags import eur
from vendorwatch.core.deadlines import format_date
from vendorwatch.problems.evidence import sla_by_service, sla_summary
from vendorwatch.web.parsing import EARLIEST_DATE

logger = logging.getLogger(__name__)


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def contract_document_upload(
    *, contract: Contract, kind: str, title: str, upload: Any, user: Any
) -> ContractDocument:
    """Store the file as the next version of the document with this title."""
    with transaction.atomic():
        Contract.objects.select_for_update().filter(pk=contract.pk).first()
        latest = contract.documents.filter(title=title).aggregate(v=Max("version"))["v"] or 0
        document = ContractDocument(
            contract=contract,
            kind=kind,
            title=title,
            version=latest + 1,
            uploaded_by=user if getattr(user, "is_authenticated", False) else None,
        )
        document.file.save(upload.name, upload, save=False)
        document.save()
    return document


def contract_next_review(contract: Contract) -> date | None:
    """When the next review is due; ``None`` when the stored values cannot give a date.

    The first review is counted from the day the contract was entered when that is later
    than its start: a contract running since 2020 and entered today is not overdue today.
    """
    last = contract.reviews.order_by("-reviewed_on").first()
    if last is not None:
        base = last.reviewed_on
    else:
        entered = timezone.localdate(contract.created_at) if contract.created_at else None
        base = max(contract.start_date, entered) if entered else contract.start_date
    try:
        return add_months(base, contract.review_interval_months)
    except (ValueError, OverflowError):
        logger.warning("contract %s: next review cannot be computed from %s", contract.pk, base)
        return None


def review_period(contract: Contract, today: date) -> tuple[date, date]:
    """The period a new review covers: from the end of the last one (or one interval back,
    not before the start) to today, kept within dates the problem log can be asked about."""
    last = contract.reviews.order_by("-period_end").first()
    if last is not None and EARLIEST_DATE <= last.period_end < today:
        return last.period_end + timedelta(days=1), today
    try:
        back = add_months(today, -contract.review_interval_months)
    except (ValueError, OverflowError):
        back = today
    start = max(contract.start_date, back, EARLIEST_DATE)
    return min(start, today), today


def review_evidence(contract: Contract, *, start: date, end: date) -> dict[str, Any]:
    """What the record shows for the period: cost deviations, open items, the problem log."""
    deviations = contract_deviations(contract, start=start, end=end)
    per_service: dict[int | None, list[str]] = {}
    for check in deviations:
        text = _("Invoice %(number)s of %(date)s: %(item)s – %(result)s%(difference)s") % {
            "number": check.line.invoice.number,
            "date": format_date(check.line.invoice.invoice_date),
            "item": str(check.line),
            "result": check.label,
            "difference": f" ({eur(check.difference)})" if check.difference is not None else "",
        }
        per_service.setdefault(check.line.service_id, []).append(text)
    sla = sla_summary(provider=contract.provider, start=start, end=end)
    sla_per_service = sla_by_service(
        provider=contract.provider, services=contract.services.all(), start=start, end=end
    )
    open_items = [
        f.text for f in contract.follow_ups.filter(done=False).order_by("due_date", "pk")[:20]
    ]
    return {
        "per_service": per_service,
        "deviation_count": len(deviations),
        "sla": sla,
        "sla_per_service": sla_per_service,
        "open_items": open_items,
    }


def sla_line(row: dict[str, Any]) -> str:
    """One service's problem-log figures as a sentence for the finding's evidence."""
    if not row["problems"]:
        return _("Problem log: no problems reported for this service in this period.")
    return ngettext(
        "Problem log: %(problems)d problem, %(breaches)d with an SLA deadline missed;"
        " %(compliance)s %% within the SLA.",
        "Problem log: %(problems)d problems, %(breaches)d with an SLA deadline missed;"
        " %(compliance)s %% within the SLA.",
        row["problems"],
    ) % {
        "problems": row["problems"],
        "breaches": row["breaches"],
        "compliance": number_format(row["compliance_percent"], 1),
    }


def finding_evidence(evidence: dict[str, Any], service_id: int) -> str:
    """The prefilled evidence of one service: what the problem log and the invoices say."""
    lines = [sla_line(r) for r in evidence["sla_per_service"] if r["service_id"] == service_id]
    costs = list(evidence["per_service"].get(service_id, []))
    lines += costs or [_("No cost deviations in this period.")]
    return "\n".join(lines)


def contract_review_create(
    *,
    contract: Contract,
    review: ContractReview,
    findings: list[dict[str, Any]],
    evidence: dict[str, Any],
    user: Any,
) -> ContractReview:
    """Save the review with its findings and create the follow-up items its outcome implies."""
    with transaction.atomic():
        review.contract = contract
        review.created_by = user if getattr(user, "is_authenticated", False) else None
        review.evidence = {
            "sla": evidence["sla"],
            "sla_per_service": evidence["sla_per_service"],
            "deviation_count": evidence["deviation_count"],
            "open_items": evidence["open_items"],
        }
        review.save()
        for finding in findings:
            ReviewFinding.objects.create(review=review, **finding)
        for text, due in follow_ups_for(contract, review, findings):
            FollowUp.objects.create(contract=contract, review=review, text=text, due_date=due)
    return review


def follow_ups_for(
    contract: Contract, review: ContractReview, findings: list[dict[str, Any]]
) -> list[tuple[str, date | None]]:
    today = review.reviewed_on
    items: list[tuple[str, date | None]] = []
    for finding in findings:
        if finding["delivered"] != ReviewFinding.Delivered.YES and finding["service"]:
            items.append(
                (
                    _("Raise with the provider: %(service)s not delivered as agreed")
                    % {"service": finding["service"]},
                    today + timedelta(days=14),
                )
            )
    outcome = review.outcome
    result = contract_deadline(contract, today).result
    send = result.recommended_send_date if result else None
    if outcome == ContractReview.Outcome.CONTINUE:
        try:
            next_review: date | None = add_months(today, contract.review_interval_months)
        except (ValueError, OverflowError):
            next_review = None
        items.append((_("Next contract review"), next_review))
    elif outcome == ContractReview.Outcome.RENEGOTIATE:
        items.append((_("Ask the provider for a meeting to renegotiate"), today + timedelta(14)))
        if send:
            items.append((_("Decide on the contract before the notice deadline"), send))
    elif outcome == ContractReview.Outcome.ALTERNATIVES:
        items.append((_("Request offers from other providers"), today + timedelta(days=30)))
        if send:
            items.append((_("Decide on the contract before the notice deadline"), send))
    elif outcome == ContractReview.Outcome.TERMINATE:
        items.append(
            (
                _("Send the notice of termination (%(form)s)")
                % {"form": contract.get_required_form_display()},
                send or today,
            )
        )
        items.append((_("Plan the hand-over to the next provider"), today + timedelta(days=30)))
    return items
