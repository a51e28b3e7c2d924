"""The evidence pack of a contract: what it holds, and the ZIP itself.

The pack is made when it is downloaded (a GET that changes nothing, so a viewer may take it
to a lawyer too); it is written to a temporary file on disk and streamed from there.
"""

from __future__ import annotations

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from vendorwatch.contracts.models import Contract
from vendorwatch.termination.evidence_pack import (
    build_evidence_pack,
    pack_contents,
    pack_filename,
)
from vendorwatch.termination.services import active_termination, local_today
from vendorwatch.web.crud import perm
from vendorwatch.web.pdf import PdfUnavailable, unavailable_response


def load(contract_pk: int) -> Contract:
    return get_object_or_404(
        Contract.objects.select_related("provider", "sla_policy"), pk=contract_pk
    )


@require_safe
@perm("contracts.view_contract")
@perm("termination.view_termination")
def evidence_page(request: HttpRequest, contract_pk: int) -> HttpResponse:
    contract = load(contract_pk)
    context = {
        "contract": contract,
        "termination": active_termination(contract),
        "contents": pack_contents(contract),
        "filename": pack_filename(contract, local_today()),
    }
    return render(request, "termination/evidence.html", context)


@require_safe
@perm("contracts.view_contract")
@perm("termination.view_termination")
def evidence_download(request: HttpRequest, contract_pk: int) -> HttpResponse | FileResponse:
    contract = load(contract_pk)
    today = local_today()
    try:
        pack = build_evidence_pack(contract, today=today, user=request.user)
    except PdfUnavailable as error:
        back = reverse("termination-evidence", args=[contract.pk])
        return unavailable_response(request, error, back_url=back)
    response = FileResponse(
        pack,
        as_attachment=True,
        filename=pack_filename(contract, today),
        content_type="application/zip",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
