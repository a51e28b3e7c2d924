"""Units of a service as they read after their number.

A unit is typed once, as one says it after a number above one ("Arbeitsplätze"); after "1" the
singular reads right ("1 Arbeitsplatz", not "1 Arbeitsplätze"). The singulars of the starter
set's units and of other common ones are known; a unit not known here is shown as typed.
"""

from __future__ import annotations

from decimal import Decimal

SINGULAR: dict[str, str] = {
    # German
    "Anschlüsse": "Anschluss",
    "Arbeitsplätze": "Arbeitsplatz",
    "Geräte": "Gerät",
    "Lizenzen": "Lizenz",
    "Monate": "Monat",
    "Personen": "Person",
    "Postfächer": "Postfach",
    "Standorte": "Standort",
    "Stunden": "Stunde",
    "Tage": "Tag",
    "Teilnehmende": "teilnehmende Person",
    "Vorgänge": "Vorgang",
    # English
    "cases": "case",
    "days": "day",
    "devices": "device",
    "hours": "hour",
    "licences": "licence",
    "licenses": "license",
    "lines": "line",
    "mailboxes": "mailbox",
    "months": "month",
    "participants": "participant",
    "people": "person",
    "servers": "server",
    "sites": "site",
    "users": "user",
    "workplaces": "workplace",
}


def unit_after(quantity: Decimal | int | None, unit: str) -> str:
    """``unit`` as it reads after ``quantity``: its singular after exactly 1, where known."""
    if quantity is not None and Decimal(quantity) == 1:
        return SINGULAR.get(unit.strip(), unit)
    return unit
