"""Invitations as iCalendar: the series' rule, the zone, local times across the change to
summer time, moved and cancelled dates, UID and SEQUENCE."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from dateutil.rrule import rrulestr

from vendorwatch.meetings.ical import meeting_calendar, series_calendar
from vendorwatch.meetings.tests.factory import make_meeting, make_series
from vendorwatch.providers.models import Contact

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def parse(raw: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(raw)


def master(calendar: icalendar.Calendar) -> icalendar.Event:
    return next(e for e in calendar.walk("VEVENT") if "RECURRENCE-ID" not in e)


def test_the_invitation_is_a_request_with_the_series_rule() -> None:
    series = make_series(rule="FREQ=MONTHLY;BYDAY=1TU")
    calendar = parse(series_calendar(series))
    assert str(calendar["METHOD"]) == "REQUEST"
    event = master(calendar)
    assert event["RRULE"] == icalendar.vRecur.from_ical("FREQ=MONTHLY;BYDAY=1TU")
    assert event["RRULE"].to_ical().decode() == "FREQ=MONTHLY;BYDAY=1TU"
    assert str(event["UID"]) == series.uid
    assert event["SEQUENCE"] == 0


def test_the_invitation_carries_a_vtimezone_for_the_series_zone() -> None:
    calendar = parse(series_calendar(make_series()))
    zones = calendar.walk("VTIMEZONE")
    assert [str(z["TZID"]) for z in zones] == ["Europe/Berlin"]
    assert {c.name for c in zones[0].subcomponents} == {"STANDARD", "DAYLIGHT"}
    raw = series_calendar(make_series())
    assert b"DTSTART;TZID=Europe/Berlin:20260106T100000" in raw


def test_the_meetings_stay_at_ten_oclock_across_the_change_to_summer_time() -> None:
    # First Tuesday: 03.03.2026 (winter time) and 07.04.2026 (summer time, since 29.03.).
    series = make_series(rule="FREQ=MONTHLY;BYDAY=1TU", first_date=date(2026, 1, 6))
    event = master(parse(series_calendar(series)))
    start = event.decoded("DTSTART")
    assert start.tzinfo is not None and str(start.tzinfo) == "Europe/Berlin"
    rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=start)
    march, april = rule.between(
        datetime(2026, 3, 1, tzinfo=BERLIN), datetime(2026, 4, 30, tzinfo=BERLIN)
    )
    assert march.astimezone(BERLIN).time() == time(10, 0)
    assert april.astimezone(BERLIN).time() == time(10, 0)
    assert march.utcoffset() == timedelta(hours=1)
    assert april.utcoffset() == timedelta(hours=2)


def test_the_zone_definition_gives_the_right_offsets_before_and_after_the_change() -> None:
    calendar = parse(series_calendar(make_series()))
    zone = calendar.walk("VTIMEZONE")[0].to_tz()
    assert datetime(2026, 3, 3, 10, 0, tzinfo=zone).utcoffset() == timedelta(hours=1)
    assert datetime(2026, 4, 7, 10, 0, tzinfo=zone).utcoffset() == timedelta(hours=2)
    assert datetime(2026, 10, 27, 10, 0, tzinfo=zone).utcoffset() == timedelta(hours=1)


def test_the_end_is_the_start_plus_the_duration() -> None:
    event = master(parse(series_calendar(make_series(duration_minutes=90))))
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(minutes=90)


def test_participants_and_contacts_with_an_e_mail_are_attendees(editor, viewer) -> None:
    series = make_series(location="Besprechungsraum 2", video_link="https://video.example/jf")
    viewer.email = ""
    viewer.save()
    series.participants.set([editor, viewer])
    contact = Contact.objects.create(
        provider=series.provider, name="Paula Partner", email="paula@provider.example"
    )
    Contact.objects.create(provider=series.provider, name="Ohne Adresse")
    series.contacts.set(series.provider.contacts.all())
    event = master(parse(series_calendar(series)))
    attendees = event["ATTENDEE"]
    addresses = sorted(str(a) for a in attendees)
    assert addresses == sorted([f"mailto:{editor.email}", f"mailto:{contact.email}"])
    assert all(a.params["RSVP"] == "TRUE" for a in attendees)
    assert str(event["ORGANIZER"]).startswith("mailto:")
    assert str(event["LOCATION"]) == "Besprechungsraum 2"
    assert str(event["URL"]) == "https://video.example/jf"
    assert "https://video.example/jf" in str(event["DESCRIPTION"])


def test_a_moved_occurrence_is_an_exception_with_its_recurrence_id() -> None:
    series = make_series()
    original = datetime(2026, 4, 7, 10, 0, tzinfo=BERLIN)
    moved = datetime(2026, 4, 8, 14, 0, tzinfo=BERLIN)
    make_meeting(series=series, recurrence_id=original, starts_at=moved)
    calendar = parse(series_calendar(series))
    exceptions = [e for e in calendar.walk("VEVENT") if "RECURRENCE-ID" in e]
    assert len(exceptions) == 1
    exception = exceptions[0]
    assert str(exception["UID"]) == series.uid
    assert exception.decoded("RECURRENCE-ID") == original
    assert exception.decoded("DTSTART") == moved
    assert exception.decoded("DTSTART").tzinfo is not None
    assert exception["SEQUENCE"] >= master(calendar)["SEQUENCE"]


def test_a_cancelled_occurrence_is_left_out_with_exdate() -> None:
    series = make_series()
    gone = datetime(2026, 5, 5, 10, 0, tzinfo=BERLIN)
    make_meeting(series=series, starts_at=gone, status="cancelled")
    event = master(parse(series_calendar(series)))
    exdates = [d.dt for d in event["EXDATE"].dts]
    assert exdates == [gone]
    assert b"EXDATE;TZID=Europe/Berlin:20260505T100000" in series_calendar(series)


def test_a_prepared_occurrence_that_was_not_moved_adds_no_exception() -> None:
    series = make_series()
    make_meeting(series=series, starts_at=datetime(2026, 4, 7, 10, 0, tzinfo=BERLIN))
    calendar = parse(series_calendar(series))
    assert len(calendar.walk("VEVENT")) == 1


def test_an_update_keeps_the_uid_and_carries_the_higher_sequence() -> None:
    series = make_series()
    first = master(parse(series_calendar(series)))
    series.sequence = 3
    series.start_time = time(11, 0)
    series.save()
    second = master(parse(series_calendar(series)))
    assert str(second["UID"]) == str(first["UID"])
    assert second["SEQUENCE"] == 3 > first["SEQUENCE"]


def test_an_occurrence_is_sent_with_the_series_uid_and_its_recurrence_id() -> None:
    series = make_series()
    series.sequence = 2
    series.save()
    original = datetime(2026, 4, 7, 10, 0, tzinfo=BERLIN)
    meeting = make_meeting(
        series=series, recurrence_id=original, starts_at=original + timedelta(hours=3)
    )
    calendar = parse(meeting_calendar(meeting))
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == series.uid
    assert event.decoded("RECURRENCE-ID") == original
    assert event["SEQUENCE"] == 2
    assert [str(z["TZID"]) for z in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]


def test_cancelling_an_occurrence_is_a_cancel_with_status_cancelled() -> None:
    series = make_series()
    meeting = make_meeting(series=series, status="cancelled")
    calendar = parse(meeting_calendar(meeting, method="CANCEL"))
    assert str(calendar["METHOD"]) == "CANCEL"
    (event,) = calendar.walk("VEVENT")
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["UID"]) == series.uid
    assert "RECURRENCE-ID" in event


def test_a_one_off_meeting_has_its_own_uid_and_no_rule() -> None:
    meeting = make_meeting(starts_at=datetime(2026, 7, 1, 9, 30, tzinfo=BERLIN))
    calendar = parse(meeting_calendar(meeting))
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == meeting.uid
    assert "RRULE" not in event and "RECURRENCE-ID" not in event
    assert event.decoded("DTSTART") == datetime(2026, 7, 1, 9, 30, tzinfo=BERLIN)
    assert b"DTSTART;TZID=Europe/Berlin:20260701T093000" in meeting_calendar(meeting)
    assert calendar.walk("VTIMEZONE")


def test_an_ended_series_keeps_only_its_prepared_meetings() -> None:
    series = make_series(ended=True)
    first = datetime(2026, 2, 3, 10, 0, tzinfo=BERLIN)
    second = datetime(2026, 3, 3, 10, 0, tzinfo=BERLIN)
    make_meeting(series=series, starts_at=first)
    make_meeting(series=series, starts_at=second)
    event = master(parse(series_calendar(series)))
    assert "RRULE" not in event
    assert event.decoded("DTSTART") == first
    assert [d.dt for d in event["RDATE"].dts] == [second]


def test_a_rule_with_an_end_date_keeps_it() -> None:
    rule = "FREQ=WEEKLY;BYDAY=MO;UNTIL=20261231T225959Z"
    event = master(parse(series_calendar(make_series(rule=rule, first_date=date(2026, 1, 5)))))
    assert event["RRULE"].to_ical().decode() == "FREQ=WEEKLY;UNTIL=20261231T225959Z;BYDAY=MO" or (
        event["RRULE"] == icalendar.vRecur.from_ical(rule)
    )


@pytest.mark.parametrize("zone", ["America/New_York", "Australia/Sydney", "Asia/Tokyo"])
def test_other_zones_give_the_right_offsets(zone: str) -> None:
    series = make_series(time_zone=zone, first_date=date(2026, 1, 5), rule="FREQ=WEEKLY")
    calendar = parse(series_calendar(series))
    defined = calendar.walk("VTIMEZONE")[0].to_tz()
    real = ZoneInfo(zone)
    for month in range(1, 13):
        moment = datetime(2026, month, 15, 10, 0)
        assert moment.replace(tzinfo=defined).utcoffset() == moment.replace(tzinfo=real).utcoffset()
