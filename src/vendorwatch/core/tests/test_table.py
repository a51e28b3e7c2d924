import numpy as np

from vendorwatch.core.businesstime import BusinessCalendar, BusinessTable
from vendorwatch.core.businesstime.table import wall_to_instant

from .factory import BERLIN, berlin, office


def test_intervals_are_sorted_and_disjoint() -> None:
    table = BusinessTable.for_years(office(), 2026, 2026)
    assert np.all(table.opens[1:] >= table.closes[:-1]) and np.all(table.closes >= table.opens)


def test_adjacent_windows_are_merged() -> None:
    calendar = BusinessCalendar.create("UTC", {0: ["08:00-12:00", "12:00-17:00"]})
    table = BusinessTable.for_years(calendar, 2026, 2026)
    assert set((table.closes - table.opens)[1:].tolist()) == {9 * 3600}


def test_wall_time_in_spring_gap_maps_to_end_of_gap() -> None:
    instant = wall_to_instant(BERLIN, berlin(2026, 3, 29).date(), int(2.5 * 3600))
    assert instant == int(berlin(2026, 3, 29, 3).timestamp())


def test_wall_time_in_autumn_fold_maps_to_first_occurrence() -> None:
    instant = wall_to_instant(BERLIN, berlin(2026, 10, 25).date(), int(2.5 * 3600))
    assert instant == int(berlin(2026, 10, 25, 2, 30).timestamp())  # fold=0


def test_inverse_of_cumulative_is_closing_time() -> None:
    table = BusinessTable.for_years(office(), 2026, 2026)
    end = np.array([int(berlin(2026, 3, 4, 17).timestamp())])
    assert table.inverse(table.cumulative(end)).tolist() == end.tolist()


def test_table_for_calendar_without_hours_is_empty() -> None:
    table = BusinessTable.for_years(BusinessCalendar.create("UTC", {}), 2026, 2026)
    assert table.total == 0
