"""Durations of a business day or more read "3 Arbeitstage 4:30 h", not "1229:30 h".

Hand-worked example (service hours Mo–Fr 08–17, so a business day has 9 hours): a P2
problem reported Monday 23.11.2026 09:00 has a response time of 1 h (due Monday 10:00) and a
resolution time of 8 h (due Monday 17:00). On Friday 27.11.2026 12:30 the resolution is
overdue by Tue + Wed + Thu (3 × 9 h) plus Fri 08:00–12:30 (4:30 h): 3 business days 4:30 h;
the response by Mon 10–17 (7 h) more: 38:30 h = 4 business days 2:30 h.
"""

from types import SimpleNamespace

import pytest
from django.utils import translation

from vendorwatch.core import businesstime as bt
from vendorwatch.problems.durations import business_duration, day_of, day_seconds, target_duration
from vendorwatch.problems.tests.factory import make_problem
from vendorwatch.sla.tests.factory import make_calendar, make_policy, terms

HOUR = 3600
NINE_HOURS = 9 * HOUR


@pytest.fixture(autouse=True)
def german():
    with translation.override("de"):
        yield


def test_a_duration_under_a_day_stays_in_hours_and_minutes() -> None:
    assert business_duration(4 * HOUR + 30 * 60, NINE_HOURS) == "4:30 h"


def test_a_duration_of_days_is_written_in_business_days_and_hours() -> None:
    assert business_duration(3 * NINE_HOURS + 4 * HOUR + 30 * 60, NINE_HOURS) == (
        "3 Arbeitstage 4:30 h"
    )


def test_one_business_day_is_singular_and_whole_days_have_no_hours() -> None:
    assert business_duration(NINE_HOURS, NINE_HOURS) == "1 Arbeitstag"
    assert business_duration(2 * NINE_HOURS, NINE_HOURS) == "2 Arbeitstage"


def test_the_issue_s_example_becomes_days() -> None:
    assert business_duration(1229 * HOUR + 30 * 60, NINE_HOURS) == "136 Arbeitstage 5:30 h"


def test_round_the_clock_days_are_plain_days() -> None:
    assert business_duration(25 * HOUR, 24 * HOUR) == "1 Tag 1:00 h"


def test_without_a_day_length_it_stays_in_hours() -> None:
    assert business_duration(1229 * HOUR + 30 * 60, 0) == "1229:30 h"


def test_english_has_its_own_words() -> None:
    with translation.override("en"):
        assert business_duration(NINE_HOURS + HOUR, NINE_HOURS) == "1 business day 1:00 h"


@pytest.mark.django_db
def test_a_day_is_as_long_as_the_service_hours_of_the_sla_version() -> None:
    policy = make_policy(terms=terms(make_calendar(weekly=[["08:00-12:00", "13:00-17:00"]] * 5)))
    assert day_seconds(policy.latest_version) == 8 * HOUR
    assert day_seconds(None) == 0


@pytest.mark.django_db
def test_the_clock_writes_overdue_times_in_business_days(client, editor, time_machine) -> None:
    time_machine.move_to("2026-11-23 09:00+01:00", tick=False)
    problem = make_problem("2026-11-23 09:00+01:00", impact="high", urgency="medium")
    time_machine.move_to("2026-11-27 12:30+01:00", tick=False)
    client.force_login(editor)
    page = client.get(f"/problems/{problem.pk}/clock/").content.decode()
    assert "3 Arbeitstage 4:30 h überschritten" in page
    assert "4 Arbeitstage 2:30 h überschritten" in page
    assert "Vorgabe 8 Std." in page


def test_a_target_in_hours_reads_as_hours_not_a_time_of_day() -> None:
    with translation.override("de"):
        assert target_duration(8 * 3600, 9 * 3600) == "8 Std."


def test_a_target_of_whole_business_days_reads_in_days() -> None:
    with translation.override("de"):
        assert target_duration(2 * 9 * 3600, 9 * 3600) == "2 Arbeitstage"


def test_a_target_in_minutes_reads_in_minutes() -> None:
    with translation.override("en"):
        assert target_duration(30 * 60, 9 * 3600) == "30 min"


def test_a_target_in_calendar_time_has_days_of_24_hours() -> None:
    calendar_clock = SimpleNamespace(clock=bt.Clock.CALENDAR)
    with translation.override("de"):
        assert target_duration(24 * HOUR, day_of(calendar_clock, NINE_HOURS)) == "1 Tag"


def test_a_target_in_business_time_keeps_the_business_day() -> None:
    business_clock = SimpleNamespace(clock=bt.Clock.BUSINESS)
    assert day_of(business_clock, NINE_HOURS) == NINE_HOURS
