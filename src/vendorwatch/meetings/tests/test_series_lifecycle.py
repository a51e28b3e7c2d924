"""Taking people out of a series, ending it, deleting it, and changing its schedule from the
page: who is told, and what stays."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from vendorwatch.meetings import mail
from vendorwatch.meetings.models import Meeting, MeetingSeries
from vendorwatch.meetings.tests.factory import BERLIN, make_meeting, make_series
from vendorwatch.meetings.tests.test_series_views import german, record_calls, series_data
from vendorwatch.testing.factory import make_contact, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def calls(monkeypatch: Any) -> list[tuple[str, int]]:
    return record_calls(monkeypatch)


@pytest.fixture
def cancelled_to(monkeypatch: Any) -> list[list[str] | None]:
    """The recipients each series cancellation was limited to (None: everyone)."""
    recorded: list[list[str] | None] = []

    def record(series: MeetingSeries, *, by: Any, recipients: list[str] | None = None) -> int:
        recorded.append(None if recipients is None else sorted(recipients))
        return len(recipients or [])

    monkeypatch.setattr(mail, "series_cancelled", record)
    return recorded


@pytest.fixture
def editor_client(client: Client, editor: Any, time_machine: Any) -> Client:
    time_machine.move_to("2026-02-10 12:00+01:00", tick=False)
    client.force_login(editor)
    return client


def at(day: str, hour: int) -> datetime:
    return datetime.combine(date.fromisoformat(day), time(hour, 0), tzinfo=BERLIN)


# --- people taken out -----------------------------------------------------------------------


def test_people_taken_out_of_a_series_receive_a_cancellation_even_unticked(
    editor_client: Client, calls, cancelled_to
) -> None:
    series = make_series()
    kept = make_user(email="kept@example.com")
    gone = make_user(email="gone@example.com")
    contact = make_contact(series.provider, name="Herr Brandl", email="brandl@example.com")
    series.participants.set([kept, gone])
    series.contacts.set([contact])
    data = series_data(series.provider, participants=[kept.pk])
    editor_client.post(reverse("meetings-series-edit", args=[series.pk]), data)
    assert cancelled_to == [["brandl@example.com", "gone@example.com"]]
    assert calls == []


def test_nobody_is_sent_a_cancellation_when_nobody_was_taken_out(
    editor_client: Client, calls, cancelled_to
) -> None:
    series = make_series()
    data = series_data(series.provider, start_time="11:00", send_update="on")
    editor_client.post(reverse("meetings-series-edit", args=[series.pk]), data)
    assert cancelled_to == []
    assert calls == [("series_changed", series.pk)]


# --- deleting -------------------------------------------------------------------------------


def test_a_series_with_approved_minutes_is_not_deleted(editor_client: Client, cancelled_to) -> None:
    series = make_series()
    make_meeting(series=series, starts_at=at("2026-02-03", 10), minutes_status="approved")
    url = reverse("meetings-series-delete", args=[series.pk])
    response = editor_client.post(url, follow=True)
    assert MeetingSeries.objects.filter(pk=series.pk).exists()
    text = german(
        "This series has meetings with approved minutes and cannot be deleted. End the series "
        "instead: its minutes are kept."
    )
    assert text in response.text
    assert cancelled_to == []


def test_the_delete_page_of_a_series_with_approved_minutes_offers_to_end_it(
    editor_client: Client,
) -> None:
    series = make_series()
    make_meeting(series=series, starts_at=at("2026-02-03", 10), minutes_status="approved")
    response = editor_client.get(reverse("meetings-series-delete", args=[series.pk]))
    assert reverse("meetings-series-end", args=[series.pk]) in response.text
    assert 'class="danger"' not in response.text


def test_deleting_a_series_sends_everyone_its_cancellation(
    editor_client: Client, cancelled_to
) -> None:
    series = make_series()
    editor_client.post(reverse("meetings-series-delete", args=[series.pk]))
    assert cancelled_to == [None]
    assert not MeetingSeries.objects.exists()


# --- ending ---------------------------------------------------------------------------------


def test_ending_a_series_stops_its_rule_after_today(editor_client: Client, calls) -> None:
    series = make_series(rule="FREQ=MONTHLY;BYDAY=1TU;COUNT=24")
    editor_client.post(reverse("meetings-series-end", args=[series.pk]))
    series.refresh_from_db()
    # The end of 10.02.2026 in Berlin, in UTC.
    assert series.rule == "FREQ=MONTHLY;BYDAY=1TU;UNTIL=20260210T225959Z"
    assert calls == [("series_changed", series.pk)]


def test_an_ended_series_says_so_and_offers_no_new_dates(editor_client: Client, calls) -> None:
    series = make_series()
    editor_client.post(reverse("meetings-series-end", args=[series.pk]))
    response = editor_client.get(reverse("meetings-series-detail", args=[series.pk]))
    assert german("This series ended on %(date)s.") % {"date": "10.02.2026"} in response.text
    assert "03.03.2026" not in response.text
    assert reverse("meetings-series-end", args=[series.pk]) not in response.text


def test_ending_a_series_keeps_its_meetings_and_minutes(editor_client: Client, calls) -> None:
    series = make_series()
    past = make_meeting(series=series, starts_at=at("2026-02-03", 10), minutes_status="approved")
    editor_client.post(reverse("meetings-series-end", args=[series.pk]))
    past.refresh_from_db()
    assert (past.series_id, past.minutes_status) == (series.pk, "approved")


def test_ending_a_series_keeps_a_later_prepared_meeting_as_a_single_one(
    editor_client: Client, calls
) -> None:
    series = make_series()
    later = make_meeting(series=series, starts_at=at("2026-03-03", 10))
    response = editor_client.post(reverse("meetings-series-end", args=[series.pk]), follow=True)
    later.refresh_from_db()
    assert later.series_id is None
    assert ("meeting_invite", later.pk) in calls
    text = german(
        "The meeting on %(date)s is no longer a date of the series; it was kept as a single "
        "meeting with its agenda."
    )
    assert text % {"date": "03.03.2026"} in response.text


def test_a_series_that_has_not_begun_cannot_be_ended(editor_client: Client, calls) -> None:
    series = make_series(first_date=date(2026, 6, 2))
    editor_client.post(reverse("meetings-series-end", args=[series.pk]))
    series.refresh_from_db()
    assert series.rule == "FREQ=MONTHLY;BYDAY=1TU"
    assert calls == []


# --- a new schedule from the page -----------------------------------------------------------


def test_a_new_time_on_the_page_moves_the_prepared_meeting_with_it(
    editor_client: Client, calls
) -> None:
    series = make_series()
    prepared = make_meeting(series=series, starts_at=at("2026-03-03", 10))
    data = series_data(series.provider, start_time="14:00")
    editor_client.post(reverse("meetings-series-edit", args=[series.pk]), data)
    prepared.refresh_from_db()
    assert (prepared.recurrence_id, prepared.starts_at) == (at("2026-03-03", 14),) * 2


def test_a_new_rule_on_the_page_says_which_meeting_was_kept_as_a_single_one(
    editor_client: Client, calls
) -> None:
    series = make_series()
    prepared = make_meeting(series=series, starts_at=at("2026-03-03", 10))
    data = series_data(series.provider, preset="custom", rule="FREQ=MONTHLY;BYDAY=1WE")
    response = editor_client.post(
        reverse("meetings-series-edit", args=[series.pk]), data, follow=True
    )
    text = german(
        "The meeting on %(date)s is no longer a date of the series; it was kept as a single "
        "meeting with its agenda."
    )
    assert text % {"date": "03.03.2026"} in response.text
    assert Meeting.objects.get(pk=prepared.pk).series_id is None
