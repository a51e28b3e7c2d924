"""Demo service hours and the SLA of the demo provider, with a tighter second version."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from vendorwatch.demo import DemoContext, loader
from vendorwatch.expectations.models import Service
from vendorwatch.providers.models import Provider
from vendorwatch.sla.local_holidays import to_storage
from vendorwatch.sla.models import BusinessCalendar, SlaPolicy
from vendorwatch.sla.services import DEFAULT_MATRIX, PrioritySpec, VersionTerms, sla_version_create

OFFICE_HOURS = "Servicezeiten Mo–Fr 8–17 Uhr (Augsburg)"
POLICY = "SLA Brandl IT-Systemhaus"


def priorities(p1_response_minutes: int) -> list[PrioritySpec]:
    business = "business"
    return [
        PrioritySpec(
            "P1",
            "Kritisch",
            (p1_response_minutes, "minutes", business),
            (4, "hours", business),
            (1, "hours", business),
            "Betrieb steht: viele können nicht arbeiten oder ein zentrales System ist aus.",
        ),
        PrioritySpec(
            "P2",
            "Hoch",
            (1, "hours", business),
            (8, "hours", business),
            (4, "hours", business),
            "Wichtige Arbeit ist für mehrere blockiert, ohne Umgehung.",
        ),
        PrioritySpec(
            "P3",
            "Mittel",
            (4, "hours", business),
            (3, "days", business),
            None,
            "Die Arbeit ist behindert, aber es gibt eine Umgehung.",
        ),
        PrioritySpec(
            "P4",
            "Niedrig",
            (8, "hours", business),
            (5, "days", business),
            None,
            "Frage, Wunsch oder kleiner Fehler; niemand wird aufgehalten.",
        ),
    ]


def terms(calendar: BusinessCalendar, note: str) -> VersionTerms:
    services = Service.objects.filter(needed=True, availability_target__isnull=False)
    return VersionTerms(
        calendar=calendar,
        credit_percent_per_breach=Decimal("5"),
        credit_cap_percent=Decimal("20"),
        change_note=note,
        matrix={(str(i), str(u)): code for (i, u), code in DEFAULT_MATRIX.items()},
        customer_duties=[
            "Störungen sofort und vollständig über die Hotline oder das Ticketportal melden",
            "Rückfragen innerhalb eines Arbeitstages beantworten",
            "Fernzugriff für die Fehlerbehebung ermöglichen",
        ],
        provider_duties=[
            "Eingangsbestätigung mit Ticketnummer",
            "Regelmäßige Statusmeldungen bis zur Lösung",
            "Monatlicher SLA-Bericht",
        ],
        service_targets={s: s.availability_target for s in services if s.availability_target},
    )


@loader(order=30)
def load_sla(context: DemoContext) -> None:
    # The demo company is in Augsburg: Bavaria's holidays plus the city's Peace Festival
    # (8 August) and Assumption Day (15 August), as the holiday data knows them.
    region, categories = to_storage("DE-BY", ["assumption", "augsburg_peace"])
    office, _created = BusinessCalendar.objects.get_or_create(
        name=OFFICE_HOURS,
        defaults={"holiday_region": region, "holiday_categories": categories},
    )
    for year in (2026, 2027):
        for day in (date(year, 12, 24), date(year, 12, 31)):
            office.days.get_or_create(
                date=day, defaults={"windows": ["08:00-12:00"], "note": "halber Tag"}
            )
    BusinessCalendar.objects.get_or_create(
        name="Rund um die Uhr",
        defaults={"weekly": [["00:00-24:00"]] * 7, "holiday_region": ""},
    )


# After the services (order 40), so that the SLA can promise their availability.
@loader(order=45)
def load_sla_policy(context: DemoContext) -> None:
    office = BusinessCalendar.objects.get(name=OFFICE_HOURS)
    provider = (
        context.objects.get("provider")
        or Provider.objects.filter(name="Brandl IT-Systemhaus GmbH").first()
    )
    policy, _new = SlaPolicy.objects.get_or_create(
        name=POLICY,
        defaults={"provider": provider, "description": "Vereinbart im Rahmenvertrag 2026."},
    )
    versions = [
        (date(2026, 1, 1), 60, "Erste Fassung aus dem Rahmenvertrag."),
        (date(2026, 7, 1), 30, "Reaktionszeit für P1 auf 30 Minuten verkürzt."),
    ]
    for valid_from, p1_response, note in versions:
        if not policy.versions.filter(valid_from=valid_from).exists():
            sla_version_create(
                policy=policy,
                valid_from=valid_from,
                terms=terms(office, note),
                priorities=priorities(p1_response),
            )
    context.objects["sla_calendar"] = office
    context.objects["sla_policy"] = policy
