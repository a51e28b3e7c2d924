"""The personal calendar feed shows the meetings with the providers too."""

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
import time_machine
from dateutil.rrule import rrulestr
from django.test import Client
from django.urls import reverse

from vendorwatch.contracts.models import CalendarFeedToken
from vendorwatch.contracts.tests.factory import make_contract, nrw
from vendorwatch.meetings.tests.factory import make_meeting, make_series

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def feed(client: Client, user: Any, **headers: str) -> Any:
    _feed, token = CalendarFeedToken.issue(user=user, language="de")
    return client.get(reverse("contracts-calendar-feed", args=[token]), **headers)


def test_a_series_is_in_the_feed_with_its_rule_and_zone(client: Client, viewer) -> None:
    series = make_series(rule="FREQ=MONTHLY;BYDAY=1TU")
    calendar = icalendar.Calendar.from_ical(feed(client, viewer).content)
    (event,) = [e for e in calendar.walk("VEVENT") if str(e["UID"]) == series.uid]
    assert event["RRULE"] == icalendar.vRecur.from_ical(series.rule)
    assert [str(z["TZID"]) for z in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    start = event.decoded("DTSTART")
    rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=start)
    march, april = rule.between(
        datetime(2026, 3, 1, tzinfo=BERLIN), datetime(2026, 4, 30, tzinfo=BERLIN)
    )
    assert march.astimezone(BERLIN).time() == april.astimezone(BERLIN).time() == time(10, 0)
    assert "ATTENDEE" not in event


def test_a_moved_meeting_and_a_one_off_meeting_are_in_the_feed(client: Client, viewer) -> None:
    series = make_series()
    original = datetime(2026, 4, 7, 10, 0, tzinfo=BERLIN)
    make_meeting(series=series, recurrence_id=original, starts_at=original + timedelta(hours=4))
    one_off = make_meeting(starts_at=datetime(2026, 5, 20, 9, 0, tzinfo=BERLIN))
    calendar = icalendar.Calendar.from_ical(feed(client, viewer).content)
    events = calendar.walk("VEVENT")
    moved = [e for e in events if "RECURRENCE-ID" in e]
    assert [e.decoded("RECURRENCE-ID") for e in moved] == [original]
    assert one_off.uid in {str(e["UID"]) for e in events}


def test_the_feed_changes_when_a_series_changes(client: Client, viewer) -> None:
    series = make_series()
    _feed, token = CalendarFeedToken.issue(user=viewer, language="de")
    url = reverse("contracts-calendar-feed", args=[token])
    with time_machine.travel("2026-06-15 10:00 +0200", tick=False):
        first = client.get(url)
    with time_machine.travel("2026-06-15 10:05 +0200", tick=False):
        series.start_time = time(11, 0)
        series.save()
        second = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 200
    assert second["ETag"] != first["ETag"]
    assert b"T110000" in second.content


def test_the_feed_changes_when_a_meeting_is_moved(client: Client, viewer) -> None:
    series = make_series()
    _feed, token = CalendarFeedToken.issue(user=viewer, language="de")
    url = reverse("contracts-calendar-feed", args=[token])
    with time_machine.travel("2026-06-15 10:00 +0200", tick=False):
        first = client.get(url)
    with time_machine.travel("2026-06-15 10:05 +0200", tick=False):
        make_meeting(series=series, starts_at=datetime(2026, 7, 7, 10, 0, tzinfo=BERLIN))
        second = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 200
    assert second["ETag"] != first["ETag"]


def test_the_feed_page_mentions_the_meetings(client: Client, editor) -> None:
    client.force_login(editor)
    page = client.get(reverse("contracts-calendar")).text
    assert "Besprechungen" in page


@time_machine.travel("2026-06-15 10:00 +0200", tick=False)
def test_a_series_in_the_year_9999_leaves_the_deadlines_and_other_series_in_the_feed(
    client: Client, viewer
) -> None:
    nrw()
    contract = make_contract(title="Betreuung")
    other = make_series(time_zone="Europe/London")
    make_series(first_date=date(9999, 6, 7), time_zone="Europe/London")
    response = feed(client, viewer)
    assert response.status_code == 200
    uids = {str(e["UID"]) for e in icalendar.Calendar.from_ical(response.content).walk("VEVENT")}
    assert f"contract-{contract.pk}-end-20261231@vendorwatch" in uids
    assert other.uid in uids


def test_a_series_at_the_very_end_of_the_calendar_is_left_out_of_the_feed(
    client: Client, viewer
) -> None:
    other = make_series()
    broken = make_series(
        first_date=date(9999, 12, 31), start_time=time(23, 30), time_zone="Europe/London"
    )
    response = feed(client, viewer)
    assert response.status_code == 200
    uids = {str(e["UID"]) for e in icalendar.Calendar.from_ical(response.content).walk("VEVENT")}
    assert other.uid in uids
    assert broken.uid not in uids
