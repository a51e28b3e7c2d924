"""Meetings as iCalendar (RFC 5545) for invitations (iTIP, RFC 5546) and the personal feed.

A series is one VEVENT with the series' rule, its start as local wall time in the series' own
zone (``DTSTART;TZID=Europe/Berlin:…T100000``) and a VTIMEZONE for that zone, so 10:00 stays
10:00 across the change to and from summer time. A stored occurrence that was moved is a
further VEVENT with the same UID and a RECURRENCE-ID (the start the rule gives it); a
cancelled one is an EXDATE of the series.

SEQUENCE: ``MeetingSeries.sequence`` is the highest SEQUENCE ever sent under the series' UID.
Every VEVENT of a series' calendar carries it, so an occurrence that was moved is never older
than the series (Outlook drops such an exception). How it is raised: :mod:`.mail`.
"""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, timedelta
from email.utils import parseaddr
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.rrule import rrulestr
from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import (
    Calendar,
    Component,
    Event,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
    vCalAddress,
    vRecur,
)

from vendorwatch.meetings.models import Meeting, MeetingSeries

logger = logging.getLogger(__name__)

PRODID = "-//Vendorwatch//Meetings//DE"
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# Years checked before a zone's changes to and from summer time are written as yearly rules.
RULE_CHECK_YEARS = 5
# The last year a VTIMEZONE is computed from: the rules are checked for RULE_CHECK_YEARS and a
# zone without regular rules is listed for 30 years, all before the year 10000 Python cannot
# write. A stored date after it (a year 9999 typed by mistake) gets the zone of this year.
LAST_ZONE_YEAR = 9999 - 30 - 1
# What building a calendar raises for a record it cannot show: a zone that does not exist
# (KeyError), a date at the end of the calendar that cannot be shifted (OverflowError, "year
# 10000 is out of range"), a rule that cannot be read (ValueError).
CALENDAR_ERRORS: tuple[type[Exception], ...] = (ValueError, KeyError, OverflowError)


def page_link(name: str, pk: int, base_url: str | None = None) -> str:
    """The absolute address of a page, or "" while that page does not exist."""
    try:
        path = reverse(name, args=[pk])
    except NoReverseMatch:
        return ""
    return (settings.SITE_URL if base_url is None else base_url).rstrip("/") + path


def series_url(series: MeetingSeries, base_url: str | None = None) -> str:
    return page_link("meetings-series-detail", series.pk, base_url)


def meeting_url(meeting: Meeting, base_url: str | None = None) -> str:
    return page_link("meetings-detail", meeting.pk, base_url)


# --- time zones -------------------------------------------------------------------------------


def _transitions(zone: ZoneInfo, year: int) -> list[tuple[datetime, timedelta, timedelta, str]]:
    """The zone's changes of offset in ``year``: (local time before it, offset before, offset
    after, name after), found hour by hour and then to the minute."""
    found = []
    moment = datetime(year, 1, 1, tzinfo=UTC)
    end = datetime(year + 1, 1, 1, tzinfo=UTC)
    before = moment.astimezone(zone).utcoffset()
    while moment < end:
        following = moment + timedelta(hours=1)
        after = following.astimezone(zone).utcoffset()
        if after != before:
            low, high = moment, following
            while high - low > timedelta(minutes=1):
                middle = low + (high - low) / 2
                if middle.astimezone(zone).utcoffset() == before:
                    low = middle
                else:
                    high = middle
            assert before is not None and after is not None
            local = (high + before).replace(tzinfo=None)
            found.append((local, before, after, high.astimezone(zone).tzname() or ""))
            before = after
        moment = following
    return found


def _weekday_rule(local: datetime) -> str:
    """``FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU``: the transition's day as "n-th weekday"."""
    following_month = (local.replace(day=28) + timedelta(days=4)).replace(day=1)
    last = (following_month - timedelta(days=1)).day
    nth = "-1" if local.day + 7 > last else str((local.day - 1) // 7 + 1)
    return f"FREQ=YEARLY;BYMONTH={local.month};BYDAY={nth}{WEEKDAYS[local.weekday()]}"


@lru_cache(maxsize=32)
def _timezone_ical(tzid: str, year: int) -> bytes:
    """VTIMEZONE with yearly rules, as Outlook and Thunderbird write it themselves, when the
    zone changed the same way for the last years; else icalendar's list of changes."""
    zone = ZoneInfo(tzid)
    years = [_transitions(zone, y) for y in range(year, year + RULE_CHECK_YEARS)]
    first = years[0]
    rules = [_weekday_rule(local) for local, *_rest in first]
    regular = all(
        len(changes) == len(first)
        and [_weekday_rule(local) for local, *_rest in changes] == rules
        and [(b, a) for _l, b, a, _n in changes] == [(b, a) for _l, b, a, _n in first]
        for changes in years
    )
    if not regular:
        component = Timezone.from_tzid(
            tzid, first_date=date(year - 1, 1, 1), last_date=date(year + 30, 1, 1)
        )
        return bytes(component.to_ical())
    vtimezone = Timezone()
    vtimezone.add("tzid", tzid)
    if not first:
        probe = datetime(year, 1, 1, 12, tzinfo=zone)
        standard = TimezoneStandard()
        standard.add("dtstart", datetime(1970, 1, 1))
        standard.add("tzoffsetfrom", probe.utcoffset())
        standard.add("tzoffsetto", probe.utcoffset())
        standard.add("tzname", probe.tzname() or tzid)
        vtimezone.add_component(standard)
    for (local, before, after, name), rule in zip(first, rules, strict=True):
        part: Component = TimezoneDaylight() if after > before else TimezoneStandard()
        # Written from 1970 on, as Thunderbird does: the rule then covers every date a
        # calendar can ask about, also one before the first change of this year.
        onset = rrulestr(rule, dtstart=datetime(1970, 1, 1, local.hour, local.minute))
        part.add("dtstart", next(iter(onset)))
        part.add("rrule", vRecur.from_ical(rule))
        part.add("tzoffsetfrom", before)
        part.add("tzoffsetto", after)
        part.add("tzname", name)
        vtimezone.add_component(part)
    return bytes(vtimezone.to_ical())


def timezone_component(tzid: str, year: int) -> Component:
    """The VTIMEZONE for ``tzid``, valid from ``year`` on (made once per process and zone);
    the year is kept between 1971 and :data:`LAST_ZONE_YEAR`."""
    return Component.from_ical(_timezone_ical(tzid, min(max(1971, year), LAST_ZONE_YEAR)))


# --- events -----------------------------------------------------------------------------------


def company_zone() -> str:
    """The company's time zone (``Organisation.time_zone``), for meetings that do not belong
    to a series; ``settings.TIME_ZONE`` when none is set or it is not a known zone."""
    from vendorwatch.organisation.models import Organisation

    organisation = Organisation.load()
    name = (organisation.time_zone if organisation else "") or settings.TIME_ZONE
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        logger.warning(
            "unknown time zone %r of the organisation, using %s", name, settings.TIME_ZONE
        )
        return str(settings.TIME_ZONE)
    return name


def display_zone(holder: MeetingSeries | Meeting) -> str:
    """The zone a series or meeting is shown in, in the calendar file and in every e-mail
    about it: the series' own zone (its rule is expanded there), else the organisation's,
    else ``settings.TIME_ZONE``. A series' zone is returned as stored; building a calendar
    in a zone that does not exist raises ``KeyError`` (see :data:`CALENDAR_ERRORS`)."""
    series = holder if isinstance(holder, MeetingSeries) else holder.series
    if series is not None and series.time_zone:
        return series.time_zone
    return company_zone()


def _organizer() -> vCalAddress:
    from vendorwatch.organisation.models import Organisation

    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    organisation = Organisation.load()
    organizer = vCalAddress(f"mailto:{address}")
    organizer.params["CN"] = (organisation.name if organisation else "") or name or address
    return organizer


def _attendee(name: str, email: str) -> vCalAddress:
    attendee = vCalAddress(f"mailto:{email}")
    if name:
        attendee.params["CN"] = name
    attendee.params["CUTYPE"] = "INDIVIDUAL"
    attendee.params["ROLE"] = "REQ-PARTICIPANT"
    attendee.params["PARTSTAT"] = "NEEDS-ACTION"
    attendee.params["RSVP"] = "TRUE"
    return attendee


def people_by_side(
    holder: MeetingSeries | Meeting,
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(name, e-mail) of our participants and of the provider's contacts; anyone without an
    e-mail is left out, and an address named twice is named once (on our side when it is
    one of ours)."""
    seen: set[str] = set()
    users = [(u.get_full_name() or u.username, u.email) for u in holder.participants.all()]
    contacts = [(c.name, c.email) for c in holder.contacts.all()]
    sides: tuple[list[tuple[str, str]], list[tuple[str, str]]] = ([], [])
    for side, found in zip(sides, (users, contacts), strict=True):
        for name, email in found:
            if email and email.lower() not in seen:
                seen.add(email.lower())
                side.append((name, email))
    return sides


def people(holder: MeetingSeries | Meeting) -> list[tuple[str, str]]:
    """(name, e-mail) of everyone invited, ours first; anyone without an e-mail is left out,
    and an address named twice is named once."""
    ours, theirs = people_by_side(holder)
    return ours + theirs


def _description(holder: MeetingSeries | Meeting, url: str) -> str:
    lines = [_("Meeting with %(provider)s") % {"provider": holder.provider.name}]
    if holder.location:
        lines.append(_("Place: %(place)s") % {"place": holder.location})
    if holder.video_link:
        lines.append(_("Video link: %(url)s") % {"url": holder.video_link})
    if url:
        lines.append(_("Agenda and minutes: %(url)s") % {"url": url})
    return "\n".join(lines)


def _common(
    event: Event,
    holder: MeetingSeries | Meeting,
    *,
    stamp: datetime,
    invite: bool,
    url: str,
    attendees: list[tuple[str, str]] | None = None,
) -> None:
    """Summary, place, links and (in an invitation) organiser and attendees (``attendees``,
    default: everyone invited). The page's address only in the feed: the provider's people
    cannot log in."""
    url = "" if invite else url
    event.add("summary", f"{holder.title} ({holder.provider.name})")
    event.add("dtstamp", stamp)
    if holder.location:
        event.add("location", holder.location)
    elif holder.video_link:
        event.add("location", holder.video_link)
    if holder.video_link:
        event.add("url", holder.video_link)
    elif url:
        event.add("url", url)
    event.add("description", _description(holder, url))
    if invite:
        event.add("organizer", _organizer())
        for name, email in people(holder) if attendees is None else attendees:
            event.add("attendee", _attendee(name, email))


def _local(moment: datetime, zone: ZoneInfo) -> datetime:
    return moment.astimezone(zone)


def _differs(meeting: Meeting, series: MeetingSeries) -> bool:
    """The stored occurrence is not what the rule alone would say (moved, other place)."""
    assert meeting.recurrence_id is not None
    return (
        meeting.starts_at != meeting.recurrence_id
        or meeting.ends_at - meeting.starts_at != timedelta(minutes=series.duration_minutes)
        or meeting.location != series.location
        or meeting.video_link != series.video_link
        or meeting.title != series.title
    )


def _occurrence_event(
    meeting: Meeting,
    series: MeetingSeries,
    *,
    stamp: datetime,
    sequence: int,
    invite: bool,
    cancelled: bool = False,
    base_url: str | None = None,
) -> Event:
    zone = ZoneInfo(display_zone(series))
    assert meeting.recurrence_id is not None
    event = Event()
    event.add("uid", series.uid)
    event.add("recurrence-id", _local(meeting.recurrence_id, zone))
    event.add("sequence", sequence)
    event.add("dtstart", _local(meeting.starts_at, zone))
    event.add("dtend", _local(meeting.ends_at, zone))
    _common(event, meeting, stamp=stamp, invite=invite, url=meeting_url(meeting, base_url))
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event


def _series_events(
    series: MeetingSeries,
    *,
    stamp: datetime,
    sequence: int,
    invite: bool,
    cancelled: bool,
    base_url: str | None = None,
    attendees: list[tuple[str, str]] | None = None,
) -> list[Event]:
    zone = ZoneInfo(display_zone(series))
    stored = [m for m in series.meetings.all() if m.recurrence_id is not None]
    start = datetime.combine(
        series.first_date, series.start_time.replace(second=0, microsecond=0), tzinfo=zone
    )
    master = Event()
    master.add("uid", series.uid)
    master.add("sequence", sequence)
    if series.ended:
        # Only the meetings that were prepared remain, as the pages show them.
        dates = sorted(_local(m.recurrence_id, zone) for m in stored if m.recurrence_id)
        if dates:
            start = dates[0]
            if len(dates) > 1:
                master.add("rdate", dates[1:])
        else:
            cancelled = True
    else:
        master.add("rrule", vRecur.from_ical(series.rule))
    master.add("dtstart", start)
    master.add("dtend", start + timedelta(minutes=series.duration_minutes))
    _common(
        master,
        series,
        stamp=stamp,
        invite=invite,
        url=series_url(series, base_url),
        attendees=attendees,
    )
    master.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    gone = sorted(
        _local(m.recurrence_id, zone) for m in stored if m.recurrence_id and m.is_cancelled
    )
    if gone:
        master.add("exdate", gone)
    events = [master]
    if not cancelled:
        for meeting in sorted(stored, key=lambda m: m.recurrence_id or m.starts_at):
            if not meeting.is_cancelled and _differs(meeting, series):
                events.append(
                    _occurrence_event(
                        meeting,
                        series,
                        stamp=stamp,
                        sequence=sequence,
                        invite=invite,
                        base_url=base_url,
                    )
                )
    return events


def _oneoff_event(
    meeting: Meeting,
    *,
    stamp: datetime,
    sequence: int,
    invite: bool,
    cancelled: bool,
    base_url: str | None = None,
) -> Event:
    zone = ZoneInfo(display_zone(meeting))
    event = Event()
    event.add("uid", meeting.uid)
    event.add("sequence", sequence)
    event.add("dtstart", _local(meeting.starts_at, zone))
    event.add("dtend", _local(meeting.ends_at, zone))
    _common(event, meeting, stamp=stamp, invite=invite, url=meeting_url(meeting, base_url))
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event


def _calendar(method: str | None, zones: dict[str, int], events: list[Event]) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    for tzid, year in sorted(zones.items()):
        calendar.add_component(timezone_component(tzid, year))
    for event in events:
        calendar.add_component(event)
    return calendar


def now_stamp() -> datetime:
    return timezone.now().astimezone(UTC).replace(microsecond=0)


def build_series(
    series: MeetingSeries,
    *,
    method: str,
    stamp: datetime,
    sequence: int | None = None,
    attendees: list[tuple[str, str]] | None = None,
) -> bytes:
    """:func:`series_calendar` with a given DTSTAMP and SEQUENCE (the same input then gives
    the same bytes, which :mod:`.mail` uses to see whether anything changed); ``attendees``
    (name, e-mail) instead of everyone in the series, for a CANCEL to people taken off it.

    Raises one of :data:`CALENDAR_ERRORS` for a series that cannot be written (a date at the
    end of the calendar, a zone that does not exist)."""
    events = _series_events(
        series,
        stamp=stamp,
        sequence=series.sequence if sequence is None else sequence,
        invite=True,
        cancelled=method == "CANCEL",
        attendees=attendees,
    )
    calendar = _calendar(method, {display_zone(series): series.first_date.year}, events)
    return bytes(calendar.to_ical())


def series_calendar(series: MeetingSeries, *, method: str = "REQUEST") -> bytes:
    """The whole series for an invitation or update (``REQUEST``), or to call it off
    (``CANCEL``)."""
    return build_series(series, method=method, stamp=now_stamp())


def build_meeting(
    meeting: Meeting, *, method: str, stamp: datetime, sequence: int | None = None
) -> bytes:
    """:func:`meeting_calendar` with a given DTSTAMP and SEQUENCE.

    Raises one of :data:`CALENDAR_ERRORS` for a meeting that cannot be written."""
    cancelled = method == "CANCEL"
    series = meeting.series
    if series is not None and meeting.recurrence_id is not None:
        if sequence is None:
            sequence = max(series.sequence, meeting.sequence)
        event = _occurrence_event(
            meeting, series, stamp=stamp, sequence=sequence, invite=True, cancelled=cancelled
        )
        zones = {display_zone(series): meeting.recurrence_id.year}
    else:
        event = _oneoff_event(
            meeting,
            stamp=stamp,
            sequence=meeting.sequence if sequence is None else sequence,
            invite=True,
            cancelled=cancelled,
        )
        zones = {display_zone(meeting): meeting.starts_at.year}
    return bytes(_calendar(method, zones, [event]).to_ical())


def meeting_calendar(meeting: Meeting, *, method: str = "REQUEST") -> bytes:
    """One meeting: a one-off under its own UID, or one occurrence of a series (the series'
    UID and a RECURRENCE-ID), as an invitation or update (``REQUEST``) or called off
    (``CANCEL``, STATUS:CANCELLED)."""
    return build_meeting(meeting, method=method, stamp=now_stamp())


# --- the personal feed ------------------------------------------------------------------------


def feed_events(*, base_url: str | None = None) -> list[Component]:
    """What the personal calendar feed shows of meetings: a VTIMEZONE for each zone in use,
    then every series that still has a meeting (with its moved and cancelled dates) and every
    planned one-off meeting. Without organiser and attendees: a subscribed calendar only shows
    the dates, nobody answers from it. Texts in the active language; links to the pages
    start with ``base_url`` (default: the site's address).

    A series or meeting that cannot be written (a zone that does not exist, a date at the end
    of the calendar) is left out and logged; the rest of the feed is shown as usual."""
    stamp = now_stamp()
    zones: dict[str, int] = {}
    events: list[Event] = []
    series_list = MeetingSeries.objects.select_related("provider").prefetch_related("meetings")
    for series in series_list:
        try:
            found = _series_events(
                series,
                stamp=stamp,
                sequence=series.sequence,
                invite=False,
                cancelled=False,
                base_url=base_url,
            )
            if str(found[0].get("STATUS")) == "CANCELLED":
                continue
            zone, year = display_zone(series), series.first_date.year
            timezone_component(zone, year)  # made here, so a failure leaves out this series
            for event in found:
                event.to_ical()
        except CALENDAR_ERRORS as error:
            logger.warning("meeting series %s left out of the feed: %s", series.pk, error)
            continue
        zones[zone] = min(zones.get(zone, year), year)
        events.extend(found)
    oneoffs = Meeting.objects.filter(series__isnull=True, status=Meeting.Status.PLANNED)
    for meeting in oneoffs.select_related("provider"):
        try:
            event = _oneoff_event(
                meeting,
                stamp=stamp,
                sequence=meeting.sequence,
                invite=False,
                cancelled=False,
                base_url=base_url,
            )
            zone, year = display_zone(meeting), meeting.starts_at.year
            timezone_component(zone, year)
            event.to_ical()
        except CALENDAR_ERRORS as error:
            logger.warning("meeting %s left out of the feed: %s", meeting.pk, error)
            continue
        zones[zone] = min(zones.get(zone, year), year)
        events.append(event)
    components: list[Component] = [timezone_component(t, y) for t, y in sorted(zones.items())]
    return components + list(events)


def feed_state() -> list[Any]:
    """What the meetings in the feed depend on, for the feed's version."""
    from django.db.models import Count, Max

    series = MeetingSeries.objects.aggregate(
        changed=Max("updated_at"), count=Count("pk"), last=Max("pk")
    )
    meetings = Meeting.objects.aggregate(
        changed=Max("updated_at"), count=Count("pk"), last=Max("pk")
    )
    return [sorted(series.items()), sorted(meetings.items())]
