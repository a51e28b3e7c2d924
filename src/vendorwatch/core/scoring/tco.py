"""Total cost of ownership over a horizon of whole years: stay with the current provider, or
switch to a new one.

Money is :class:`~decimal.Decimal`; every component is computed exactly and rounded to cents
(ROUND_HALF_UP) at the end, and ``total`` is the sum of the rounded components, so the
parts shown always add up to the total shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
MIN_YEARS = 1
MAX_YEARS = 10


@dataclass(frozen=True)
class Tco:
    """The cost of one option over the horizon.

    ``one_off``: set-up price of the new provider; ``running``: the monthly price over the
    months paid (for staying: the current provider over the whole horizon); ``switching``:
    migration plus internal effort; ``remaining_current``: what the current contract still
    costs until it can end (0 when staying, where it is part of ``running``);
    ``months_new``: months paid to the new provider within the horizon (0 when staying).
    """

    one_off: Decimal
    running: Decimal
    switching: Decimal
    remaining_current: Decimal
    total: Decimal
    months_new: int


def _cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def _check_years(years: int) -> int:
    if not MIN_YEARS <= years <= MAX_YEARS:
        raise ValueError(f"years must be between {MIN_YEARS} and {MAX_YEARS}: {years}")
    return 12 * years


def _check_amounts(**amounts: Decimal | int) -> None:
    for name, amount in amounts.items():
        if isinstance(amount, Decimal) and not amount.is_finite():
            raise ValueError(f"{name} must be a finite number: {amount}")
        if amount < 0:
            raise ValueError(f"{name} must not be negative: {amount}")


def _tco(
    *,
    one_off: Decimal,
    running: Decimal,
    switching: Decimal,
    remaining_current: Decimal,
    months_new: int,
) -> Tco:
    one_off, running = _cents(one_off), _cents(running)
    switching, remaining_current = _cents(switching), _cents(remaining_current)
    return Tco(
        one_off=one_off,
        running=running,
        switching=switching,
        remaining_current=remaining_current,
        total=one_off + running + switching + remaining_current,
        months_new=months_new,
    )


def stay_tco(*, years: int, current_monthly: Decimal) -> Tco:
    """Staying: ``running`` = current_monthly × 12 × years, nothing else.

    Raises ValueError for a negative price or ``years`` outside 1..10.
    """
    horizon = _check_years(years)
    _check_amounts(current_monthly=current_monthly)
    return _tco(
        one_off=Decimal(0),
        running=current_monthly * horizon,
        switching=Decimal(0),
        remaining_current=Decimal(0),
        months_new=0,
    )


def switch_tco(
    *,
    years: int,
    one_off: Decimal,
    monthly: Decimal,
    migration: Decimal,
    internal_hours: Decimal,
    hourly_rate: Decimal,
    parallel_months: int,
    current_monthly: Decimal,
    months_until_current_ends: int,
) -> Tco:
    """Switching, over a horizon of 12 × ``years`` months from today.

    The current contract is paid until it can end (``months_until_current_ends``), and at
    least for the parallel run: the old provider keeps working while the new one takes over,
    also when its contract could end sooner (at most the horizon). The new provider starts
    ``parallel_months`` before the old one stops, never before today, and both are paid
    during the overlap::

        paid_current      = max(months_until_current_ends, parallel_months)
        remaining_current = current_monthly × min(paid_current, horizon)
        months_new = clamp(horizon − paid_current + parallel_months, 0, horizon)
        running    = monthly × months_new
        switching  = migration + internal_hours × hourly_rate
        total      = one_off + running + switching + remaining_current

    The one-off price and the switching cost count in full even if the new provider would
    start only after the horizon (``months_new`` = 0): the comparison is about switching.
    Raises ValueError for a negative input or ``years`` outside 1..10.
    """
    horizon = _check_years(years)
    _check_amounts(
        one_off=one_off,
        monthly=monthly,
        migration=migration,
        internal_hours=internal_hours,
        hourly_rate=hourly_rate,
        parallel_months=parallel_months,
        current_monthly=current_monthly,
        months_until_current_ends=months_until_current_ends,
    )
    paid_current = max(months_until_current_ends, parallel_months)
    months_current = min(paid_current, horizon)
    months_new = min(max(horizon - paid_current + parallel_months, 0), horizon)
    return _tco(
        one_off=one_off,
        running=monthly * months_new,
        switching=migration + internal_hours * hourly_rate,
        remaining_current=current_monthly * months_current,
        months_new=months_new,
    )
