"""Values written as a reader expects them: amounts in euros, time zones by place."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from vendorwatch.web.money import eur_text
from vendorwatch.web.zones import zone_label

register = template.Library()


@register.filter
def eur(value: Decimal | int | None) -> str:
    """1234.5 → "1.234,50 €" in German, "1,234.50 €" in English; "–" for no amount."""
    return eur_text(value)


@register.filter
def zone_name(value: str) -> Any:
    """ "Europe/Berlin" → "Deutschland (Berlin)"."""
    return zone_label(value) if value else ""
