"""Demo contracts of Müller Metallbau GmbH: managed services with Brandl, and telephony."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from vendorwatch.contracts.models import (
    Budget,
    Certificate,
    Contract,
    ContractReview,
    FollowUp,
    HoursQuota,
    Invoice,
    InvoiceLine,
)
from vendorwatch.demo import DemoContext, loader
from vendorwatch.expectations.models import Service
from vendorwatch.providers.models import Provider

YEAR = 2025


def _managed_services(provider: Provider, context: DemoContext) -> Contract:
    contract, created = Contract.objects.get_or_create(
        provider=provider,
        number="BR-2023-0815",
        defaults={
            "title": "IT-Betreuungsvertrag (Managed Services)",
            "kind": Contract.Kind.MANAGED_SERVICES,
            "start_date": date(2024, 1, 1),
            "minimum_term_amount": 3,
            "minimum_term_unit": "years",
            "after_minimum_term": Contract.AfterMinimum.RENEWS,
            "renewal_term_amount": 1,
            "renewal_term_unit": "years",
            "notice_amount": 3,
            "notice_unit": "months",
            "notice_anchor": Contract.Anchor.TERM_END,
            "required_form": Contract.Form.WRITTEN,
            "fee": Decimal("2250.00"),
            "fee_period": Contract.FeePeriod.MONTH,
            "sla_policy": context.objects.get("sla_policy"),
            "avv_present": True,
            "avv_signed_on": date(2023, 12, 12),
        },
    )
    if created:
        contract.services.set(Service.objects.filter(provider=provider, contracted=True))
        Certificate.objects.create(
            contract=contract, name="ISO/IEC 27001", issuer="TÜV Süd", valid_until=date(2026, 9, 30)
        )
    return contract


def _telephony(provider: Provider) -> Contract:
    contract, _created = Contract.objects.get_or_create(
        provider=provider,
        number="TEL-44871",
        defaults={
            "title": "Cloud-Telefonanlage",
            "kind": Contract.Kind.TELEPHONY,
            "start_date": date(2024, 7, 1),
            "minimum_term_amount": 24,
            "minimum_term_unit": "months",
            "after_minimum_term": Contract.AfterMinimum.OPEN_ENDED,
            "continuation_notice_amount": 1,
            "continuation_notice_unit": "months",
            "continuation_notice_anchor": "month_end",
            "notice_amount": 3,
            "notice_unit": "months",
            "notice_anchor": Contract.Anchor.TERM_END,
            "required_form": Contract.Form.TEXT,
            "fee": Decimal("189.00"),
        },
    )
    return contract


def _invoices(contract: Contract) -> None:
    """A year of monthly invoices; in June one price is too high, in October an extra item."""
    services = list(contract.services.exclude(price__isnull=True).order_by("name")[:3])
    for month in range(1, 13):
        invoice, created = Invoice.objects.get_or_create(
            contract=contract,
            number=f"RE-{YEAR}-{month:02d}",
            defaults={
                "invoice_date": date(YEAR, month, 3),
                "period_start": date(YEAR, month, 1),
                "period_end": date(YEAR, month, 28),
            },
        )
        if not created:
            continue
        for service in services:
            assert service.price is not None
            price = service.price + Decimal("5.00") if month == 6 else service.price
            InvoiceLine.objects.create(
                invoice=invoice, service=service, quantity=service.quantity, unit_price=price
            )
        if month == 10:
            InvoiceLine.objects.create(
                invoice=invoice,
                description="Sonderleistung Druckereinrichtung",
                quantity=Decimal("3"),
                unit_price=Decimal("95.00"),
            )


@loader(order=60)
def load_contracts(context: DemoContext) -> None:
    provider = Provider.objects.filter(name="Brandl IT-Systemhaus GmbH").first()
    if provider is None:
        return
    telco, _created = Provider.objects.get_or_create(
        name="Schwaben Telecom GmbH",
        defaults={"status": Provider.Status.ACTIVE, "city": "Augsburg"},
    )
    managed = _managed_services(provider, context)
    _telephony(telco)
    _invoices(managed)
    Budget.objects.get_or_create(year=YEAR, provider=provider, defaults={"amount": "30000.00"})
    Budget.objects.get_or_create(year=YEAR + 1, provider=provider, defaults={"amount": "32000"})
    Budget.objects.get_or_create(year=YEAR, contract=managed, defaults={"amount": "28000.00"})
    HoursQuota.objects.get_or_create(
        contract=managed,
        name="Stundenkontingent 2025",
        defaults={
            "hours_bought": Decimal("40"),
            "hours_used": Decimal("26.5"),
            "bought_on": date(2025, 1, 15),
            "expires_on": date(2026, 1, 31),
            "price": Decimal("3800.00"),
        },
    )
    if not managed.reviews.exists():
        review = ContractReview.objects.create(
            contract=managed,
            period_start=date(2025, 10, 1),
            period_end=date(2025, 12, 31),
            reviewed_on=date(2026, 1, 15),
            rating=ContractReview.Rating.SATISFACTORY,
            outcome=ContractReview.Outcome.RENEGOTIATE,
            summary="Reaktionszeiten oft überschritten; Sonderleistungen ohne Auftrag berechnet.",
        )
        FollowUp.objects.create(
            contract=managed,
            review=review,
            text="Gesprächstermin zur Nachverhandlung mit Brandl vereinbaren",
            due_date=date(2026, 2, 15),
        )
    context.objects["contract"] = managed
