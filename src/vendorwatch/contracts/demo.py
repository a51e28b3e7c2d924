"""Demo contracts of Müller Metallbau GmbH: managed services with Brandl, and telephony.

Invoices, budgets, the hours quota, the certificate and the last review are dated relative to
the day the demo is loaded, so that this year's costs, the quota and the next review look like
a company in use whenever the demo is tried.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

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

INVOICE_DAY = 3  # each month's invoice is dated the 3rd


def months_back(day: date, count: int) -> date:
    """The first of the month ``count`` months before ``day``'s month."""
    index = day.year * 12 + day.month - 1 - count
    return date(index // 12, index % 12 + 1, 1)


def invoiced_months(today: date) -> list[date]:
    """The first days of the last twelve months whose invoice date has come, oldest first."""
    latest = months_back(today, 0 if today.day >= INVOICE_DAY else 1)
    return [months_back(latest, back) for back in range(11, -1, -1)]


def last_quarter(today: date) -> tuple[date, date]:
    """The last full calendar quarter before ``today``."""
    start = months_back(today, (today.month - 1) % 3 + 3)
    return start, months_back(start, -3) - timedelta(days=1)


def _managed_services(provider: Provider, context: DemoContext, today: date) -> Contract:
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
            contract=contract,
            name="ISO/IEC 27001",
            issuer="TÜV Süd",
            valid_until=today + timedelta(days=40),  # on the dashboard: expires soon
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


def _invoices(contract: Contract, today: date) -> None:
    """The last twelve monthly invoices; six months ago one price was too high, two months ago
    an extra item was billed."""
    services = list(contract.services.exclude(price__isnull=True).order_by("name")[:3])
    months = invoiced_months(today)
    for back, first in enumerate(reversed(months)):
        invoice, created = Invoice.objects.get_or_create(
            contract=contract,
            number=f"RE-{first.year}-{first.month:02d}",
            defaults={
                "invoice_date": first.replace(day=INVOICE_DAY),
                "period_start": first,
                "period_end": first.replace(day=28),
            },
        )
        if not created:
            continue
        for service in services:
            assert service.price is not None
            price = service.price + Decimal("5.00") if back == 6 else service.price
            InvoiceLine.objects.create(
                invoice=invoice, service=service, quantity=service.quantity, unit_price=price
            )
        if back == 2:
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
        defaults={
            "status": Provider.Status.ACTIVE,
            "street": "Haunstetter Straße 112",
            "postcode": "86161",
            "city": "Augsburg",
            "customer_number": "K-208877",
        },
    )
    today = timezone.localdate()
    managed = _managed_services(provider, context, today)
    _telephony(telco)
    _invoices(managed, today)
    year = today.year
    Budget.objects.get_or_create(year=year - 1, provider=provider, defaults={"amount": "30000.00"})
    Budget.objects.get_or_create(year=year, provider=provider, defaults={"amount": "32000.00"})
    Budget.objects.get_or_create(year=year, contract=managed, defaults={"amount": "28000.00"})
    bought = months_back(today, 4) + timedelta(days=14)
    HoursQuota.objects.get_or_create(
        contract=managed,
        name=f"Stundenkontingent {bought.year}",
        defaults={
            "hours_bought": Decimal("40"),
            "hours_used": Decimal("26.5"),
            "bought_on": bought,
            "expires_on": months_back(bought, -12) - timedelta(days=1),
            "price": Decimal("3800.00"),
        },
    )
    if not managed.reviews.exists():
        start, end = last_quarter(today)
        reviewed = min(end + timedelta(days=15), today)
        review = ContractReview.objects.create(
            contract=managed,
            period_start=start,
            period_end=end,
            reviewed_on=reviewed,
            rating=ContractReview.Rating.SATISFACTORY,
            outcome=ContractReview.Outcome.RENEGOTIATE,
            summary="Reaktionszeiten oft überschritten; Sonderleistungen ohne Auftrag berechnet.",
        )
        FollowUp.objects.create(
            contract=managed,
            review=review,
            text="Gesprächstermin zur Nachverhandlung mit Brandl vereinbaren",
            due_date=today + timedelta(days=14),
        )
    context.objects["contract"] = managed
