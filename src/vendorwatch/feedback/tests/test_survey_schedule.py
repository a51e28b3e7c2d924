"""When rounds are due: counted from the first day (a month end stays a month end), one
catch-up round after a pause, a survey asked once is asked once, and a round closes at the
organisation's midnight whatever the clocks do."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from hypothesis import given
from hypothesis import strategies as st

from vendorwatch.feedback import services
from vendorwatch.feedback.models import Survey
from vendorwatch.feedback.services import add_months, closing_moment, next_round_day, scheduled_day
from vendorwatch.feedback.tests.factory import make_round, make_survey
from vendorwatch.testing.factory import make_organisation

BERLIN = ZoneInfo("Europe/Berlin")
MONTHLY, QUARTERLY, ONCE = Survey.Interval.MONTHLY, Survey.Interval.QUARTERLY, Survey.Interval.ONCE


def survey(first: date, interval: str = MONTHLY, **fields: object) -> Survey:
    """An unsaved running survey (enough for the pure schedule)."""
    return Survey(first_round_on=first, interval=interval, status=Survey.Status.ACTIVE, **fields)


def test_months_are_added_to_the_last_day_at_most() -> None:
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert add_months(date(2026, 12, 15), 1) == date(2027, 1, 15)
    assert add_months(date(2026, 3, 31), -1) == date(2026, 2, 28)


@given(st.dates(max_value=date(9000, 1, 1)), st.integers(min_value=0, max_value=120))
def test_adding_months_lands_in_the_right_month_never_later_in_it(day: date, months: int) -> None:
    moved = add_months(day, months)
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months
    assert moved.day <= day.day


def test_nothing_is_scheduled_before_the_first_day() -> None:
    assert scheduled_day(survey(date(2026, 10, 1)), date(2026, 9, 30)) is None


def test_a_monthly_survey_from_the_31st_keeps_to_the_month_ends() -> None:
    first = survey(date(2027, 1, 31))
    assert scheduled_day(first, date(2027, 1, 31)) == date(2027, 1, 31)
    assert scheduled_day(first, date(2027, 2, 27)) == date(2027, 1, 31)
    assert scheduled_day(first, date(2027, 2, 28)) == date(2027, 2, 28)
    assert scheduled_day(first, date(2027, 3, 30)) == date(2027, 2, 28)
    assert scheduled_day(first, date(2027, 3, 31)) == date(2027, 3, 31)
    assert scheduled_day(first, date(2027, 4, 30)) == date(2027, 4, 30)


def test_in_a_leap_year_february_ends_on_the_29th() -> None:
    first = survey(date(2028, 1, 31))
    assert scheduled_day(first, date(2028, 2, 28)) == date(2028, 1, 31)
    assert scheduled_day(first, date(2028, 2, 29)) == date(2028, 2, 29)


def test_a_quarterly_survey_is_due_every_three_months() -> None:
    first = survey(date(2026, 10, 1), QUARTERLY)
    assert scheduled_day(first, date(2026, 12, 31)) == date(2026, 10, 1)
    assert scheduled_day(first, date(2027, 1, 1)) == date(2027, 1, 1)
    assert scheduled_day(first, date(2027, 6, 30)) == date(2027, 4, 1)


def test_after_months_without_a_job_runner_only_the_latest_day_counts() -> None:
    first = survey(date(2026, 1, 31))
    assert scheduled_day(first, date(2026, 7, 15)) == date(2026, 6, 30)


def test_a_survey_asked_once_is_scheduled_on_its_first_day_only() -> None:
    once = survey(date(2026, 10, 1), ONCE)
    assert scheduled_day(once, date(2026, 10, 1)) == date(2026, 10, 1)
    assert scheduled_day(once, date(2029, 5, 5)) == date(2026, 10, 1)


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)),
    st.sampled_from([1, 3, 6, 12]),
    st.integers(min_value=0, max_value=2000),
)
def test_the_scheduled_day_is_the_latest_one_up_to_today(first: date, months: int, days: int):
    interval = {1: MONTHLY, 3: QUARTERLY, 6: Survey.Interval.HALF_YEARLY, 12: "yearly"}[months]
    today = first + timedelta(days=days)
    day = scheduled_day(survey(first, interval), today)
    assert day is not None
    steps = next(n for n in range(10_000) if add_months(first, (n + 1) * months) > today)
    assert day == add_months(first, steps * months)


@pytest.mark.django_db
def test_the_next_monthly_day_after_february_is_the_31st_of_march() -> None:
    planned = make_survey(first_round_on=date(2027, 1, 31), interval=MONTHLY)
    with time_machine.travel(datetime(2027, 2, 28, 9, tzinfo=BERLIN), tick=False):
        make_round(planned)
    assert next_round_day(planned, date(2027, 2, 28)) == date(2027, 3, 31)
    assert next_round_day(planned, date(2027, 3, 1)) == date(2027, 3, 31)


@pytest.mark.django_db
def test_before_the_first_day_the_first_day_is_next() -> None:
    planned = make_survey(first_round_on=date(2026, 10, 1))
    assert next_round_day(planned, date(2026, 9, 1)) == date(2026, 10, 1)


@pytest.mark.django_db
def test_a_round_waiting_for_the_job_runner_is_next_today() -> None:
    planned = make_survey(first_round_on=date(2026, 10, 1), interval=QUARTERLY)
    assert next_round_day(planned, date(2026, 10, 5)) == date(2026, 10, 5)


@pytest.mark.django_db
def test_after_the_days_round_the_next_quarter_is_next() -> None:
    planned = make_survey(first_round_on=date(2026, 10, 1), interval=QUARTERLY)
    with time_machine.travel(datetime(2026, 10, 1, 9, tzinfo=BERLIN), tick=False):
        make_round(planned)
    assert next_round_day(planned, date(2026, 10, 1)) == date(2027, 1, 1)


@pytest.mark.django_db
def test_a_survey_asked_once_has_no_next_round_after_its_round() -> None:
    once = make_survey(first_round_on=date(2026, 10, 1), interval=ONCE)
    assert next_round_day(once, date(2026, 10, 1)) == date(2026, 10, 1)
    make_round(once, opens_at=datetime(2026, 10, 1, 9, tzinfo=BERLIN))
    assert next_round_day(once, date(2026, 10, 2)) is None


@pytest.mark.django_db
def test_a_survey_not_running_has_no_next_round() -> None:
    for status in (Survey.Status.DRAFT, Survey.Status.ENDED):
        assert next_round_day(make_survey(status=status), date(2026, 9, 1)) is None


@pytest.mark.django_db
def test_the_year_9999_has_no_next_round_after_it() -> None:
    late = make_survey(first_round_on=date(9999, 12, 1), interval=Survey.Interval.YEARLY)
    make_round(late, opens_at=datetime(2026, 1, 1, tzinfo=UTC), days=1)
    late.rounds.update(opens_at=datetime(9999, 12, 1, 12, tzinfo=UTC))
    assert next_round_day(late, date(9999, 12, 2)) is None


@pytest.mark.django_db
def test_a_round_closes_at_local_midnight_in_summer_time() -> None:
    closes = closing_moment(date(2026, 7, 1), 14)
    assert closes == datetime(2026, 7, 15, tzinfo=BERLIN)
    assert closes.astimezone(UTC) == datetime(2026, 7, 14, 22, tzinfo=UTC)


@pytest.mark.django_db
def test_a_round_over_the_spring_change_closes_at_local_midnight() -> None:
    # 29.03.2026: the clocks go forward; the round is 14 days long, one hour shorter.
    closes = closing_moment(date(2026, 3, 20), 14)
    assert closes.astimezone(UTC) == datetime(2026, 4, 2, 22, tzinfo=UTC)
    opened = datetime(2026, 3, 20, tzinfo=BERLIN)
    assert closes.astimezone(UTC) - opened.astimezone(UTC) == timedelta(days=14, hours=-1)


@pytest.mark.django_db
def test_a_round_over_the_autumn_change_closes_at_local_midnight() -> None:
    closes = closing_moment(date(2026, 10, 20), 14)
    assert closes.astimezone(UTC) == datetime(2026, 11, 2, 23, tzinfo=UTC)


@pytest.mark.django_db
def test_a_round_closes_at_midnight_of_the_organisations_zone() -> None:
    make_organisation(time_zone="America/New_York")
    closes = closing_moment(date(2026, 3, 1), 14)  # the US clocks go forward on 08.03.
    assert closes.astimezone(UTC) == datetime(2026, 3, 15, 4, tzinfo=UTC)


@pytest.mark.django_db
def test_an_unknown_zone_of_the_organisation_falls_back_to_the_settings() -> None:
    make_organisation(time_zone="Mars/Olympus")
    assert services.local_zone() == BERLIN


@pytest.mark.django_db
def test_the_last_day_of_a_round_is_the_day_before_it_closes() -> None:
    assert services.last_day(closing_moment(date(2026, 10, 20), 14)) == date(2026, 11, 2)
