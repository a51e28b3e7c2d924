"""Amounts of money as the reader's language writes them: "1.234,50 €" in German."""

from __future__ import annotations

from decimal import Decimal

from django.utils import formats


def eur_text(value: Decimal | int | str | None) -> str:
    """1234.5 → "1.234,50 €" (the language's separators); "–" for no amount."""
    if value is None or value == "":
        return "–"
    number = formats.number_format(Decimal(value), 2, use_l10n=True, force_grouping=True)
    return f"{number}\N{NO-BREAK SPACE}€"
