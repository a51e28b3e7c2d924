from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from vendorwatch.contracts.costs import invoice_checks
from vendorwatch.contracts.invoice_forms import InvoiceForm, InvoiceLineFormSet
from vendorwatch.contracts.models import Contract, Invoice
from vendorwatch.web.crud import confirm_delete, paginate, perm
from vendorwatch.web.files import private_file_response


@require_safe
@perm("contracts.view_invoice")
def invoice_list(request: HttpRequest) -> HttpResponse:
    invoices = Invoice.objects.select_related("contract__provider").prefetch_related("lines")
    return render(request, "contracts/invoice_list.html", {"page": paginate(request, invoices)})


def _invoice_form(request: HttpRequest, contract: Contract, invoice: Invoice) -> HttpResponse:
    data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    form = InvoiceForm(data, files, instance=invoice)
    lines = InvoiceLineFormSet(
        data, instance=invoice, prefix="lines", form_kwargs={"contract": contract}
    )
    if request.method == "POST" and form.is_valid() and lines.is_valid():
        with transaction.atomic():
            saved = form.save()
            lines.instance = saved
            lines.save()
        messages.success(request, _("The invoice was saved."))
        return redirect("contracts-invoice-detail", saved.pk)
    title = _("Edit invoice") if invoice.pk else _("New invoice")
    context = {"form": form, "lines": lines, "contract": contract, "title": title}
    return render(request, "contracts/invoice_form.html", context)


@require_http_methods(["GET", "POST"])
@perm("contracts.add_invoice")
def invoice_add(request: HttpRequest, pk: int) -> HttpResponse:
    contract = get_object_or_404(Contract, pk=pk)
    return _invoice_form(request, contract, Invoice(contract=contract))


@require_http_methods(["GET", "POST"])
@perm("contracts.change_invoice")
def invoice_edit(request: HttpRequest, pk: int) -> HttpResponse:
    invoice = get_object_or_404(Invoice.objects.select_related("contract"), pk=pk)
    return _invoice_form(request, invoice.contract, invoice)


@require_safe
@perm("contracts.view_invoice")
def invoice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    invoice = get_object_or_404(Invoice.objects.select_related("contract__provider"), pk=pk)
    checks = invoice_checks(invoice)
    context = {
        "invoice": invoice,
        "checks": checks,
        "flagged": sum(c.flagged for c in checks),
        "total": invoice.total,
    }
    return render(request, "contracts/invoice_detail.html", context)


@require_http_methods(["GET", "POST"])
@perm("contracts.delete_invoice")
def invoice_delete(request: HttpRequest, pk: int) -> HttpResponse:
    invoice = get_object_or_404(Invoice, pk=pk)
    url = reverse("contracts-detail", args=[invoice.contract_id])
    return confirm_delete(
        request,
        obj=invoice,
        success_url=url,
        cancel_url=reverse("contracts-invoice-detail", args=[pk]),
    )


@require_safe
@perm("contracts.view_invoice")
def invoice_pdf(request: HttpRequest, pk: int) -> FileResponse:
    invoice = get_object_or_404(Invoice, pk=pk)
    return private_file_response(
        invoice.pdf, filename=f"rechnung-{invoice.number}.pdf", content_type="application/pdf"
    )
