"""The overview and the series page: the database is asked as often for many series as for
one, moved meetings stay where they are, and older meetings are a page further on."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from vendorwatch.meetings.models import Meeting
from vendorwatch.meetings.tests.factory import BERLIN, make_meeting, make_series

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client: Client, editor: Any, time_machine: Any) -> Client:
    time_machine.move_to("2026-02-10 12:00+01:00", tick=False)
    client.force_login(editor)
    return client


def at(day: str, hour: int) -> datetime:
    return datetime.combine(date.fromisoformat(day), time(hour, 0), tzinfo=BERLIN)


def add_series_with_meetings() -> None:
    series = make_series(first_date=date(2026, 1, 6))
    make_meeting(series=series, starts_at=at("2026-02-03", 10))
    make_meeting(series=series, starts_at=at("2026-03-03", 10))
    make_meeting(series=series, recurrence_id=at("2026-04-07", 10), starts_at=at("2026-04-08", 9))
    make_meeting(series=series, recurrence_id=at("2026-01-06", 10), starts_at=at("2026-02-20", 9))


def overview_queries(client: Client) -> int:
    client.get(reverse("meetings-index"))
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("meetings-index"))
    assert response.status_code == 200
    return len(captured)


def test_the_overview_asks_as_often_with_ten_series_as_with_one(editor_client: Client) -> None:
    add_series_with_meetings()
    one = overview_queries(editor_client)
    for _ in range(9):
        add_series_with_meetings()
    assert overview_queries(editor_client) == one


def test_the_overview_shows_a_meeting_moved_from_a_past_rule_date_to_a_coming_day(
    editor_client: Client,
) -> None:
    series = make_series(first_date=date(2026, 1, 6))
    moved = make_meeting(
        series=series, recurrence_id=at("2026-02-03", 10), starts_at=at("2026-02-20", 9)
    )
    response = editor_client.get(reverse("meetings-index"))
    assert reverse("meetings-detail", args=[moved.pk]) in response.text
    assert "20.02.2026 09:00–10:00" in response.text


def test_the_series_page_lists_a_meeting_moved_into_the_past_as_past(
    editor_client: Client,
) -> None:
    series = make_series(first_date=date(2026, 1, 6))
    moved = make_meeting(
        series=series, recurrence_id=at("2026-03-03", 10), starts_at=at("2026-02-09", 10)
    )
    response = editor_client.get(reverse("meetings-series-detail", args=[series.pk]))
    past = response.text.split('id="past-heading"')[1]
    assert reverse("meetings-detail", args=[moved.pk]) in past


def past_meetings(series: Any, count: int) -> list[Meeting]:
    start = at("2025-01-01", 10)
    return [
        make_meeting(series=series, starts_at=start + timedelta(days=7 * n)) for n in range(count)
    ]


def test_older_past_meetings_are_on_the_next_page_of_the_overview(
    editor_client: Client, settings: Any
) -> None:
    settings.PAGE_SIZE = 3
    oldest, *_ = past_meetings(None, 4)
    url = reverse("meetings-detail", args=[oldest.pk])
    assert url not in editor_client.get(reverse("meetings-index")).text
    assert url in editor_client.get(reverse("meetings-index") + "?page=2").text


def test_older_past_meetings_are_on_the_next_page_of_the_series(
    editor_client: Client, settings: Any
) -> None:
    settings.PAGE_SIZE = 3
    series = make_series(rule="FREQ=WEEKLY", first_date=date(2025, 1, 1))
    oldest, *_ = past_meetings(series, 4)
    page = reverse("meetings-series-detail", args=[series.pk])
    url = reverse("meetings-detail", args=[oldest.pk])
    assert url not in editor_client.get(page).text
    assert url in editor_client.get(page + "?page=2").text
