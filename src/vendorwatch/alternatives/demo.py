"""Demo step 5: a request for offers, two candidates' offers with prices and answers, and a
comparison against Brandl IT with the starter weights.

Dates are relative to the day the demo is first loaded; loading again finds everything by its
title and adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone

from vendorwatch.alternatives.models import (
    Comparison,
    Criterion,
    Offer,
    OfferAnswer,
    OfferPrice,
    OfferRequest,
)
from vendorwatch.contracts.models import Contract
from vendorwatch.demo import DemoContext, loader
from vendorwatch.expectations.models import Requirement, Service
from vendorwatch.providers.models import Contact, Provider
from vendorwatch.sla.models import SlaPolicy

CURRENT = "Brandl IT-Systemhaus GmbH"
REQUEST = "IT-Betreuung ab 2027"
COMPARISON = "Wechsel der IT-Betreuung?"
# Starter weights of a new comparison, in percent.
STARTER = (
    (Criterion.Kind.PRICE, "Preis (Gesamtkosten)", "30"),
    (Criterion.Kind.SLA, "Reaktions- und Lösungszeiten", "20"),
    (Criterion.Kind.REQUIREMENTS, "Erfüllte Anforderungen", "25"),
    (Criterion.Kind.REFERENCES, "Referenzen", "10"),
    (Criterion.Kind.SECURITY, "Sicherheit und Datenschutz", "10"),
    (Criterion.Kind.LOCATION, "Standort der Daten", "5"),
)


@dataclass(frozen=True)
class DemoCandidate:
    name: str
    city: str
    contact: tuple[str, str, str]
    # Monthly price of each service as a share of what Brandl charges.
    share: Decimal
    one_off: Decimal
    offer: dict[str, Any]
    # How many must-requirements the candidate cannot promise.
    not_met: int


# Schwaben is cheaper and answers every must-requirement; Allgäu is cheaper still but cannot
# promise one must-requirement, so the comparison excludes it.
CANDIDATES = (
    DemoCandidate(
        name="Netzwerk & Cloud Schwaben GmbH",
        city="Ulm",
        contact=("Lena Vogt", "Vertrieb", "l.vogt@nc-schwaben.example"),
        share=Decimal("0.92"),
        one_off=Decimal("2400.00"),
        offer={
            "minimum_term_months": 24,
            "notice_months": 3,
            "response_hours": Decimal("2"),
            "resolution_hours": Decimal("8"),
            "availability_percent": Decimal("99.5"),
            "reference_count": 4,
            "references": "Zwei Maschinenbauer und eine Steuerkanzlei in der Region.",
            "iso27001": True,
            "dpa_available": True,
            "data_location": Offer.Location.GERMANY,
            "migration_cost": Decimal("3500.00"),
            "parallel_run_months": 1,
            "internal_effort_hours": Decimal("40"),
        },
        not_met=0,
    ),
    DemoCandidate(
        name="Allgäu IT-Service GmbH",
        city="Kempten",
        contact=("Tobias Berger", "Geschäftsführer", "t.berger@allgaeu-it.example"),
        share=Decimal("0.85"),
        one_off=Decimal("1500.00"),
        offer={
            "minimum_term_months": 36,
            "notice_months": 6,
            "response_hours": Decimal("4"),
            "resolution_hours": Decimal("16"),
            "availability_percent": Decimal("99.0"),
            "reference_count": 2,
            "references": "Ein Autohaus in Kempten.",
            "iso27001": False,
            "dpa_available": True,
            "data_location": Offer.Location.EU,
            "migration_cost": Decimal("2000.00"),
            "parallel_run_months": 0,
            "internal_effort_hours": Decimal("60"),
        },
        not_met=1,
    ),
)


def _candidate(details: DemoCandidate) -> Provider:
    provider, _created = Provider.objects.get_or_create(
        name=details.name, defaults={"status": Provider.Status.CANDIDATE, "city": details.city}
    )
    contact_name, role, email = details.contact
    Contact.objects.get_or_create(
        provider=provider, name=contact_name, defaults={"role": role, "email": email}
    )
    if not provider.notes:
        provider.notes = "Erstes Gespräch geführt; Angebot auf unsere Anfrage erhalten."
        provider.save(update_fields=["notes"])
    return provider


def _offer(provider: Provider, request: OfferRequest, details: DemoCandidate) -> Offer:
    today = timezone.localdate()
    offer, created = Offer.objects.get_or_create(
        provider=provider,
        title=f"Angebot {provider.name.split()[0]}",
        defaults={
            "request": request,
            "received_on": today - timedelta(days=5),
            "valid_until": today + timedelta(days=60),
            **details.offer,
        },
    )
    if not created:
        return offer
    needed = list(Service.objects.filter(needed=True).order_by("name"))
    for index, service in enumerate(needed):
        unit = (service.price or Decimal("50")) * details.share
        quantity = service.quantity or Decimal("1")
        OfferPrice.objects.create(
            offer=offer,
            service=service,
            monthly=(unit * quantity).quantize(Decimal("0.01")),
            one_off=details.one_off if index == 0 else Decimal("0"),
        )
    not_met = details.not_met
    for index, requirement in enumerate(Requirement.objects.order_by("pk")):
        must = requirement.priority == Requirement.Priority.MUST
        answer = OfferAnswer.Answer.FULFILLED
        note = ""
        if must and not_met:
            answer, note, not_met = OfferAnswer.Answer.NOT, "Nicht im Leistungsumfang.", 0
        elif not must and index % 4 == 0:
            answer, note = OfferAnswer.Answer.PARTLY, "Gegen Aufpreis."
        OfferAnswer.objects.create(offer=offer, requirement=requirement, answer=answer, note=note)
    return offer


@loader(order=90)
def load_alternatives(context: DemoContext) -> None:
    today = timezone.localdate()
    current = Provider.objects.filter(name=CURRENT).first()
    author = User.objects.filter(is_superuser=True).order_by("pk").first()
    request, _created = OfferRequest.objects.get_or_create(
        title=REQUEST,
        defaults={
            "deadline": today + timedelta(days=21),
            "introduction": (
                "Wir prüfen, ob wir unsere IT-Betreuung neu vergeben. Bitte beantworten Sie "
                "jede Anforderung und nennen Sie Preise für jede Leistung."
            ),
            "sla_policy": SlaPolicy.objects.filter(provider=current).order_by("pk").first(),
            "contact_name": "Klaus Müller",
            "contact_email": "k.mueller@mueller-metallbau.example",
            "created_by": author,
        },
    )
    offers = [_offer(_candidate(details), request, details) for details in CANDIDATES]
    comparison, created = Comparison.objects.get_or_create(
        title=COMPARISON,
        defaults={
            "years": 3,
            "hourly_rate": Decimal("65.00"),
            "current_provider": current,
            "current_contract": Contract.objects.filter(provider=current).order_by("pk").first(),
        },
    )
    if created:
        comparison.offers.set(offers)
        for position, (kind, name, weight) in enumerate(STARTER):
            Criterion.objects.create(
                comparison=comparison,
                kind=kind,
                name=name,
                weight=Decimal(weight),
                position=position,
            )
