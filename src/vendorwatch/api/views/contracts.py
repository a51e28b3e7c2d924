"""Contracts and invoices."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.request import Request

from vendorwatch.api.filters import ContractFilter, InvoiceFilter
from vendorwatch.api.serializers.contracts import ContractSerializer, InvoiceSerializer
from vendorwatch.api.views.base import ApiBase, DeleteUnlessInUse
from vendorwatch.contracts.models import Contract, Invoice
from vendorwatch.web.files import private_file_response


@extend_schema(
    tags=["contracts"],
    description=_(
        "The contract register. The terms follow the contract form: “clause_type” says "
        "which kind of notice clause the contract has, and only the term fields of that "
        "kind are kept. Deleting a contract deletes its documents, invoices and reviews, "
        "as on the page."
    ),
)
class ContractViewSet(ApiBase, DeleteUnlessInUse, viewsets.ModelViewSet):  # type: ignore[type-arg]
    queryset = Contract.objects.select_related("provider", "sla_policy").prefetch_related(
        "services"
    )
    serializer_class = ContractSerializer
    filterset_class = ContractFilter
    ordering_fields = ["title", "start_date", "id"]


@extend_schema(
    tags=["invoices"],
    description=_(
        "The invoices of the contracts, each with its lines. “lines” lists every line the "
        "invoice is to have: a line with its “id” is kept and changed, one without is "
        "added; when an invoice is changed, a line left out is deleted."
    ),
)
class InvoiceViewSet(ApiBase, DeleteUnlessInUse, viewsets.ModelViewSet):  # type: ignore[type-arg]
    queryset = Invoice.objects.select_related("contract__provider").prefetch_related("lines")
    serializer_class = InvoiceSerializer
    filterset_class = InvoiceFilter
    ordering_fields = ["invoice_date", "number", "id"]

    @extend_schema(
        responses={
            (200, "application/pdf"): OpenApiResponse(
                OpenApiTypes.BINARY, description=_("The invoice's PDF, as a download.")
            )
        }
    )
    @action(detail=True, methods=["get"])
    def pdf(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        invoice = self.get_object()
        return private_file_response(
            invoice.pdf, filename=f"rechnung-{invoice.number}.pdf", content_type="application/pdf"
        )

    def perform_content_negotiation(self, request: Request, force: bool = False) -> Any:
        # A download is a file whatever the client accepts; only errors are JSON.
        return super().perform_content_negotiation(request, force=force or self.action == "pdf")
