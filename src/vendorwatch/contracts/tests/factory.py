from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from vendorwatch.contracts.models import Contract, Invoice, InvoiceLine
from vendorwatch.expectations.models import Service
from vendorwatch.testing.factory import make_organisation, make_provider


def make_contract(**fields: Any) -> Contract:
    """The first public example of issue 6: 24 months, renews by 12, 3 months to term end."""
    if "provider" not in fields:
        fields["provider"] = make_provider()
    fields.setdefault("title", "Managed Services")
    fields.setdefault("start_date", date(2025, 1, 1))
    fields.setdefault("minimum_term_amount", 24)
    fields.setdefault("minimum_term_unit", "months")
    fields.setdefault("after_minimum_term", Contract.AfterMinimum.RENEWS)
    fields.setdefault("renewal_term_amount", 12)
    fields.setdefault("notice_amount", 3)
    fields.setdefault("notice_anchor", Contract.Anchor.TERM_END)
    return Contract.objects.create(**fields)


def nrw() -> None:
    make_organisation(federal_state="DE-NW")


def make_service(contract: Contract, price: str = "45.00", **fields: Any) -> Service:
    fields.setdefault("name", "Arbeitsplatzbetreuung")
    service = Service.objects.create(
        provider=contract.provider, contracted=True, price=Decimal(price), **fields
    )
    contract.services.add(service)
    return service


def make_invoice(contract: Contract, **fields: Any) -> Invoice:
    fields.setdefault("number", "RE-1")
    fields.setdefault("invoice_date", date(2026, 3, 3))
    return Invoice.objects.create(contract=contract, **fields)


def add_line(invoice: Invoice, service: Service | None, price: str, qty: str = "1") -> InvoiceLine:
    return InvoiceLine.objects.create(
        invoice=invoice,
        service=service,
        description="" if service else "Sonderleistung",
        quantity=Decimal(qty),
        unit_price=Decimal(price),
    )
