"""A changed schedule carries the series' future stored meetings along; moved meetings stay
visible while their new date is ahead."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import pytest

from vendorwatch.meetings.models import Meeting, MeetingSeries
from vendorwatch.meetings.recurrence import occurrences
from vendorwatch.meetings.services import (
    schedule_of,
    series_reschedule,
    upcoming_occurrences,
)
from vendorwatch.meetings.tests.factory import BERLIN, make_meeting, make_series

pytestmark = pytest.mark.django_db


def at(day: str, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(date.fromisoformat(day), time(hour, minute), tzinfo=BERLIN)


@pytest.fixture
def series(time_machine: Any) -> MeetingSeries:
    """First Tuesday of each month at 10:00; today is 10.02.2026."""
    time_machine.move_to("2026-02-10 12:00+01:00", tick=False)
    return make_series(first_date=date(2026, 1, 6))


def reschedule(series: MeetingSeries, **changes: Any) -> list[Meeting]:
    old = schedule_of(series)
    for name, value in changes.items():
        setattr(series, name, value)
    series.save()
    return series_reschedule(series, old=old)


def is_rule_date(series: MeetingSeries, moment: datetime) -> bool:
    return moment in occurrences(series, moment - timedelta(days=1), moment + timedelta(days=1))


def test_a_new_time_moves_a_prepared_meeting_with_its_rule_date(series: MeetingSeries) -> None:
    prepared = make_meeting(series=series, starts_at=at("2026-03-03", 10))
    reschedule(series, start_time=time(14, 0))
    prepared.refresh_from_db()
    assert prepared.recurrence_id == at("2026-03-03", 14)
    assert (prepared.starts_at, prepared.ends_at) == (at("2026-03-03", 14), at("2026-03-03", 15))


def test_a_new_time_keeps_a_moved_meeting_where_it_was_moved_to(series: MeetingSeries) -> None:
    moved = make_meeting(
        series=series, recurrence_id=at("2026-04-07", 10), starts_at=at("2026-04-08", 11)
    )
    reschedule(series, start_time=time(14, 0))
    moved.refresh_from_db()
    assert moved.recurrence_id == at("2026-04-07", 14)
    assert moved.starts_at == at("2026-04-08", 11)


def test_a_new_time_keeps_a_cancelled_date_cancelled_under_the_new_rule_date(
    series: MeetingSeries,
) -> None:
    cancelled = make_meeting(
        series=series, starts_at=at("2026-05-05", 10), status=Meeting.Status.CANCELLED
    )
    reschedule(series, start_time=time(14, 0))
    cancelled.refresh_from_db()
    assert cancelled.recurrence_id == at("2026-05-05", 14)
    assert is_rule_date(series, cancelled.recurrence_id)
    dates = upcoming_occurrences(series, at("2026-02-10", 12), 4)
    assert [o.is_cancelled for o in dates] == [False, False, True, False]


def test_a_new_time_leaves_past_meetings_as_they_took_place(series: MeetingSeries) -> None:
    past = make_meeting(series=series, starts_at=at("2026-02-03", 10))
    reschedule(series, start_time=time(14, 0))
    past.refresh_from_db()
    assert (past.recurrence_id, past.starts_at) == (at("2026-02-03", 10), at("2026-02-03", 10))


def test_a_new_time_shows_prepared_moved_and_cancelled_meetings_on_their_dates(
    series: MeetingSeries,
) -> None:
    prepared = make_meeting(series=series, starts_at=at("2026-03-03", 10))
    moved = make_meeting(
        series=series, recurrence_id=at("2026-04-07", 10), starts_at=at("2026-04-08", 11)
    )
    cancelled = make_meeting(
        series=series, starts_at=at("2026-05-05", 10), status=Meeting.Status.CANCELLED
    )
    reschedule(series, start_time=time(14, 0))
    dates = upcoming_occurrences(series, at("2026-02-10", 12), 4)
    assert [o.meeting.pk if o.meeting else None for o in dates] == [
        prepared.pk,
        moved.pk,
        cancelled.pk,
        None,
    ]
    assert dates[3].starts_at == at("2026-06-02", 14)


def test_a_new_duration_changes_the_end_of_a_prepared_meeting(series: MeetingSeries) -> None:
    prepared = make_meeting(series=series, starts_at=at("2026-03-03", 10))
    reschedule(series, duration_minutes=90)
    prepared.refresh_from_db()
    assert prepared.ends_at == at("2026-03-03", 11, 30)


def test_a_new_rule_keeps_a_prepared_meeting_off_its_days_as_a_single_meeting(
    series: MeetingSeries,
) -> None:
    prepared = make_meeting(series=series, starts_at=at("2026-03-03", 10))
    detached = reschedule(series, rule="FREQ=MONTHLY;BYDAY=1WE")
    prepared.refresh_from_db()
    assert detached == [prepared]
    assert (prepared.series_id, prepared.recurrence_id) == (None, None)
    assert prepared.uid != series.uid
    assert prepared.sequence == 0
    assert prepared.starts_at == at("2026-03-03", 10)


def test_a_new_rule_drops_a_cancelled_meeting_off_its_days(series: MeetingSeries) -> None:
    cancelled = make_meeting(
        series=series, starts_at=at("2026-03-03", 10), status=Meeting.Status.CANCELLED
    )
    assert reschedule(series, rule="FREQ=MONTHLY;BYDAY=1WE") == []
    assert not Meeting.objects.filter(pk=cancelled.pk).exists()


def test_a_new_rule_keeps_a_prepared_meeting_on_one_of_its_days_in_the_series(
    series: MeetingSeries,
) -> None:
    prepared = make_meeting(series=series, starts_at=at("2026-03-03", 10))
    assert reschedule(series, rule="FREQ=WEEKLY;BYDAY=TU") == []
    prepared.refresh_from_db()
    assert (prepared.series_id, prepared.recurrence_id) == (series.pk, at("2026-03-03", 10))


def test_a_meeting_moved_from_a_past_rule_date_to_a_day_ahead_is_still_coming(
    series: MeetingSeries,
) -> None:
    moved = make_meeting(
        series=series, recurrence_id=at("2026-02-03", 10), starts_at=at("2026-02-20", 10)
    )
    dates = upcoming_occurrences(series, at("2026-02-10", 12), 2)
    assert [o.starts_at for o in dates] == [at("2026-02-20", 10), at("2026-03-03", 10)]
    assert dates[0].meeting == moved


def test_a_meeting_moved_from_a_coming_rule_date_into_the_past_is_not_coming(
    series: MeetingSeries,
) -> None:
    make_meeting(series=series, recurrence_id=at("2026-03-03", 10), starts_at=at("2026-02-09", 10))
    dates = upcoming_occurrences(series, at("2026-02-10", 12), 2)
    assert [o.starts_at for o in dates] == [at("2026-04-07", 10), at("2026-05-05", 10)]
