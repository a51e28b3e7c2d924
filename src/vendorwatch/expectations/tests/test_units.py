from decimal import Decimal

import pytest

from vendorwatch.expectations.units import unit_after


@pytest.mark.parametrize(
    ("quantity", "unit", "shown"),
    [
        (Decimal("1"), "Vorgänge", "Vorgang"),
        (Decimal("1.00"), "Arbeitsplätze", "Arbeitsplatz"),
        (Decimal("2"), "Vorgänge", "Vorgänge"),
        (Decimal("0.5"), "Stunden", "Stunden"),
        (Decimal("1"), "Pauschale", "Pauschale"),
        (Decimal("1"), "users", "user"),
        (Decimal("1"), "Kisten", "Kisten"),  # not known: as typed
        (None, "Vorgänge", "Vorgänge"),
    ],
)
def test_a_unit_reads_right_after_its_number(quantity, unit, shown) -> None:
    assert unit_after(quantity, unit) == shown
