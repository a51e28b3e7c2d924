"""Small helpers that create SLA records with sensible defaults."""

from __future__ import annotations

from datetime import date
from itertools import count
from typing import Any

from vendorwatch.sla.models import BusinessCalendar, SlaPolicy, SlaVersion
from vendorwatch.sla.services import (
    DEFAULT_MATRIX,
    PrioritySpec,
    VersionTerms,
    sla_policy_create,
    sla_version_create,
)

_sequence = count(1)


def make_calendar(**fields: Any) -> BusinessCalendar:
    fields.setdefault("name", f"Servicezeiten {next(_sequence)}")
    return BusinessCalendar.objects.create(**fields)


def priorities(p1_response_minutes: int = 30) -> list[PrioritySpec]:
    return [
        PrioritySpec(
            "P1", "Kritisch", (p1_response_minutes, "minutes", "business"), (4, "hours", "business")
        ),
        PrioritySpec("P2", "Hoch", (1, "hours", "business"), (8, "hours", "business")),
        PrioritySpec("P3", "Mittel", (4, "hours", "business"), (3, "days", "business")),
        PrioritySpec("P4", "Niedrig", (8, "hours", "business"), (5, "days", "business")),
    ]


def terms(calendar: BusinessCalendar | None = None, **fields: Any) -> VersionTerms:
    fields.setdefault("matrix", {(str(i), str(u)): c for (i, u), c in DEFAULT_MATRIX.items()})
    return VersionTerms(calendar=calendar or make_calendar(), **fields)


def make_policy(valid_from: date = date(2026, 1, 1), **fields: Any) -> SlaPolicy:
    fields.setdefault("name", f"SLA {next(_sequence)}")
    return sla_policy_create(
        valid_from=valid_from,
        terms=fields.pop("terms", None) or terms(),
        priorities=fields.pop("priorities", None) or priorities(),
        **fields,
    )


def add_version(policy: SlaPolicy, valid_from: date, p1_response_minutes: int = 15) -> SlaVersion:
    latest = policy.latest_version
    assert latest is not None
    return sla_version_create(
        policy=policy,
        valid_from=valid_from,
        terms=terms(latest.calendar),
        priorities=priorities(p1_response_minutes),
    )


def policy_post_data(calendar: BusinessCalendar, **overrides: Any) -> dict[str, Any]:
    """What the policy page sends with its defaults filled in (German number and date form)."""
    data: dict[str, Any] = {
        "policy-name": "SLA Systemhaus",
        "policy-description": "",
        "version-valid_from": "01.01.2026",
        "version-calendar": str(calendar.pk),
        "version-business_day_convention": "daily_hours",
        "version-at_risk_percent": "75",
        "version-pausing_states": ["waiting_on_us"],
        "version-credit_percent_per_breach": "5",
        "version-credit_cap_percent": "20",
        "version-customer_duties": "Störungen sofort melden\nRückfragen beantworten",
        "version-provider_duties": "Statusmeldungen",
        "version-change_note": "",
    }
    rows = [
        ("Kritisch", 30, "minutes", 4, "hours"),
        ("Hoch", 1, "hours", 8, "hours"),
        ("Mittel", 4, "hours", 3, "days"),
        ("Niedrig", 8, "hours", 5, "days"),
    ]
    for index, (name, response, response_unit, resolution, resolution_unit) in enumerate(rows):
        prefix = f"p{index + 1}-"
        data |= {
            f"{prefix}name": name,
            f"{prefix}definition": "",
            f"{prefix}response_amount": str(response),
            f"{prefix}response_unit": response_unit,
            f"{prefix}response_basis": "business",
            f"{prefix}resolution_amount": str(resolution),
            f"{prefix}resolution_unit": resolution_unit,
            f"{prefix}resolution_basis": "business",
            f"{prefix}update_amount": "",
            f"{prefix}update_unit": "hours",
            f"{prefix}update_basis": "business",
        }
    for (impact, urgency), code in DEFAULT_MATRIX.items():
        data[f"matrix-{impact}_{urgency}"] = code
    data.update(overrides)
    return data


def calendar_post_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "Mo–Fr 8–17 Uhr",
        "time_zone": "Europe/Berlin",
        "region": "DE-BY",
        "region_other": "",
        "local_holidays": [],
        **{f"day_{i}": "08:00-17:00" for i in range(5)},
        "day_5": "",
        "day_6": "",
    }
    data.update(overrides)
    return data
