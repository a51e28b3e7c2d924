from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from vendorwatch.contracts.contract_form import ContractForm
from vendorwatch.contracts.costs import invoice_checks
from vendorwatch.contracts.dashboard import CERTIFICATE_DAYS
from vendorwatch.contracts.deadlines import (
    cannot_compute_text,
    contract_deadline,
    contract_deadlines,
)
from vendorwatch.contracts.models import Contract
from vendorwatch.contracts.services import contract_next_review
from vendorwatch.contracts.terms_text import terms_facts
from vendorwatch.web.crud import confirm_delete, form_page, paginate, perm


@require_safe
@perm("contracts.view_contract")
def contract_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, Contract.objects.select_related("provider"))
    rows = contract_deadlines(list(page.object_list), timezone.localdate())
    return render(request, "contracts/contract_list.html", {"page": page, "rows": rows})


def _form_context(title: str, back_url: str) -> dict[str, Any]:
    return {"title": title, "back_url": back_url, "back_label": _("Contracts")}


@require_http_methods(["GET", "POST"])
@perm("contracts.add_contract")
def contract_add(request: HttpRequest) -> HttpResponse:
    form = ContractForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        contract = form.save()
        messages.success(request, _("The contract was saved."))
        return redirect("contracts-detail", contract.pk)
    context = {"form": form, **_form_context(_("New contract"), reverse("contracts-list"))}
    return render(request, "contracts/contract_form.html", context)


@require_http_methods(["GET", "POST"])
@perm("contracts.change_contract")
def contract_edit(request: HttpRequest, pk: int) -> HttpResponse:
    contract = get_object_or_404(Contract, pk=pk)
    detail = reverse("contracts-detail", args=[pk])
    return form_page(
        request,
        form=ContractForm(request.POST or None, instance=contract),
        template="contracts/contract_form.html",
        success_url=detail,
        success_message=_("The contract was saved."),
        context=_form_context(_("Edit contract"), detail),
    )


@require_http_methods(["GET", "POST"])
@perm("contracts.delete_contract")
def contract_delete(request: HttpRequest, pk: int) -> HttpResponse:
    contract = get_object_or_404(Contract, pk=pk)
    return confirm_delete(
        request,
        obj=contract,
        success_url=reverse("contracts-list"),
        cancel_url=reverse("contracts-detail", args=[pk]),
        consequence=_("Its documents, invoices, reviews and follow-up items are deleted too."),
    )


@require_safe
@perm("contracts.view_contract")
def contract_detail(request: HttpRequest, pk: int) -> HttpResponse:
    contract = get_object_or_404(Contract.objects.select_related("provider", "sla_policy"), pk=pk)
    today = timezone.localdate()
    documents: dict[str, list[Any]] = {}
    for document in contract.documents.all():
        documents.setdefault(document.title, []).append(document)
    invoices = list(contract.invoices.prefetch_related("lines__service")[:6])
    contracted = {service.pk for service in contract.services.all()}
    context = {
        "contract": contract,
        "deadline": contract_deadline(contract, today),
        "cannot_compute": cannot_compute_text(),
        "today": today,
        "certificates_soon": today + timedelta(days=CERTIFICATE_DAYS),
        "services": contract.services.all(),
        "documents": list(documents.values()),
        "certificates": contract.certificates.all(),
        "quotas": contract.quotas.all(),
        "invoices": [
            (invoice, sum(c.flagged for c in invoice_checks(invoice, contracted)))
            for invoice in invoices
        ],
        "reviews": contract.reviews.all()[:5],
        "follow_ups": contract.follow_ups.all()[:20],
        "next_review": contract_next_review(contract),
        "terms": terms_facts(contract),
        "budgets": contract.budgets.filter(year=today.year),
    }
    return render(request, "contracts/contract_detail.html", context)
