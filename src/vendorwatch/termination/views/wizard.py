"""The termination wizard: the overview, starting a termination from a contract with the
answer "by when" first, one termination with its dates and next steps, its facts, withdrawing.

The dates are derived on every look (:mod:`vendorwatch.termination.services`); a stored value
the engines cannot compute shows "cannot be computed" on the page instead of failing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from vendorwatch.contracts.deadlines import (
    cannot_compute_text,
    contract_deadline,
    contract_deadlines,
)
from vendorwatch.contracts.models import Contract
from vendorwatch.termination import services
from vendorwatch.termination.dashboard import task_counts
from vendorwatch.termination.models import Letter, Termination
from vendorwatch.termination.views import refuse_if_withdrawn
from vendorwatch.termination.wizard_forms import StartForm, TerminationForm
from vendorwatch.web.crud import form_page, paginate, perm

logger = logging.getLogger(__name__)
WITHDRAWN = Termination.Status.WITHDRAWN
PER_PAGE = 25

# The letters the detail page offers to write, with the button's words (the warning letter
# only for a termination for cause).
LETTER_BUTTONS = (
    (Letter.Kind.TERMINATION, gettext_lazy("Write the notice")),
    (Letter.Kind.CONFIRMATION, gettext_lazy("Ask to confirm receipt and the end date")),
    (Letter.Kind.WARNING, gettext_lazy("Write a warning letter (Abmahnung)")),
    (Letter.Kind.DATA_RETURN, gettext_lazy("Ask to hand over and delete data")),
)


def _terminations() -> QuerySet[Termination]:
    return Termination.objects.select_related("contract__provider").prefetch_related(
        "letters__dispatches"
    )


@dataclass(frozen=True)
class Row:
    termination: Termination
    receipt: services.Receipt
    today: date

    @property
    def closed(self) -> bool:
        """Withdrawn, or finished: the notice arrived, the contract has ended and no exit
        task is open (as on the dashboard)."""
        if self.termination.status == WITHDRAWN:
            return True
        end = self.receipt.contract_end
        if self.receipt.received_on is None or end is None or end >= self.today:
            return False
        return not task_counts(self.termination, end, self.today)["open"]


@require_safe
@perm("termination.view_termination")
def termination_index(request: HttpRequest) -> HttpResponse:
    today = services.local_today()
    ordered = (
        _terminations()
        .prefetch_related("exit_tasks")
        .annotate(
            withdrawn=Case(
                When(status=WITHDRAWN, then=Value(1)), default=Value(0), output_field=IntegerField()
            )
        )
    )
    page = paginate(request, ordered.order_by("withdrawn", "-created_at", "-pk"), PER_PAGE)
    rows = [Row(t, services.receipt_status(t, today), today) for t in page.object_list]
    busy = Termination.objects.exclude(status=WITHDRAWN).values("contract_id")
    contracts = Contract.objects.exclude(pk__in=busy).select_related("provider")
    contract_page = Paginator(contracts, PER_PAGE).get_page(request.GET.get("contracts"))
    context = {
        "page": page,
        "groups": [
            ("running", _("Terminations in progress"), [row for row in rows if not row.closed]),
            ("closed", _("Withdrawn or finished"), [row for row in rows if row.closed]),
        ],
        "contract_page": contract_page,
        "deadlines": contract_deadlines(list(contract_page.object_list), today),
        "cannot_compute": cannot_compute_text(),
    }
    return render(request, "termination/index.html", context)


def ordinary_answer(contract: Contract, today: date) -> dict[str, Any]:
    """The plan of an ordinary notice decided today, for the start page."""
    try:
        postal = services.ordinary_postal_plan(contract, today)
    except services.ENGINE_ERRORS:
        logger.warning("contract %s: termination dates cannot be computed", contract.pk)
        return {"postal": None, "failed": True, "terms_missing": False}
    return {"postal": postal, "failed": False, "terms_missing": postal is None}


def _go_to_running(request: HttpRequest, running: Termination) -> HttpResponse:
    messages.info(
        request,
        _("A termination of this contract is already in progress: here it is."),
    )
    return redirect("termination-detail", running.pk)


@require_http_methods(["GET", "POST"])
@perm("termination.view_termination")
def termination_start(request: HttpRequest, contract_pk: int) -> HttpResponse:
    contract = get_object_or_404(Contract.objects.select_related("provider"), pk=contract_pk)
    may_start = request.user.has_perm("termination.add_termination")
    if request.method == "POST" and not may_start:
        raise PermissionDenied
    running = services.active_termination(contract)
    if running is not None:
        return _go_to_running(request, running)
    form = StartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            termination = services.termination_start(
                contract=contract, kind=form.cleaned_data["kind"], user=request.user
            )
        except IntegrityError:  # started at the same moment by someone else
            running = services.active_termination(contract)
            if running is None:
                raise
            return _go_to_running(request, running)
        messages.success(request, _("The termination was started. Next: write the notice."))
        return redirect("termination-detail", termination.pk)
    today = services.local_today()
    context = {
        "contract": contract,
        "form": form,
        "may_start": may_start,
        "today": today,
        "deadline": contract_deadline(contract, today),
        "cannot_compute": cannot_compute_text(),
        **ordinary_answer(contract, today),
    }
    return render(request, "termination/start.html", context)


def _cause_context(termination: Termination) -> dict[str, Any]:
    if not termination.is_for_cause:
        return {}
    return {"facts": services.cause_facts(termination)}


@require_safe
@perm("termination.view_termination")
def termination_detail(request: HttpRequest, pk: int) -> HttpResponse:
    termination = get_object_or_404(_terminations().prefetch_related("exit_tasks"), pk=pk)
    today = services.local_today()
    plan = services.termination_plan(termination, today)
    buttons = [
        (kind, label, reverse("termination-letter-add", args=[pk, kind]))
        for kind, label in LETTER_BUTTONS
        if kind != Letter.Kind.WARNING or termination.is_for_cause
    ]
    context = {
        "termination": termination,
        "contract": termination.contract,
        "plan": plan,
        "postal": plan.postal,
        "failed": not plan.computable,
        "terms_missing": plan.terms_missing,
        "receipt": services.receipt_status(termination, today),
        "letters": termination.letters.all(),
        "letter_buttons": buttons,
        "tasks": task_counts(termination, plan.contract_end, today),
        "withdrawn": termination.status == WITHDRAWN,
        "may_restart": services.active_termination(termination.contract) is None,
        "today": today,
        "cannot_compute": cannot_compute_text(),
        **_cause_context(termination),
    }
    return render(request, "termination/detail.html", context)


def _read_only(request: HttpRequest, termination: Termination) -> HttpResponse | None:
    return refuse_if_withdrawn(request, termination)


@require_http_methods(["GET", "POST"])
@perm("termination.change_termination")
def termination_edit(request: HttpRequest, pk: int) -> HttpResponse:
    termination = get_object_or_404(Termination.objects.select_related("contract"), pk=pk)
    if (refused := _read_only(request, termination)) is not None:
        return refused
    detail = reverse("termination-detail", args=[pk])
    return form_page(
        request,
        form=TerminationForm(request.POST or None, instance=termination),
        template="termination/edit.html",
        success_url=detail,
        success_message=_("The termination was saved."),
        context={"termination": termination, "back_url": detail},
    )


@require_http_methods(["GET", "POST"])
@perm("termination.change_termination")
def termination_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    termination = get_object_or_404(Termination.objects.select_related("contract"), pk=pk)
    if (refused := _read_only(request, termination)) is not None:
        return refused
    detail = reverse("termination-detail", args=[pk])
    if request.method == "POST":
        services.termination_withdraw(termination=termination)
        messages.success(
            request,
            _("The termination was withdrawn. Its letters and records are kept."),
        )
        return redirect(detail)
    return render(
        request, "termination/withdraw.html", {"termination": termination, "back_url": detail}
    )
