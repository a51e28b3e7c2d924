"""Test data for step 5: candidates, offers and comparisons with sensible defaults."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from itertools import count
from typing import Any

from vendorwatch.alternatives.models import (
    Comparison,
    Criterion,
    Offer,
    OfferAnswer,
    OfferPrice,
)
from vendorwatch.expectations.models import Requirement, Service
from vendorwatch.providers.models import Provider
from vendorwatch.testing.factory import make_provider

_sequence = count(1)


def make_candidate(**fields: Any) -> Provider:
    fields.setdefault("status", Provider.Status.CANDIDATE)
    return make_provider(**fields)


def make_requirement(**fields: Any) -> Requirement:
    fields.setdefault("title", f"Anforderung {next(_sequence)}")
    fields.setdefault("priority", Requirement.Priority.MUST)
    fields.setdefault("acceptance_criterion", "Nachweis im Angebot")
    return Requirement.objects.create(**fields)


def make_needed_service(**fields: Any) -> Service:
    fields.setdefault("name", f"Leistung {next(_sequence)}")
    fields.setdefault("needed", True)
    return Service.objects.create(**fields)


def make_offer(provider: Provider | None = None, **fields: Any) -> Offer:
    fields.setdefault("title", f"Angebot {next(_sequence)}")
    fields.setdefault("received_on", date(2026, 11, 20))
    fields.setdefault("minimum_term_months", 24)
    return Offer.objects.create(provider=provider or make_candidate(), **fields)


def add_price(offer: Offer, service: Service, monthly: str = "0", one_off: str = "0") -> OfferPrice:
    return OfferPrice.objects.create(
        offer=offer, service=service, monthly=Decimal(monthly), one_off=Decimal(one_off)
    )


def add_answer(offer: Offer, requirement: Requirement, answer: str = "yes") -> OfferAnswer:
    return OfferAnswer.objects.create(offer=offer, requirement=requirement, answer=answer)


def make_comparison(*offers: Offer, **fields: Any) -> Comparison:
    fields.setdefault("title", f"Vergleich {next(_sequence)}")
    comparison = Comparison.objects.create(**fields)
    comparison.offers.set(offers)
    return comparison


def add_criterion(comparison: Comparison, kind: str, weight: str, **fields: Any) -> Criterion:
    fields.setdefault("name", kind)
    return Criterion.objects.create(
        comparison=comparison, kind=kind, weight=Decimal(weight), **fields
    )
