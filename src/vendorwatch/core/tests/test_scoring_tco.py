"""Total cost of ownership: stay or switch."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vendorwatch.core.scoring import Tco, stay_tco, switch_tco

D = Decimal


def switch(**changes):
    arguments = {
        "years": 3,
        "one_off": D(5000),
        "monthly": D(900),
        "migration": D(3000),
        "internal_hours": D(40),
        "hourly_rate": D(85),
        "parallel_months": 2,
        "current_monthly": D(1000),
        "months_until_current_ends": 8,
    }
    return switch_tco(**{**arguments, **changes})


def test_stay_is_the_current_price_over_the_horizon() -> None:
    # 1000 × 12 × 3 = 36000
    assert stay_tco(years=3, current_monthly=D(1000)) == Tco(
        D("0.00"), D("36000.00"), D("0.00"), D("0.00"), D("36000.00"), 0
    )


def test_switch_hand_worked() -> None:
    # horizon 36; current paid 8 months: 8000; new from month 8 − 2 = 6: 36 − 8 + 2 = 30
    # months × 900 = 27000; switching 3000 + 40 × 85 = 6400; one-off 5000
    # total 5000 + 27000 + 6400 + 8000 = 46400
    assert switch() == Tco(
        one_off=D("5000.00"),
        running=D("27000.00"),
        switching=D("6400.00"),
        remaining_current=D("8000.00"),
        total=D("46400.00"),
        months_new=30,
    )


def test_the_new_provider_never_starts_before_today() -> None:
    # current could end in 1 month, 3 months parallel wanted: the new one starts today (36
    # months) and the old one is paid for the whole parallel run, 3 × 1000
    tco = switch(months_until_current_ends=1, parallel_months=3)
    assert (tco.months_new, tco.running, tco.remaining_current) == (36, D("32400.00"), D("3000.00"))


def test_the_parallel_run_is_paid_when_the_current_contract_can_end_at_once() -> None:
    # ends now, 3 months parallel: current 3 × 1000, new 36 months
    tco = switch(months_until_current_ends=0, parallel_months=3)
    assert (tco.months_new, tco.remaining_current) == (36, D("3000.00"))


def test_a_current_contract_running_past_the_horizon_is_paid_only_within_it() -> None:
    # ends in 40 months, horizon 36: current 36 × 1000; new: 36 − 40 + 2 < 0 → 0 months
    tco = switch(months_until_current_ends=40)
    assert (tco.months_new, tco.running, tco.remaining_current) == (0, D("0.00"), D("36000.00"))


def test_amounts_are_rounded_to_cents_at_the_end() -> None:
    # 12.5 hours × 33.333 = 416.6625 → 416.66 + migration 0.005 → 416.6675 → 416.67
    tco = switch(migration=D("0.005"), internal_hours=D("12.5"), hourly_rate=D("33.333"))
    assert tco.switching == D("416.67")


@pytest.mark.parametrize("years", [0, 11, -1])
def test_years_outside_1_to_10_are_refused(years) -> None:
    with pytest.raises(ValueError):
        switch(years=years)
    with pytest.raises(ValueError):
        stay_tco(years=years, current_monthly=D(1))


@pytest.mark.parametrize(
    "field",
    ["one_off", "monthly", "migration", "internal_hours", "hourly_rate", "current_monthly"],
)
def test_a_negative_amount_is_refused(field) -> None:
    with pytest.raises(ValueError):
        switch(**{field: D("-0.01")})


@pytest.mark.parametrize("field", ["parallel_months", "months_until_current_ends"])
def test_a_negative_month_count_is_refused(field) -> None:
    with pytest.raises(ValueError):
        switch(**{field: -1})


def test_a_negative_current_price_is_refused_when_staying() -> None:
    with pytest.raises(ValueError):
        stay_tco(years=1, current_monthly=D(-1))


money = st.decimals(min_value=0, max_value=10**6, places=3)
months = st.integers(min_value=0, max_value=200)


@given(
    st.integers(min_value=1, max_value=10),
    money,
    money,
    money,
    st.decimals(min_value=0, max_value=10**4, places=2),
    money,
    months,
    money,
    months,
)
def test_switch_components_are_never_negative_and_add_up_to_the_total(
    years, one_off, monthly, migration, hours, rate, parallel, current, until
) -> None:
    tco = switch_tco(
        years=years,
        one_off=one_off,
        monthly=monthly,
        migration=migration,
        internal_hours=hours,
        hourly_rate=rate,
        parallel_months=parallel,
        current_monthly=current,
        months_until_current_ends=until,
    )
    parts = [tco.one_off, tco.running, tco.switching, tco.remaining_current]
    assert all(part >= 0 for part in parts)
    assert sum(parts) == tco.total
    assert 0 <= tco.months_new <= 12 * years
    assert all(part.as_tuple().exponent == -2 for part in [*parts, tco.total])


@given(st.integers(min_value=1, max_value=10), money)
def test_stay_components_add_up_to_the_total(years, current) -> None:
    tco = stay_tco(years=years, current_monthly=current)
    assert tco.one_off + tco.running + tco.switching + tco.remaining_current == tco.total
    assert tco.total >= 0
