from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from vendorwatch.contracts.forms import CertificateForm, DocumentForm
from vendorwatch.contracts.models import Certificate, Contract, ContractDocument
from vendorwatch.contracts.services import contract_document_upload
from vendorwatch.web.crud import confirm_delete, form_page, perm
from vendorwatch.web.files import private_file_response


def _context(title: str, contract: Contract) -> dict[str, str]:
    return {
        "title": title,
        "back_url": reverse("contracts-detail", args=[contract.pk]),
        "back_label": contract.title,
    }


@require_http_methods(["GET", "POST"])
@perm("contracts.add_contractdocument")
def document_add(request: HttpRequest, pk: int) -> HttpResponse:
    contract = get_object_or_404(Contract, pk=pk)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        document = contract_document_upload(
            contract=contract,
            kind=form.cleaned_data["kind"],
            title=form.cleaned_data["title"],
            upload=form.cleaned_data["file"],
            user=request.user,
        )
        messages.success(
            request, _("Version %(version)d was uploaded.") % {"version": document.version}
        )
        return redirect("contracts-detail", contract.pk)
    context = {"form": form, **_context(_("Upload a document"), contract)}
    return render(request, "web/form_page.html", context)


@require_safe
@perm("contracts.view_contractdocument")
def document_download(request: HttpRequest, pk: int) -> FileResponse:
    document = get_object_or_404(ContractDocument, pk=pk)
    name = f"{document.title}-v{document.version}.pdf"
    return private_file_response(document.file, filename=name, content_type="application/pdf")


@require_http_methods(["GET", "POST"])
@perm("contracts.delete_contractdocument")
def document_delete(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(ContractDocument, pk=pk)
    url = reverse("contracts-detail", args=[document.contract_id])
    return confirm_delete(request, obj=document, success_url=url, cancel_url=url)


@require_http_methods(["GET", "POST"])
@perm("contracts.add_certificate")
def certificate_add(request: HttpRequest, pk: int) -> HttpResponse:
    contract = get_object_or_404(Contract, pk=pk)
    form = CertificateForm(request.POST or None, instance=Certificate(contract=contract))
    return form_page(
        request,
        form=form,
        template="web/form_page.html",
        success_url=reverse("contracts-detail", args=[pk]),
        success_message=_("The certificate was saved."),
        context=_context(_("Add a certificate"), contract),
    )


@require_http_methods(["GET", "POST"])
@perm("contracts.change_certificate")
def certificate_edit(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = get_object_or_404(Certificate.objects.select_related("contract"), pk=pk)
    return form_page(
        request,
        form=CertificateForm(request.POST or None, instance=certificate),
        template="web/form_page.html",
        success_url=reverse("contracts-detail", args=[certificate.contract_id]),
        success_message=_("The certificate was saved."),
        context=_context(_("Edit certificate"), certificate.contract),
    )


@require_http_methods(["GET", "POST"])
@perm("contracts.delete_certificate")
def certificate_delete(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = get_object_or_404(Certificate, pk=pk)
    url = reverse("contracts-detail", args=[certificate.contract_id])
    return confirm_delete(request, obj=certificate, success_url=url, cancel_url=url)
