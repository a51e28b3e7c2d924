"""The calendar feed (RFC 5545): send dates, receipt deadlines and contract ends as all-day
events. UIDs are derived from the contract and the date, so a calendar that polls the feed
updates its events instead of duplicating them."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from vendorwatch.contracts.deadlines import contract_deadlines
from vendorwatch.contracts.models import Contract
from vendorwatch.core.deadlines import format_date

PRODID = "-//Vendorwatch//Contract deadlines//DE"


def _event(uid: str, day: date, summary: str, description: str, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    event.add("transp", "TRANSPARENT")
    return event


def contract_calendar(*, language: str, today: date | None = None) -> bytes:
    today = today or timezone.localdate()
    stamp = timezone.now().astimezone(UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    with translation.override(language):
        calendar.add("x-wr-calname", _("Contract deadlines"))
        contracts = list(Contract.objects.select_related("provider"))
        for row in contract_deadlines(contracts, today):
            result, contract = row.result, row.contract
            name = f"{contract.title} ({contract.provider.name})"
            if row.failed:
                # Shown on the day the feed is read, so the record gets checked.
                uid = f"contract-{contract.pk}-unreadable@vendorwatch"
                summary = f"{row.status_text}: {name}"
                calendar.add_component(_event(uid, today, summary, summary, stamp))
                continue
            if result is None:
                continue
            explanation = "\n".join(row.summary + row.explanation)
            # The arrive-by event is on the advised day (never one that has passed); the
            # legal deadline leads its description when the two differ.
            arrive = explanation
            if result.arrive_by_differs and result.receipt_deadline is not None:
                legal = _("Legal deadline for receipt: %(date)s") % {
                    "date": format_date(result.receipt_deadline)
                }
                arrive = f"{legal}\n{explanation}"
            send = _("Send notice by today: %(name)s")
            events = [
                ("send", result.recommended_send_date, send, explanation),
                ("receipt", result.arrive_by, _("Notice must be received: %(name)s"), arrive),
                ("end", result.next_possible_end, _("Contract end: %(name)s"), explanation),
            ]
            for kind, day, summary, description in events:
                if day is None or day >= date.max:  # no next day to end the event on
                    continue
                uid = f"contract-{contract.pk}-{kind}-{day:%Y%m%d}@vendorwatch"
                calendar.add_component(
                    _event(uid, day, summary % {"name": name}, description, stamp)
                )
    feed: bytes = calendar.to_ical()
    return feed
