from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils import formats

register = template.Library()


@register.filter
def money(value: Decimal | int | None) -> str:
    """1234.5 → "1.234,50 EUR" in German, "1,234.50 EUR" in English; "–" for no amount."""
    if value is None or value == "":
        return "–"
    number = formats.number_format(Decimal(value), 2, use_l10n=True, force_grouping=True)
    return f"{number}\N{NO-BREAK SPACE}EUR"
