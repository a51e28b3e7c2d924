from datetime import date, time

import pytest

from vendorwatch.core.businesstime import HOLIDAYS_VERSION, BusinessCalendar, DayKind, Window

from .factory import office, weekdays


def test_window_accepts_24_00_as_end() -> None:
    assert Window.of("22:00", "24:00") == Window(22 * 3600, 86_400)


def test_window_accepts_time_objects() -> None:
    assert Window.of(time(8), time(12, 30)).seconds == 4.5 * 3600


def test_window_end_before_start_is_rejected() -> None:
    with pytest.raises(ValueError, match="after its start"):
        Window.of("12:00", "08:00")


def test_window_empty_is_rejected() -> None:
    with pytest.raises(ValueError, match="after its start"):
        Window.of("08:00", "08:00")


def test_bad_time_text_is_rejected() -> None:
    with pytest.raises(ValueError, match="HH:MM"):
        Window.of("8 Uhr", "12:00")


def test_time_after_24_00_is_rejected() -> None:
    with pytest.raises(ValueError, match="outside"):
        Window.of("08:00", "24:30")


def test_overlapping_windows_are_rejected() -> None:
    with pytest.raises(ValueError, match="overlap"):
        weekdays("08:00-12:00", "11:00-17:00")


def test_touching_windows_are_allowed() -> None:
    calendar = weekdays("08:00-12:00", "12:00-17:00")
    assert len(calendar.weekly[0]) == 2


def test_several_windows_per_day_are_sorted() -> None:
    calendar = weekdays("13:00-17:00", "08:00-12:00")
    assert [str(w) for w in calendar.weekly[0]] == ["08:00-12:00", "13:00-17:00"]


def test_unknown_time_zone_is_rejected() -> None:
    with pytest.raises(ValueError, match="time zone"):
        weekdays("08:00-17:00", tz="Europe/Nowhere")


def test_unknown_subdivision_is_rejected() -> None:
    with pytest.raises(ValueError, match="holidays"):
        office(region="DE-XX")


def test_weekly_needs_seven_days() -> None:
    with pytest.raises(ValueError, match="7 entries"):
        BusinessCalendar(tz="UTC", weekly=((),) * 5)


def test_closure_and_override_on_same_date_is_rejected() -> None:
    day = date(2026, 12, 24)
    with pytest.raises(ValueError, match="both closed and overridden"):
        office(closures=[day], overrides={day: ["08:00-12:00"]})


def test_bavaria_has_epiphany() -> None:
    assert office("DE-BY").day_rule(date(2026, 1, 6)).kind is DayKind.HOLIDAY


def test_north_rhine_westphalia_has_no_epiphany() -> None:
    assert office("DE-NW").day_rule(date(2026, 1, 6)).kind is DayKind.WEEKLY


def test_assumption_day_needs_the_catholic_category_in_bavaria() -> None:
    assert office("DE-BY").day_rule(date(2026, 8, 14)).kind is DayKind.WEEKLY
    plain = office("DE-BY").day_rule(date(2025, 8, 15))
    catholic = office("DE-BY", categories=("public", "catholic")).day_rule(date(2025, 8, 15))
    assert (plain.kind, catholic.kind) == (DayKind.WEEKLY, DayKind.HOLIDAY)


@pytest.mark.parametrize(
    "state",
    [
        "BB",
        "BE",
        "BW",
        "BY",
        "HB",
        "HE",
        "HH",
        "MV",
        "NI",
        "NW",
        "RP",
        "SH",
        "SL",
        "SN",
        "ST",
        "TH",
    ],
)
def test_every_german_state_knows_unity_day(state):
    assert office(f"DE-{state}").day_rule(date(2026, 10, 3)).kind is DayKind.HOLIDAY


def test_holiday_names_come_in_german_and_english() -> None:
    calendar = office("DE-BY")
    assert calendar.holiday_name(date(2026, 1, 6), "de") == "Heilige Drei Könige"
    assert calendar.holiday_name(date(2026, 1, 6), "en") == "Epiphany"


def test_closure_closes_a_working_day() -> None:
    rule = office(closures=[date(2026, 12, 28)]).day_rule(date(2026, 12, 28))
    assert (rule.kind, rule.windows) == (DayKind.CLOSURE, ())


def test_override_sets_half_day() -> None:
    calendar = office(overrides={date(2026, 12, 24): ["08:00-12:00"]})
    assert [str(w) for w in calendar.windows_on(date(2026, 12, 24))] == ["08:00-12:00"]


def test_override_beats_holiday() -> None:
    calendar = office(overrides={date(2026, 1, 6): ["09:00-10:00"]})
    assert calendar.day_rule(date(2026, 1, 6)).kind is DayKind.OVERRIDE


def test_empty_override_closes_the_day() -> None:
    calendar = office(overrides={date(2026, 3, 2): []})
    assert calendar.windows_on(date(2026, 3, 2)) == ()


def test_always_open_has_full_days() -> None:
    calendar = BusinessCalendar.always_open("Europe/Berlin")
    assert all(str(day[0]) == "00:00-24:00" for day in calendar.weekly)


def test_daily_seconds_is_most_common_weekday_total() -> None:
    calendar = BusinessCalendar.create(
        "UTC", {0: ["08:00-17:00"], 1: ["08:00-17:00"], 2: ["08:00-17:00"], 4: ["08:00-12:00"]}
    )
    assert calendar.daily_seconds == 9 * 3600


def test_daily_seconds_can_be_configured() -> None:
    assert office(daily_hours=8).daily_seconds == 8 * 3600


def test_calendar_is_hashable_and_equal_by_value() -> None:
    assert hash(office()) == hash(office()) and office() == office()


def test_fingerprint_changes_with_region() -> None:
    assert office("DE-BY").fingerprint != office("DE-NW").fingerprint


def test_provenance_records_holiday_data_version() -> None:
    provenance = office(name="Standard").provenance()
    assert (provenance.calendar_name, provenance.holidays_version, provenance.region) == (
        "Standard",
        HOLIDAYS_VERSION,
        "DE-BY",
    )
