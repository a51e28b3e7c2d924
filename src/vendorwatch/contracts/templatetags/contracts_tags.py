from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils import formats
from django.utils.translation import gettext, ngettext

from vendorwatch.expectations.templatetags.expectations_tags import quantity_with_unit
from vendorwatch.web.money import eur_text

register = template.Library()


@register.filter
def eur(value: Decimal | int | None) -> str:
    """1234.5 → "1.234,50 €" in German (the locale's separators otherwise)."""
    return eur_text(value)


@register.simple_tag
def period(amount: int | None, unit: str) -> str:
    """ "1 Jahr", "2 Jahre": an amount with its unit in the right number."""
    if amount is None:
        return "–"
    forms = {
        "days": ngettext("%(n)d day", "%(n)d days", amount),
        "weeks": ngettext("%(n)d week", "%(n)d weeks", amount),
        "months": ngettext("%(n)d month", "%(n)d months", amount),
        "quarters": ngettext("%(n)d quarter", "%(n)d quarters", amount),
        "years": ngettext("%(n)d year", "%(n)d years", amount),
    }
    return forms.get(unit, f"{amount} {unit}") % {"n": amount}


@register.filter
def field_rows(fields: list[Any]) -> list[list[Any]]:
    """A section's fields in rows: an amount and its unit ("3" "months") side by side."""
    rows: list[list[Any]] = []
    for bound in fields:
        previous = rows[-1][0].name if rows else ""
        if bound.name.endswith("_unit") and previous == bound.name.replace("_unit", "_amount"):
            rows[-1].append(bound)
        else:
            rows.append([bound])
    return rows


@register.filter
def quantity(value: Decimal | int) -> str:
    """20 → "20", 7.5 → "7,50", 1234 → "1.234": a count, grouped as the language writes it."""
    number = Decimal(value)
    places = 0 if number == number.to_integral_value() else 2
    return formats.number_format(number, places, use_l10n=True, force_grouping=True)


@register.filter
def hours(value: Decimal | int | None) -> str:
    """7.5 → "7,50 Std.", 20 → "20 Std.": hours as Germans write them."""
    if value is None or value == "":
        return "–"
    return gettext("%(hours)s h") % {"hours": quantity(value)}


@register.filter
def service_price(service: Any) -> str:
    """ "45,00 € je Einheit, pro Monat (25 Arbeitsplätze)": a contracted price says what it
    is for — one unit, not the service in total."""
    if service.price is None:
        return "–"
    text = gettext("%(price)s per unit, %(period)s") % {
        "price": eur(service.price),
        "period": service.get_price_period_display(),
    }
    if not service.unit:
        return text
    return f"{text} ({quantity_with_unit(service)})"
