from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils import formats
from django.utils.translation import ngettext

register = template.Library()


@register.filter
def eur(value: Decimal | int | None) -> str:
    """1234.5 → "1.234,50 €" in German (the locale's separators otherwise)."""
    if value is None or value == "":
        return "–"
    number = formats.number_format(Decimal(value), 2, use_l10n=True, force_grouping=True)
    return f"{number}\u00a0€"


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
