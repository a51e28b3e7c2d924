import numpy as np
import pandas as pd
import pytest

from vendorwatch.core.businesstime import (
    BusinessTable,
    NaiveDatetimeError,
    OutOfRangeError,
    business_seconds,
    business_seconds_array,
    due,
    due_array,
)
from vendorwatch.core.businesstime.instants import from_epoch

from .factory import BERLIN, berlin, office

HOUR = 3600
RNG = np.random.default_rng(7)
STARTS = RNG.integers(1_767_225_600, 1_798_761_600, 300)  # 2026
ENDS = STARTS + RNG.integers(-3600, 20 * 86_400, 300)


def test_elapsed_agrees_with_scalar() -> None:
    calendar = office()
    expected = [
        business_seconds(calendar, from_epoch(s, BERLIN), from_epoch(e, BERLIN))
        for s, e in zip(STARTS, ENDS, strict=True)
    ]
    assert business_seconds_array(calendar, STARTS, ENDS).tolist() == expected


def test_due_agrees_with_scalar() -> None:
    calendar = office()
    budgets = RNG.integers(0, 40 * HOUR, 300)
    expected = [
        int(due(calendar, from_epoch(s, BERLIN), int(b)).timestamp())
        for s, b in zip(STARTS, budgets, strict=True)
    ]
    assert due_array(calendar, STARTS, budgets).tolist() == expected


def test_pauses_agree_with_scalar() -> None:
    calendar = office()
    index = RNG.integers(0, 300, 200)
    p_start = STARTS[index] + RNG.integers(-86_400, 5 * 86_400, 200)
    p_end = p_start + RNG.integers(0, 3 * 86_400, 200)
    got = business_seconds_array(calendar, STARTS, ENDS, (index, p_start, p_end))
    for i in range(300):
        pauses = [
            (from_epoch(a, BERLIN), from_epoch(b, BERLIN))
            for a, b in zip(p_start[index == i], p_end[index == i], strict=True)
        ]
        assert got[i] == business_seconds(
            calendar, from_epoch(STARTS[i], BERLIN), from_epoch(ENDS[i], BERLIN), pauses
        )


def test_due_with_pauses_agrees_with_scalar() -> None:
    calendar = office()
    budgets = RNG.integers(0, 40 * HOUR, 300)
    index = RNG.integers(0, 300, 200)
    p_start = STARTS[index] + RNG.integers(-86_400, 5 * 86_400, 200)
    p_end = p_start + RNG.integers(0, 3 * 86_400, 200)
    got = due_array(calendar, STARTS, budgets, (index, p_start, p_end))
    for i in range(300):
        pauses = [
            (from_epoch(a, BERLIN), from_epoch(b, BERLIN))
            for a, b in zip(p_start[index == i], p_end[index == i], strict=True)
        ]
        expected = due(calendar, from_epoch(STARTS[i], BERLIN), int(budgets[i]), pauses)
        assert got[i] == int(expected.timestamp())


def test_datetime64_input_gives_datetime64_due() -> None:
    starts = np.array(["2026-03-04T07:00:00"], dtype="datetime64[s]")  # 08:00 Berlin
    assert due_array(office(), starts, np.array([HOUR]))[0] == np.datetime64("2026-03-04T08:00:00")


def test_timedelta64_budgets_are_accepted() -> None:
    starts = np.array(["2026-03-04T07:00:00"], dtype="datetime64[s]")
    budgets = np.array([2], dtype="timedelta64[h]")
    assert due_array(office(), starts, budgets)[0] == np.datetime64("2026-03-04T09:00:00")


def test_pandas_columns_are_accepted() -> None:
    starts = pd.Series(pd.to_datetime(["2026-03-04 08:00"]).tz_localize("Europe/Berlin"))
    ends = pd.Series(pd.to_datetime(["2026-03-04 10:30"]).tz_localize("Europe/Berlin"))
    assert business_seconds_array(office(), starts, ends).tolist() == [9000]


def test_pandas_due_comes_back_as_aware_series() -> None:
    starts = pd.Series(pd.to_datetime(["2026-03-04 16:00"]).tz_localize("Europe/Berlin"))
    result = due_array(office(), starts, [2 * HOUR])
    assert result.iloc[0] == pd.Timestamp("2026-03-05 09:00", tz="Europe/Berlin")


def test_naive_pandas_column_is_rejected() -> None:
    starts = pd.Series(pd.to_datetime(["2026-03-04 16:00"]))
    with pytest.raises(NaiveDatetimeError):
        business_seconds_array(office(), starts, starts)


def test_explicit_table_rejects_instants_outside_its_range() -> None:
    table = BusinessTable.for_years(office(), 2026, 2026)
    with pytest.raises(OutOfRangeError, match="outside this table's range"):
        business_seconds_array(table, STARTS, STARTS + 400 * 86_400)


def test_explicit_table_rejects_due_beyond_its_end() -> None:
    table = BusinessTable.for_years(office(), 2026, 2026)
    with pytest.raises(OutOfRangeError, match="after the end"):
        due_array(table, np.array([int(berlin(2026, 12, 30, 8).timestamp())]), [100 * HOUR])


def test_calendar_source_extends_automatically() -> None:
    starts = np.array([int(berlin(2031, 12, 30, 8).timestamp())])
    assert due_array(office(), starts, [100 * HOUR])[0] > starts[0]


def test_mismatched_lengths_are_rejected() -> None:
    with pytest.raises(ValueError, match="same length"):
        business_seconds_array(office(), STARTS, ENDS[:-1])


def test_pause_index_out_of_range_is_rejected() -> None:
    with pytest.raises(ValueError, match="index out of range"):
        business_seconds_array(office(), STARTS, ENDS, ([300], [STARTS[0]], [ENDS[0]]))
